import DSRKit

/// MIME encodings for the demo's e-mails: base64 bodies (RFC 2045 §6.8, lines of at most
/// 76 characters) and RFC 2047 encoded words in UTF-8 (B and Q) and Windows-1251.
enum DemoMIME {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Base64 without line breaks.
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = Int(bytes[index])
            let b1 = index + 1 < bytes.count ? Int(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? Int(bytes[index + 2]) : 0
            out.append(alphabet[b0 >> 2])
            out.append(alphabet[(b0 & 3) << 4 | b1 >> 4])
            out.append(index + 1 < bytes.count ? alphabet[(b1 & 15) << 2 | b2 >> 6] : 61)
            out.append(index + 2 < bytes.count ? alphabet[b2 & 63] : 61)
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 in CRLF-separated lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> String {
        let flat = Array(base64(bytes).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(flat.count + flat.count / 38 + 2)
        for start in stride(from: 0, to: flat.count, by: 76) {
            out += flat[start..<min(start + 76, flat.count)]
            out += [13, 10]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `=?UTF-8?B?...?=` for a text.
    static func wordB(_ text: String) -> String {
        "=?UTF-8?B?" + base64(Array(text.utf8)) + "?="
    }

    /// `=?UTF-8?Q?...?=` for a text (RFC 2047 §4.2: underscore means space).
    static func wordQ(_ text: String) -> String {
        var out = "=?UTF-8?Q?"
        for byte in text.utf8 {
            switch byte {
            case 0x20: out += "_"
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: out.append(Character(Unicode.Scalar(byte)))
            default: out += "=" + DemoIPAddress.hex(Int(byte), width: 2).uppercased()
            }
        }
        return out + "?="
    }

    /// `=?windows-1251?B?...?=` for a Bulgarian/Russian text (Cyrillic А–я, Ё, ё, ASCII).
    static func wordWindows1251(_ text: String) -> String {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0...0x7F: bytes.append(UInt8(scalar.value))
            case 0x410...0x44F: bytes.append(UInt8(scalar.value - 0x410 + 0xC0))
            case 0x401: bytes.append(0xA8)
            case 0x451: bytes.append(0xB8)
            default: bytes.append(0x3F)  // "?"
            }
        }
        return "=?windows-1251?B?" + base64(bytes) + "?="
    }

    /// A display name as a header would carry it: quoted when it holds specials.
    static func displayName(_ name: String) -> String {
        let specials = Set("()<>[]:;@\\,.\"")
        return name.contains(where: { specials.contains($0) }) ? "\"\(name)\"" : name
    }
}
