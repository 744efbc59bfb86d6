import Foundation

/// Decodes RFC 2047 encoded words (`=?UTF-8?B?...?=`) in header text: display names, comments,
/// subjects.
///
/// Decoding never fails: an encoded word that is malformed, in an unknown charset, or not valid
/// in its charset is left exactly as written, so nothing is lost or guessed.
public enum EncodedWords {
    /// One piece of header text: plain text, or an encoded word already turned into bytes.
    private enum Piece {
        case text(String)
        case word(raw: String, charset: String, bytes: [UInt8])

        var isWhitespace: Bool {
            if case .text(let text) = self { return text.allSatisfy(\.isWhitespace) }
            return false
        }
    }

    /// The header value `text` unfolded (RFC 5322 §2.2.3) with every encoded word decoded.
    ///
    /// Whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2); adjacent
    /// words in one charset are decoded together, so a character split across two words
    /// (which RFC 2047 §5 forbids, but mailers produce) still comes out whole.
    public static func decode(_ text: String) -> String {
        let unfolded = text.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
        guard unfolded.contains("=?") else { return unfolded }
        let pieces = split(unfolded)
        var output = ""
        var index = 0
        while index < pieces.count {
            guard case .word = pieces[index] else {
                if case .text(let text) = pieces[index] { output += text }
                index += 1
                continue
            }
            // A run: encoded words separated only by whitespace.
            var run = [index]
            while run.last! + 2 < pieces.count, pieces[run.last! + 1].isWhitespace,
                case .word = pieces[run.last! + 2]
            {
                run.append(run.last! + 2)
            }
            let decoded = decodeRun(run.map { pieces[$0] })
            for (position, pieceIndex) in run.enumerated() {
                if position > 0, decoded[position - 1] == nil || decoded[position] == nil,
                    case .text(let space) = pieces[pieceIndex - 1]
                {
                    output += space  // whitespace next to a word left as written stays
                }
                if let text = decoded[position] {
                    output += text
                } else if case .word(let raw, _, _) = pieces[pieceIndex] {
                    output += raw
                }
            }
            index = run.last! + 1
        }
        return output
    }

    /// The decoded text of each word of a run, nil for a word left as written. Consecutive
    /// words in one charset are decoded together; the text goes to the first of them.
    private static func decodeRun(_ words: [Piece]) -> [String?] {
        var result: [String?] = []
        var start = 0
        while start < words.count {
            guard case .word(_, let charset, _) = words[start] else { return result }
            var end = start + 1
            while end < words.count, case .word(_, let next, _) = words[end],
                next.lowercased() == charset.lowercased()
            {
                end += 1
            }
            let group = words[start..<end]
            let bytes = group.flatMap { piece -> [UInt8] in
                if case .word(_, _, let bytes) = piece { return bytes }
                return []
            }
            if let joined = CharsetDecoder.decode(bytes, charset: charset) {
                result.append(joined)
                result += Array(repeating: "", count: group.count - 1)
            } else {
                for piece in group {
                    guard case .word(_, let charset, let bytes) = piece else { continue }
                    result.append(CharsetDecoder.decode(bytes, charset: charset))
                }
            }
            start = end
        }
        return result
    }

    // MARK: - Finding encoded words

    /// Splits `text` into plain text and well-formed encoded words (RFC 2047 §2:
    /// `=?charset?encoding?encoded-text?=`, no whitespace or `?` inside the encoded text).
    private static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var plain = ""
        var rest = Substring(text)
        while !rest.isEmpty {
            if rest.hasPrefix("=?"), let (word, after) = encodedWord(at: rest) {
                if !plain.isEmpty { pieces.append(.text(plain)) }
                plain = ""
                pieces.append(word)
                rest = after
            } else {
                plain.append(rest.removeFirst())
            }
        }
        if !plain.isEmpty { pieces.append(.text(plain)) }
        return pieces
    }

    /// The encoded word at the start of `text` and the text after it, or nil when malformed.
    private static func encodedWord(at text: Substring) -> (Piece, Substring)? {
        let body = text.dropFirst(2)
        guard let charsetEnd = body.firstIndex(of: "?") else { return nil }
        let charset = body[..<charsetEnd]
        let afterCharset = body[body.index(after: charsetEnd)...]
        guard !charset.isEmpty, !charset.contains(where: \.isWhitespace), afterCharset.count >= 2,
            let encoding = afterCharset.first, afterCharset.dropFirst().first == "?"
        else { return nil }
        let encoded = afterCharset.dropFirst(2)
        guard let end = encoded.range(of: "?=") else { return nil }
        let payload = encoded[..<end.lowerBound]
        guard !payload.contains(where: { $0.isWhitespace || $0 == "?" || !$0.isASCII }) else { return nil }
        let bytes: [UInt8]?
        switch encoding {
        case "B", "b": bytes = decodeBase64(payload)
        case "Q", "q": bytes = decodeQ(payload)
        default: bytes = nil
        }
        guard let bytes else { return nil }
        let raw = String(text[text.startIndex..<end.upperBound])
        return (.word(raw: raw, charset: String(charset), bytes: bytes), text[end.upperBound...])
    }

    /// RFC 2047 §4.1: the B encoding is base64 (RFC 2045 §6.8); missing padding is tolerated.
    static func decodeBase64(_ payload: Substring) -> [UInt8]? {
        var text = String(payload)
        while text.count % 4 != 0 { text += "=" }
        return Data(base64Encoded: text).map { [UInt8]($0) }
    }

    /// RFC 2047 §4.2: the Q encoding: `=XX` is a byte in hex, `_` is a space, other
    /// printable ASCII stands for itself.
    static func decodeQ(_ payload: Substring) -> [UInt8]? {
        var bytes: [UInt8] = []
        var characters = payload.utf8.makeIterator()
        while let byte = characters.next() {
            switch byte {
            case UInt8(ascii: "_"):
                // RFC 2047 §4.2 (2): underscore means space (0x20) in the Q encoding.
                bytes.append(0x20)
            case UInt8(ascii: "="):
                guard let high = characters.next().flatMap(hexValue), let low = characters.next().flatMap(hexValue)
                else { return nil }
                bytes.append(high << 4 | low)
            case 0x21...0x7E:
                bytes.append(byte)
            default:
                return nil
            }
        }
        return bytes
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
