import Foundation

/// Independent checks of the files `dsr demo` writes: no code of dsr's is used to judge them.
enum MediaChecks {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Checks a RIFF/WAVE PCM file: 8 kHz, 16-bit, mono, chunk sizes consistent with the length.
    static func checkWAV(_ data: Data, name: String) throws {
        let bytes = [UInt8](data)
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func tag(_ at: Int) -> String { String(decoding: bytes[at..<at + 4], as: UTF8.self) }
        guard bytes.count >= 44, tag(0) == "RIFF", tag(8) == "WAVE" else {
            throw Failure(description: "\(name): not a RIFF/WAVE file")
        }
        guard u32(4) == bytes.count - 8 else {
            throw Failure(description: "\(name): RIFF size \(u32(4)) but file has \(bytes.count - 8) bytes after it")
        }
        var offset = 12
        var sawFormat = false
        while offset + 8 <= bytes.count {
            let id = tag(offset)
            let size = u32(offset + 4)
            let body = offset + 8
            if id == "fmt " {
                guard u16(body) == 1, u16(body + 2) == 1, u32(body + 4) == 8000, u16(body + 14) == 16 else {
                    throw Failure(description: "\(name): fmt is not PCM 8000 Hz 16-bit mono")
                }
                sawFormat = true
            } else if id == "data" {
                guard sawFormat else { throw Failure(description: "\(name): data before fmt") }
                guard body + size == bytes.count, size > 0, size % 2 == 0 else {
                    throw Failure(description: "\(name): data length \(size) does not match the file")
                }
                return
            }
            offset = body + size + (size & 1)
        }
        throw Failure(description: "\(name): no data chunk")
    }

    /// A parsed RFC 5322 message: unfolded headers (lower-cased names) and its body.
    struct Message {
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? { headers.first { $0.name == name.lowercased() }?.value }
    }

    /// Splits a message at the first empty line; requires CRLF line ends and a colon in every header.
    static func parseMessage(_ text: String, name: String) throws -> Message {
        guard let split = text.range(of: "\r\n\r\n") else {
            throw Failure(description: "\(name): no empty line between header and body")
        }
        let head = text[..<split.lowerBound].replacingOccurrences(of: "\r\n ", with: " ")
            .replacingOccurrences(of: "\r\n\t", with: " ")
        var headers: [(String, String)] = []
        for line in head.components(separatedBy: "\r\n") {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                !line[..<colon].contains(" ")
            else { throw Failure(description: "\(name): bad header line '\(line.prefix(40))'") }
            headers.append(
                (line[..<colon].lowercased(), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        return Message(headers: headers, body: String(text[split.upperBound...]))
    }

    /// The value of a MIME parameter such as `boundary` in a Content-Type header.
    static func parameter(_ key: String, in header: String) -> String? {
        for part in header.components(separatedBy: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0].lowercased() == key {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// The parts of a multipart body, split at `--boundary` lines, up to the closing delimiter.
    static func parts(of message: Message, name: String) throws -> [Message] {
        guard let type = message.header("content-type"), type.lowercased().hasPrefix("multipart/"),
            let boundary = parameter("boundary", in: type)
        else { throw Failure(description: "\(name): not multipart or no boundary") }
        guard message.body.contains("\r\n--\(boundary)--") else {
            throw Failure(description: "\(name): closing boundary missing")
        }
        let sections = message.body.components(separatedBy: "--\(boundary)")
        // sections[0] is the preamble; the last one starts with "--" (the epilogue).
        return try sections.dropFirst().filter { !$0.hasPrefix("--") }.map { section in
            try parseMessage(String(section.drop { $0 == "\r\n" || $0 == "\n" || $0 == "\r" }), name: name)
        }
    }
}
