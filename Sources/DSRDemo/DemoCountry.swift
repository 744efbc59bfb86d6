import DSRKit

/// How one country writes its phone numbers, service numbers and company data.
///
/// Ranges are kept disjoint on purpose: the digit right after a mobile prefix is 1–5 for
/// random callers, 6–7 for contacts and forward targets, and 8–9 for planted subjects and
/// their decoys; random service numbers start their subscriber part with 2–9, planted ones
/// with 1. So no random row can ever match a planted identifier by accident.
struct DemoCountry: Sendable {
    /// ISO 3166 alpha-2 code.
    let code: String
    /// Calling code without `+`.
    let callingCode: String
    /// Mobile prefixes of the national significant number (after the trunk `0`).
    let mobilePrefixes: [String]
    /// Length of a mobile national significant number.
    let mobileLength: Int
    /// How many leading digits of a mobile number are written as its "area" part.
    let mobileSplit: Int
    /// Landline area codes; the subscriber part fills up to `landlineLength`.
    let areaCodes: [String]
    /// Length of a landline national significant number.
    let landlineLength: Int
    /// Service number prefixes (national significant number) and subscriber lengths.
    let freephone: (prefix: String, length: Int)
    let premium: (prefix: String, length: Int)
    let sharedCost: (prefix: String, length: Int)?
    /// Share of random customers from this country, in percent.
    let weight: Int

    /// Index of this country in ``all``.
    var index: Int { DemoCountry.all.firstIndex { $0.code == code } ?? 0 }

    /// The countries of the demo, NL first.
    static let all: [DemoCountry] = [
        DemoCountry(
            code: "NL", callingCode: "31", mobilePrefixes: ["6"], mobileLength: 9,
            mobileSplit: 1, areaCodes: ["10", "20", "30", "40", "43", "50", "70", "71", "73"],
            landlineLength: 9, freephone: ("800", 7), premium: ("900", 7), sharedCost: nil,
            weight: 34),
        DemoCountry(
            code: "BE", callingCode: "32", mobilePrefixes: ["46", "47", "48", "49"],
            mobileLength: 9, mobileSplit: 3, areaCodes: ["2", "3", "9", "50", "16"],
            landlineLength: 8, freephone: ("800", 5), premium: ("903", 5),
            sharedCost: ("78", 6), weight: 15),
        DemoCountry(
            code: "DE", callingCode: "49", mobilePrefixes: ["151", "160", "170", "171", "176"],
            mobileLength: 11, mobileSplit: 3, areaCodes: ["30", "40", "89", "69", "221"],
            landlineLength: 10, freephone: ("800", 7), premium: ("900", 7),
            sharedCost: ("180", 7), weight: 20),
        DemoCountry(
            code: "BG", callingCode: "359", mobilePrefixes: ["87", "88", "89"],
            mobileLength: 9, mobileSplit: 3, areaCodes: ["2", "32", "52", "56", "64"],
            landlineLength: 8, freephone: ("800", 5), premium: ("900", 5), sharedCost: nil,
            weight: 16),
        DemoCountry(
            code: "FR", callingCode: "33", mobilePrefixes: ["6", "7"], mobileLength: 9,
            mobileSplit: 1, areaCodes: ["1", "2", "3", "4", "5"], landlineLength: 9,
            freephone: ("800", 6), premium: ("899", 6), sharedCost: ("810", 6), weight: 5),
        DemoCountry(
            code: "AT", callingCode: "43", mobilePrefixes: ["650", "660", "664", "676"],
            mobileLength: 10, mobileSplit: 3, areaCodes: ["1", "316", "662", "512"],
            landlineLength: 9, freephone: ("800", 6), premium: ("900", 6),
            sharedCost: ("810", 6), weight: 5),
        DemoCountry(
            code: "GB", callingCode: "44", mobilePrefixes: ["74", "75", "77", "78"],
            mobileLength: 10, mobileSplit: 4, areaCodes: ["20", "161", "113", "131"],
            landlineLength: 10, freephone: ("800", 7), premium: ("906", 7),
            sharedCost: ("845", 7), weight: 5),
    ]

    /// Countries indexed by cumulative weight, for weighted draws.
    static let weightTable: [Int] = {
        var table: [Int] = []
        for (index, country) in all.enumerated() {
            table += Array(repeating: index, count: country.weight)
        }
        return table
    }()

    /// The country with this ISO code (NL when unknown).
    static func named(_ code: String) -> DemoCountry {
        all.first { $0.code == code } ?? all[0]
    }

    static let nl = all[0]
    static let be = all[1]
    static let de = all[2]
    static let bg = all[3]
}
