import Foundation

/// The readable text of an RFC 5322 message: every `text/*` part, transfer-decoded
/// (RFC 2045 §6: base64, quoted-printable) and charset-decoded, HTML reduced to its text.
///
/// Used by `locate --deep` to find people mentioned in e-mail bodies. It is tolerant: a part
/// it cannot decode is skipped, never fatal, because one odd mailer must not stop a search.
public enum MessageText {
    /// The decoded text parts of `message`.
    public static func textParts(of message: [UInt8]) -> [String] {
        var parts: [String] = []
        collect(MIMEPart(message), depth: 0, into: &parts)
        return parts
    }

    private static func collect(_ part: MIMEPart, depth: Int, into parts: inout [String]) {
        let type = part.contentType
        if type.hasPrefix("multipart/"), depth < 8, let boundary = part.parameter("boundary", of: "content-type") {
            for child in part.children(boundary: boundary) { collect(child, depth: depth + 1, into: &parts) }
            return
        }
        if type == "message/rfc822", depth < 8 {
            collect(MIMEPart(part.body), depth: depth + 1, into: &parts)
            return
        }
        guard type.hasPrefix("text/") || type.isEmpty else { return }
        let bytes: [UInt8]
        switch part.header("content-transfer-encoding")?.lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            bytes = Data(base64Encoded: Data(part.body), options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? []
        case "quoted-printable": bytes = QuotedPrintable.decode(part.body)
        default: bytes = part.body
        }
        let charset = part.parameter("charset", of: "content-type") ?? "us-ascii"
        guard let text = CharsetDecoder.decode(bytes, charset: charset) ?? String(validating: bytes, as: UTF8.self)
        else { return }
        parts.append(type == "text/html" ? HTMLText.strip(text) : text)
    }
}

/// RFC 2045 §6.7 quoted-printable.
enum QuotedPrintable {
    static func decode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "="), index + 1 < bytes.count {
                // A soft line break ("=" at the end of a line) joins the lines.
                if bytes[index + 1] == 0x0D, index + 2 < bytes.count, bytes[index + 2] == 0x0A {
                    index += 3
                    continue
                }
                if bytes[index + 1] == 0x0A {
                    index += 2
                    continue
                }
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return out
    }
}

/// Reduces HTML to its text well enough to search it: tags dropped, common entities decoded.
enum HTMLText {
    static func strip(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        for (entity, character) in [
            ("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#43;", "+"), ("&amp;", "&"),
        ] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacingOccurrences(of: "[ \t]+", with: " ", options: .regularExpression)
    }
}
