import Foundation

/// One part of a MIME message: unfolded headers and the raw body bytes (RFC 5322 §2.2.3,
/// RFC 2046 §5.1.1 for multipart boundaries).
struct MIMEPart {
    private(set) var headers: [(name: String, value: String)] = []
    let body: [UInt8]

    init(_ bytes: [UInt8]) {
        let (headEnd, bodyStart) = Self.split(bytes)
        body = Array(bytes[bodyStart...])
        let head = String(decoding: bytes[0..<headEnd], as: Unicode.ASCII.self)
        for rawLine in head.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n") {
            let line = rawLine.hasSuffix("\r") ? String(rawLine.dropLast()) : rawLine
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(
                    (
                        line[..<colon].lowercased(),
                        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    ))
            }
        }
    }

    /// Where the header ends and the body starts: at the first empty line (CRLF CRLF, or
    /// LF LF from careless mailers); a part without headers starts with its empty line.
    private static func split(_ bytes: [UInt8]) -> (headEnd: Int, bodyStart: Int) {
        if bytes.starts(with: [0x0D, 0x0A]) { return (0, 2) }
        if bytes.first == 0x0A { return (0, 1) }
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { return (index, index + 2) }
                if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                    return (index, index + 3)
                }
            }
            index += 1
        }
        return (bytes.count, bytes.count)
    }

    func header(_ name: String) -> String? { headers.first { $0.name == name }?.value }

    /// The media type, lower case, without parameters (`text/plain`); empty when absent.
    var contentType: String {
        (header("content-type") ?? "").split(separator: ";").first.map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        } ?? ""
    }

    /// A parameter of a header (`boundary`, `charset`), unquoted.
    func parameter(_ key: String, of name: String) -> String? {
        guard let value = header(name) else { return nil }
        for piece in value.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The body parts between `--boundary` lines, up to the closing `--boundary--`.
    func children(boundary: String) -> [MIMEPart] {
        let delimiter = Array(("--" + boundary).utf8)
        var parts: [MIMEPart] = []
        var start: Int?
        var index = 0
        while index + delimiter.count <= body.count {
            let atLineStart = index == 0 || body[index - 1] == 0x0A
            if atLineStart, Array(body[index..<index + delimiter.count]) == delimiter {
                if let from = start {
                    var to = index
                    if to > from, body[to - 1] == 0x0A { to -= 1 }
                    if to > from, body[to - 1] == 0x0D { to -= 1 }
                    parts.append(MIMEPart(Array(body[from..<max(from, to)])))
                }
                let after = index + delimiter.count
                if after + 1 < body.count, body[after] == UInt8(ascii: "-"), body[after + 1] == UInt8(ascii: "-") {
                    return parts
                }
                var lineEnd = after
                while lineEnd < body.count, body[lineEnd] != 0x0A { lineEnd += 1 }
                start = lineEnd + 1
                index = lineEnd + 1
                continue
            }
            index += 1
        }
        return parts
    }
}
