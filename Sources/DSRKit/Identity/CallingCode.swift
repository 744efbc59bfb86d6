import Foundation

/// Splits the digits of an international number into calling code and national number.
///
/// ITU-T E.164 country calling codes are prefix-free and one to three digits long, so the
/// split needs only the short codes: `1` and `7` take one digit, the codes below take two, and
/// every other start takes three. This works for countries the phone table does not describe.
enum CallingCode {
    /// The one-digit calling codes (NANP and Russia/Kazakhstan).
    static let oneDigit: Set<String> = ["1", "7"]

    /// The two-digit calling codes assigned by the ITU.
    static let twoDigit: Set<String> = [
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    ]

    /// The calling code and the rest of `digits`, or nil when `digits` cannot start an
    /// international number (empty, too short, or starting with 0: no code starts with 0).
    static func split(_ digits: String) -> (callingCode: String, rest: String)? {
        // Digits are ASCII: compare bytes rather than build one- and two-character strings.
        let bytes = digits.utf8
        guard let first = bytes.first, first != UInt8(ascii: "0") else { return nil }
        let length: Int
        if first == UInt8(ascii: "1") || first == UInt8(ascii: "7") {  // ``oneDigit``
            length = 1
        } else if bytes.count >= 2, isTwoDigit(first, bytes[bytes.index(after: bytes.startIndex)]) {
            length = 2
        } else {
            length = 3
        }
        guard bytes.count > length else { return nil }
        return (String(digits.prefix(length)), String(digits.dropFirst(length)))
    }

    /// ``twoDigit`` by number (`31` → true), read without building a string.
    private static let twoDigitByNumber: [Bool] = (0..<100).map { twoDigit.contains(String($0)) }

    private static func isTwoDigit(_ first: UInt8, _ second: UInt8) -> Bool {
        let zero = UInt8(ascii: "0")
        guard (zero...zero + 9).contains(first), (zero...zero + 9).contains(second) else { return false }
        return twoDigitByNumber[Int(first - zero) * 10 + Int(second - zero)]
    }
}
