import Foundation

/// An IPv4 or IPv6 address, compared by its bytes and written in one canonical text form.
///
/// An IPv4-mapped IPv6 address (`::ffff:192.0.2.7`, `0:0:0:0:0:ffff:c000:0207`) is the IPv4
/// address itself (RFC 4291 §2.5.5.2), so it is stored as IPv4 and equals `192.0.2.7`.
public struct IPAddress: Sendable, Hashable, CustomStringConvertible {
    /// The address in network byte order: 4 bytes for IPv4, 16 for IPv6.
    public let bytes: [UInt8]

    /// An address from 4 or 16 bytes; a mapped IPv6 address becomes IPv4.
    init(bytes: [UInt8]) {
        if bytes.count == 16, bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            self.bytes = Array(bytes[12..<16])
        } else {
            self.bytes = bytes
        }
    }

    /// Whether this is an IPv4 address (IPv4-mapped IPv6 included).
    public var isIPv4: Bool { bytes.count == 4 }

    /// The canonical text: dotted decimal for IPv4, RFC 5952 for IPv6 (`2001:db8::7`).
    public var canonical: String {
        isIPv4 ? bytes.map(String.init).joined(separator: ".") : ipv6Text
    }

    /// The canonical text.
    public var description: String { canonical }

    /// RFC 5952 §4: the recommended IPv6 text form.
    private var ipv6Text: String {
        let groups = (0..<8).map { Int(bytes[2 * $0]) << 8 | Int(bytes[2 * $0 + 1]) }
        // RFC 5952 §4.2.1–§4.2.3: compress the longest run of zero groups, the first one on
        // ties, and only a run of two or more (a single 0 group is written as 0).
        var best: Range<Int>?
        var start: Int?
        for index in 0...8 {
            if index < 8, groups[index] == 0 {
                if start == nil { start = index }
            } else if let runStart = start {
                let run = runStart..<index
                if run.count >= 2, run.count > (best?.count ?? 0) { best = run }
                start = nil
            }
        }
        // RFC 5952 §4.1 and §4.3: no leading zeros, lower-case hex digits.
        let text = groups.map { String($0, radix: 16) }
        guard let best else { return text.joined(separator: ":") }
        let head = text[..<best.lowerBound].joined(separator: ":")
        let tail = text[best.upperBound...].joined(separator: ":")
        return head + "::" + tail
    }
}
