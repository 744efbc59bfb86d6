import Foundation

/// The digits of a raw phone value, with what the separators said: a leading `+`, a `(0)`.
///
/// Lexing is kept apart from the reading rules of ``PhoneNumberParser`` so that each can be
/// tested and explained on its own.
struct PhoneDigits: Sendable, Equatable {
    /// Whether the value started with `+`.
    let plus: Bool
    /// Every digit in order; a `(0)` counts as the digit 0.
    let all: String
    /// The index in ``all`` of the 0 of the first `(0)`, if there is one.
    let parenthesisedZero: Int?

    /// The words of a withheld-caller marker (CONTRACT.md section 2), compared in lower case.
    static let markerWords: Set<String> = [
        "anonymous", "unknown", "restricted", "withheld", "private", "unavailable", "null",
    ]
    /// Words that may accompany a marker word: `Private Number`, `caller ID withheld`.
    static let fillerWords: Set<String> = ["number", "caller", "id", "call", "sip", "invalid", "presentation"]

    /// Separators people and systems write between digits (RFC 3966 §3 visual separators).
    static let separators: Set<Character> = [" ", "\t", "\u{00A0}", "\u{202F}", ".", "-", "/", "(", ")"]

    /// Lexes `raw`.
    /// - Throws: ``IdentityError/withheldPhone`` for empty values and markers,
    ///   ``IdentityError/invalidPhone(reason:)`` for characters that are neither digits nor
    ///   separators, a misplaced `+`, or no digits at all.
    init(_ raw: String) throws {
        // Most stored values are plain ASCII digits and separators: lex their bytes directly
        // (the index reads millions of them); anything else takes the full path below, which
        // gives the same result for these values.
        if let lexed = Self.lexASCII(raw) {
            self = lexed
            return
        }
        var text = Substring(raw.trimmedOfWhitespace())
        if text.isEmpty || Self.isWithheldMarker(text) { throw IdentityError.withheldPhone }
        if text.lowercased().hasPrefix("tel:") { text = text.dropFirst(4) }  // RFC 3966 §3
        var plus = false
        var digits = ""
        var zero: Int?
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "+", digits.isEmpty, !plus {
                plus = true
            } else if character == "(", zero == nil, index + 2 < characters.count,
                characters[index + 1] == "0", characters[index + 2] == ")"
            {
                zero = digits.count
                digits.append("0")
                index += 2
            } else if character == "+" {
                throw IdentityError.invalidPhone(reason: "a + that is not at the start")
            } else if !Self.separators.contains(character) {
                throw IdentityError.invalidPhone(
                    reason: character.isLetter
                        ? "contains letters" : "contains a character that is neither a digit nor a separator")
            }
            index += 1
        }
        guard !digits.isEmpty else { throw IdentityError.invalidPhone(reason: "has no digits") }
        self.plus = plus
        self.all = digits
        self.parenthesisedZero = zero
    }

    private init(plus: Bool, all: String, parenthesisedZero: Int?) {
        self.plus = plus
        self.all = all
        self.parenthesisedZero = parenthesisedZero
    }

    /// The fast path of ``init(_:)``: ASCII digits, `+` at the start, `(0)`, and the ASCII
    /// separators only; nil for anything else (errors and markers are left to the full path).
    private static func lexASCII(_ raw: String) -> PhoneDigits? {
        var utf8 = raw
        return utf8.withUTF8 { bytes -> PhoneDigits? in
            var digits: [UInt8] = []
            digits.reserveCapacity(bytes.count)
            var plus = false
            var zero: Int?
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"):
                    digits.append(byte)
                case UInt8(ascii: "+"):
                    guard digits.isEmpty, !plus else { return nil }
                    plus = true
                case UInt8(ascii: "("):
                    if zero == nil, index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "0"),
                        bytes[index + 2] == UInt8(ascii: ")")
                    {
                        zero = digits.count
                        digits.append(UInt8(ascii: "0"))
                        index += 2
                    }
                case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "/"),
                    UInt8(ascii: ")"):
                    break
                default:
                    return nil
                }
                index += 1
            }
            guard !digits.isEmpty else { return nil }
            return PhoneDigits(plus: plus, all: String(decoding: digits, as: UTF8.self), parenthesisedZero: zero)
        }
    }

    /// Whether `text` is a withheld-caller marker: only marker and filler words (any case,
    /// any punctuation between them), at least one marker word, and no digit.
    static func isWithheldMarker<S: StringProtocol>(_ text: S) -> Bool {
        guard !text.contains(where: \.isNumber) else { return false }
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        guard words.contains(where: markerWords.contains) else { return false }
        return words.allSatisfy { markerWords.contains($0) || fillerWords.contains($0) }
    }
}
