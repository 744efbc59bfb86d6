import Foundation

/// How one country's phone numbers are written: calling code, trunk prefix, lengths.
///
/// The values live in ``PhoneCountry/all`` (PhoneCountry+Table.swift); this type holds the
/// rules that read them. Lengths are those of the national significant number (NSN), the
/// digits after the calling code (ITU-T E.164 §6.2.1).
public struct PhoneCountry: Sendable, Hashable {
    /// ISO 3166-1 alpha-2 code, upper case (`NL`).
    public let code: String
    /// Country calling code without `+` (`31`).
    public let callingCode: String
    /// Trunk prefixes dialled before a national number (`["0"]`; `[]` where none, as in Italy).
    public var trunkPrefixes: [String] { trunks.split(separator: " ").map(String.init) }
    /// Plausible lengths of the national significant number.
    public var lengths: Set<Int> { Set((0..<32).filter { lengthBits & 1 << $0 != 0 }) }
    /// Whether national numbers are commonly written without the trunk prefix (NANP: 10 digits).
    public let nationalWithoutTrunk: Bool
    /// The prefix dialled before a calling code from inside the country, besides `00`.
    public let internationalPrefix: String
    /// The digits a national significant number may start with. Only Italy's may start with 0
    /// (elsewhere a 0 is the trunk prefix); NANP area codes start with 2–9.
    public let leadingDigits: String

    // Stored without arrays or sets, which are reference counted: the index build copies a
    // country for each of millions of numbers on two threads, and both would retain the same
    // shared storage. Small strings (up to 15 bytes) are kept inline.
    /// The trunk prefixes, separated by spaces (`8 0`).
    private let trunks: String
    /// Bit n is set when n is a plausible length.
    private let lengthBits: UInt32

    /// A country with a range of lengths.
    init(
        _ code: String, _ callingCode: String, trunk: [String], lengths: ClosedRange<Int>,
        leadingDigits: String = "123456789", nationalWithoutTrunk: Bool = false,
        internationalPrefix: String = "00"
    ) {
        self.init(
            code, callingCode, trunk: trunk, lengths: Array(lengths), leadingDigits: leadingDigits,
            nationalWithoutTrunk: nationalWithoutTrunk, internationalPrefix: internationalPrefix)
    }

    /// A country with a list of lengths.
    init(
        _ code: String, _ callingCode: String, trunk: [String], lengths: [Int],
        leadingDigits: String = "123456789", nationalWithoutTrunk: Bool = false,
        internationalPrefix: String = "00"
    ) {
        self.code = code
        self.callingCode = callingCode
        precondition(trunk.joined(separator: " ").utf8.count <= 15 && lengths.allSatisfy { (0..<32).contains($0) })
        self.trunks = trunk.joined(separator: " ")
        self.lengthBits = lengths.reduce(0) { $0 | 1 << UInt32($1) }
        self.nationalWithoutTrunk = nationalWithoutTrunk
        self.internationalPrefix = internationalPrefix
        self.leadingDigits = leadingDigits
    }

    /// Whether `nsn` can be one of this country's national significant numbers.
    func isValid(nsn: String) -> Bool {
        // Digits are ASCII: their UTF-8 count is their count, without walking characters.
        guard hasLength(nsn.utf8.count), let first = nsn.utf8.first else { return false }
        return leadingDigits.utf8.contains(first)
    }

    /// Why `nsn` cannot be one of this country's numbers, or nil when it can.
    ///
    /// `position` says where the digits were found (`after +31`) and goes into the reason;
    /// it is only built when there is a reason.
    func problem(nsn: String, position: @autoclosure () -> String) -> String? {
        guard !isValid(nsn: nsn) else { return nil }
        let where_ = position()
        let place = where_.isEmpty ? "" : " " + where_
        guard hasLength(nsn.utf8.count) else {
            return "\(nsn.utf8.count) digits\(place); \(name) numbers have \(lengthsText)"
        }
        return "starts with \(nsn.prefix(1))\(place); \(name) numbers start with \(leadingDigitsText)"
    }

    /// The name used in messages: the ISO code, or `NANP` for the countries of +1.
    var name: String { callingCode == "1" ? "NANP" : code }

    /// The allowed first digits in words: `1–9`, `0–9`, `2–9`.
    var leadingDigitsText: String {
        guard let first = leadingDigits.first, let last = leadingDigits.last else { return "nothing" }
        return "\(first)–\(last)"
    }

    /// The trunk prefix `digits` starts with, if any.
    func trunkPrefix(of digits: String) -> String? {
        guard !trunks.isEmpty else { return nil }
        guard trunks.utf8.contains(UInt8(ascii: " ")) else { return digits.hasPrefix(trunks) ? trunks : nil }
        return trunkPrefixes.first { digits.hasPrefix($0) }
    }

    /// Whether national numbers are dialled with a trunk prefix.
    var hasTrunkPrefix: Bool { !trunks.isEmpty }

    /// Whether a national significant number of `count` digits is plausible.
    private func hasLength(_ count: Int) -> Bool {
        (0..<32).contains(count) && lengthBits & 1 << UInt32(count) != 0
    }

    /// The lengths in words: `9`, `6 to 9`, `7, 9, 10 or 11`.
    var lengthsText: String {
        let sorted = lengths.sorted()
        guard let first = sorted.first, let last = sorted.last else { return "no valid length" }
        if sorted.count == 1 { return "\(first)" }
        if sorted.count == last - first + 1 { return "\(first) to \(last)" }
        let head = sorted.dropLast().map(String.init).joined(separator: ", ")
        return "\(head) or \(last)"
    }

    /// The trunk prefixes in words: `0`, `8 or 0`.
    var trunkText: String {
        trunkPrefixes.joined(separator: " or ")
    }

    // MARK: - Lookup

    /// The country with ISO code `code` (any case, surrounding spaces ignored), if the table has it.
    public static func named(_ code: String) -> PhoneCountry? {
        // Callers pass a clean code millions of times during an index build: look it up as is
        // first, and normalise only when that fails.
        if let country = byCode[code] { return country }
        let wanted = code.trimmedOfSpaces().uppercased()
        return byCode[wanted]
    }

    /// The country (the first one, for shared codes such as NANP `1`) with this calling code.
    public static func withCallingCode(_ callingCode: String) -> PhoneCountry? {
        byCallingCode[callingCode]
    }

    private static let byCode: [String: PhoneCountry] = Dictionary(
        all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })

    private static let byCallingCode: [String: PhoneCountry] = Dictionary(
        all.map { ($0.callingCode, $0) }, uniquingKeysWith: { first, _ in first })
}
