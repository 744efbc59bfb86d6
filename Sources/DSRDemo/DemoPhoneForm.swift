import DSRKit

/// The textual forms a phone number takes in the operations data (CONTRACT.md section 2).
///
/// National forms (`trunk*`) are only written where the row's context gives the country
/// (the called service number's country for callers, the customer's for forward targets).
enum DemoPhoneForm: Int, CaseIterable, Sendable {
    /// `+31681234567`
    case e164
    /// `+31 6 81234567`, `+359 2 4928571`
    case spaced
    /// `+31 6 8123 4567`, `+31 70 311 1050`
    case grouped
    /// `+31 (0)70-3111050`
    case trunkInParentheses
    /// `0031681234567`
    case doubleZero
    /// `31681234567`
    case bare
    /// `+31-6-81234567`
    case dashed
    /// `070-3111050`, `06-81234567`
    case nationalDashed
    /// `0681234567`
    case national
    /// `0888 123 456`, `070 311 1050`
    case nationalGrouped
    /// `02 4928571`
    case nationalSpaced
    /// `(030) 12345678`
    case nationalParentheses

    /// Whether the form drops the country code.
    var isNational: Bool { rawValue >= DemoPhoneForm.nationalDashed.rawValue }

    /// The international forms.
    static let international: [DemoPhoneForm] = allCases.filter { !$0.isNational }
}

/// A phone number as country + national significant number, written in any form.
struct DemoPhone: Sendable, Equatable {
    /// Calling code digits, e.g. "31".
    var callingCode: String
    /// National significant number (no trunk 0), e.g. "681234567".
    var nsn: String
    /// Length of the leading area or mobile-prefix part.
    var split: Int

    /// E.164 text.
    var e164: String { "+" + callingCode + nsn }

    /// The number written in a form.
    func text(_ form: DemoPhoneForm) -> String {
        let out = DemoBytes()
        let digits = DemoBytes()
        digits.append(nsn)
        DemoPhoneWriter.write(
            callingCode: Array(callingCode.utf8), nsn: digits, split: split, form: form,
            into: out)
        return out.string
    }
}

/// Writes phone forms as bytes (used by the call loop without allocating strings).
enum DemoPhoneWriter {
    /// Appends the digits in `nsn` with calling code `cc` in `form` to `out`.
    @inline(__always)
    static func write(
        callingCode cc: [UInt8], nsn: DemoBytes, split: Int, form: DemoPhoneForm,
        into out: DemoBytes
    ) {
        let space = UInt8(ascii: " ")
        let dash = UInt8(ascii: "-")
        let end = nsn.count
        switch form {
        case .e164:
            out.append(UInt8(ascii: "+"))
            out.append(cc)
            out.append(nsn, from: 0, to: end)
        case .spaced, .grouped, .dashed:
            out.append(UInt8(ascii: "+"))
            out.append(cc)
            out.append(form == .dashed ? dash : space)
            out.append(nsn, from: 0, to: split)
            out.append(form == .dashed ? dash : space)
            if form == .grouped {
                appendGrouped(nsn, from: split, to: out)
            } else {
                out.append(nsn, from: split, to: end)
            }
        case .trunkInParentheses:
            out.append(UInt8(ascii: "+"))
            out.append(cc)
            out.append(trunkInParentheses)
            out.append(nsn, from: 0, to: split)
            out.append(dash)
            out.append(nsn, from: split, to: end)
        case .doubleZero:
            out.append(UInt8(ascii: "0"))
            out.append(UInt8(ascii: "0"))
            out.append(cc)
            out.append(nsn, from: 0, to: end)
        case .bare:
            out.append(cc)
            out.append(nsn, from: 0, to: end)
        case .nationalDashed, .nationalGrouped, .nationalSpaced:
            out.append(UInt8(ascii: "0"))
            out.append(nsn, from: 0, to: split)
            out.append(form == .nationalDashed ? dash : space)
            if form == .nationalGrouped {
                appendGrouped(nsn, from: split, to: out)
            } else {
                out.append(nsn, from: split, to: end)
            }
        case .national:
            out.append(UInt8(ascii: "0"))
            out.append(nsn, from: 0, to: end)
        case .nationalParentheses:
            out.append(UInt8(ascii: "("))
            out.append(UInt8(ascii: "0"))
            out.append(nsn, from: 0, to: split)
            out.append(UInt8(ascii: ")"))
            out.append(space)
            out.append(nsn, from: split, to: end)
        }
    }

    private static let trunkInParentheses = Array(" (0)".utf8)

    /// Groups of three; a trailing four-digit group instead of a lone digit.
    @inline(__always)
    private static func appendGrouped(_ nsn: DemoBytes, from start: Int, to out: DemoBytes) {
        let count = nsn.count - start
        var groupEnd = count <= 4 ? count : (count % 3 == 2 ? 2 : 3)
        var written = 0
        while written < count {
            if written == groupEnd {
                out.append(UInt8(ascii: " "))
                groupEnd += count - written == 4 ? 4 : 3
            }
            out.append(nsn.base[start + written])
            written += 1
        }
    }
}
