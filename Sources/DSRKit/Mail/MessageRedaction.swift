/// The archive's copy of an e-mail file (GDPR Art. 15(4)): the address headers name only the
/// subject; every other header line and the body stay byte for byte.
///
/// The tables of an export already mask other people's addresses; the `.eml` copy beside
/// them must not give them back. In From, To, Cc, Bcc, Reply-To, Sender, their `Resent-`
/// forms and the delivery headers (Return-Path, Delivered-To, X-Original-To, Envelope-To),
/// every mailbox that is not one of the subject's addresses is dropped with its display
/// name, and an empty group says how many were left out (`"2 other addresses":;`, a valid
/// RFC 5322 §3.4 group). The original file is never changed. What the body quotes (replies,
/// signatures, forwarded messages, attachments) is not rewritten: the README says so.
enum MessageRedaction {
    /// The headers whose values are address lists (lower case).
    static let addressHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "sender", "resent-from", "resent-to", "resent-cc", "resent-bcc",
        "resent-sender", "return-path", "delivered-to", "x-original-to", "envelope-to",
    ]

    /// `message` with its address headers reduced to the addresses in `subject`.
    static func redact(_ message: [UInt8], keeping subject: Set<SubjectIdentifier>) -> [UInt8] {
        rewritingAddressHeaders(message) { redacted($0, keeping: subject) }
    }

    /// `message` with every address header value replaced by `transform` of its unfolded
    /// value; every other header line and the body stay byte for byte.
    static func rewritingAddressHeaders(_ message: [UInt8], _ transform: (String) -> String) -> [UInt8] {
        let headEnd = headerEnd(message)
        var out: [UInt8] = []
        out.reserveCapacity(message.count)
        for field in fields(message[0..<headEnd]) {
            guard let colon = field.firstIndex(of: UInt8(ascii: ":")),
                addressHeaders.contains(String(decoding: message[field.startIndex..<colon], as: UTF8.self).lowercased())
            else {
                out.append(contentsOf: field)
                continue
            }
            let lineEnd: [UInt8] = field.last == 0x0A ? (field.dropLast().last == 0x0D ? [0x0D, 0x0A] : [0x0A]) : []
            let value = String(decoding: message[(colon + 1)..<field.endIndex], as: UTF8.self)
            out.append(contentsOf: message[field.startIndex...colon])
            let unfolded = value.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
                .trimmingCharacters(in: .whitespaces)
            out.append(contentsOf: Array((" " + transform(unfolded)).utf8) + lineEnd)
        }
        out.append(contentsOf: message[headEnd...])
        return out
    }

    /// The subject's own addresses as written, then a group counting the others.
    static func redacted(_ value: String, keeping subject: Set<SubjectIdentifier>) -> String {
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "").replacingOccurrences(of: "\n", with: "")
        let list = AddressList.parse(unfolded)
        var kept: [String] = []
        for mailbox in list.mailboxes where subject.contains(.email(mailbox.address)) {
            if !kept.contains(mailbox.written) { kept.append(mailbox.written) }
        }
        let others = list.mailboxes.filter { !subject.contains(.email($0.address)) }.count + list.problems.count
        if others > 0 { kept.append("\"\(others) other address\(others == 1 ? "" : "es")\":;") }
        return kept.isEmpty ? "\"no address\":;" : kept.joined(separator: ", ")
    }

    /// Where the header ends: just after the line ending that precedes the first empty line.
    private static func headerEnd(_ bytes: [UInt8]) -> Int {
        var index = 0
        var lineStart = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let line = bytes[lineStart..<index]
                if line.isEmpty || line == [0x0D] { return lineStart }
                lineStart = index + 1
            }
            index += 1
        }
        return bytes.count
    }

    /// The header fields, each with its continuation lines (RFC 5322 §2.2.3) and line endings.
    private static func fields(_ head: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var fields: [ArraySlice<UInt8>] = []
        var start = head.startIndex
        var index = head.startIndex
        while index < head.endIndex {
            if head[index] == 0x0A {
                let next = index + 1
                if next >= head.endIndex || (head[next] != 0x20 && head[next] != 0x09) {
                    fields.append(head[start..<next])
                    start = next
                }
            }
            index += 1
        }
        if start < head.endIndex { fields.append(head[start..<head.endIndex]) }
        return fields
    }
}
