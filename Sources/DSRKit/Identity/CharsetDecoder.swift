import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns bytes in a MIME charset (RFC 2046 §4.1.2) into text, through the C library's iconv.
///
/// UTF-8 and US-ASCII are decoded by Swift itself; every other name goes to iconv, which on
/// glibc knows ISO-8859-1/-2/-5, Windows-1251/-1252, KOI8-R and their aliases, in any case.
enum CharsetDecoder {
    /// The text of `bytes` in `charset`, or nil when the charset is unknown or the bytes are
    /// not valid in it (callers then keep the encoded form rather than guess).
    static func decode(_ bytes: [UInt8], charset: String) -> String? {
        // RFC 2231 §5: a language may follow the charset after `*` (`UTF-8*en`).
        let name = String(charset.split(separator: "*", omittingEmptySubsequences: false).first ?? "")
            .trimmingCharacters(in: .whitespaces).uppercased()
        switch name {
        case "UTF-8", "UTF8":
            return String(validating: bytes, as: UTF8.self)
        case "US-ASCII", "ASCII":
            return bytes.allSatisfy { $0 < 0x80 } ? String(decoding: bytes, as: UTF8.self) : nil
        default:
            // Only plain charset names reach iconv: no `//TRANSLIT`-style suffixes or paths.
            let allowed = name.unicodeScalars.allSatisfy {
                ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "-_.:".unicodeScalars.contains($0)
            }
            guard !name.isEmpty, allowed else { return nil }
            return iconvDecode(bytes, from: name)
        }
    }

    /// Converts with iconv; nil on an unknown charset or an invalid or incomplete sequence.
    private static func iconvDecode(_ bytes: [UInt8], from name: String) -> String? {
        guard !bytes.isEmpty else { return "" }
        guard let handle = iconv_open("UTF-8", name), Int(bitPattern: handle) != -1 else { return nil }
        defer { iconv_close(handle) }
        var input = bytes
        // A character of any charset becomes at most 4 bytes of UTF-8; shift states add a few.
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        let written: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!)
                    .assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outLeft = outBuffer.count
                let failed = size_t.max  // (size_t)-1
                guard iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft) != failed, inLeft == 0 else {
                    return nil
                }
                // Flush a stateful charset back to its initial state.
                guard iconv(handle, nil, nil, &outPointer, &outLeft) != failed else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let written else { return nil }
        return String(validating: output[0..<written], as: UTF8.self)
    }
}
