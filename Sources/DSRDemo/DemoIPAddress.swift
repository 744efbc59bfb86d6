import DSRKit

/// IP addresses in the textual forms CONTRACT.md lists: IPv4, IPv6 compressed, expanded
/// with leading zeros, upper case, uncompressed without leading zeros, and IPv4-mapped
/// IPv6 in dotted (`::ffff:192.0.2.7`) and hex (`0:0:0:0:0:ffff:c000:0207`) spelling.
enum DemoIPAddress {
    /// The IPv6 spellings the generator writes.
    enum Form: CaseIterable {
        case compressed, expanded, upperCompressed, uncompressed
    }

    /// A random IPv4 address from the documentation ranges 192.0.2.0/24 and
    /// 203.0.113.0/24 (198.51.100.0/24 is reserved for planted subjects).
    static func randomIPv4(_ random: inout DemoRandom) -> [Int] {
        let prefix = random.percent(50) ? [192, 0, 2] : [203, 0, 113]
        return prefix + [random.inRange(1...254)]
    }

    /// A random IPv6 address in 2001:db8:1000::/36 ... 2001:db8:7fff::/48 (planted
    /// subjects use 2001:db8:be::/48 and 2001:db8:85a3::/48).
    static func randomIPv6(_ random: inout DemoRandom) -> [Int] {
        var groups = [0x2001, 0x0db8, random.inRange(0x1000...0x7fff)]
        groups += [random.below(0x10000), 0, 0]
        groups += [random.below(3) == 0 ? 0 : random.below(0x10000), random.inRange(1...0xffff)]
        return groups
    }

    /// Dotted IPv4.
    static func ipv4(_ octets: [Int]) -> String {
        octets.map(String.init).joined(separator: ".")
    }

    /// IPv6 text of eight 16-bit groups in a form.
    static func ipv6(_ groups: [Int], _ form: Form) -> String {
        switch form {
        case .compressed: compress(groups.map { hex($0) })
        case .upperCompressed: compress(groups.map { hex($0) }).uppercased()
        case .uncompressed: groups.map { hex($0) }.joined(separator: ":")
        case .expanded: groups.map { hex($0, width: 4) }.joined(separator: ":")
        }
    }

    /// IPv4-mapped IPv6: 0 dotted `::ffff:a.b.c.d`, 1 hex uncompressed with leading zeros
    /// in the last group, 2 upper-case hex compressed.
    static func mapped(_ octets: [Int], spelling: Int) -> String {
        let high = octets[0] << 8 | octets[1]
        let low = octets[2] << 8 | octets[3]
        switch spelling % 3 {
        case 0: return "::ffff:" + ipv4(octets)
        case 1: return "0:0:0:0:0:ffff:" + hex(high) + ":" + hex(low, width: 4)
        default: return ("::ffff:" + hex(high) + ":" + hex(low)).uppercased()
        }
    }

    /// Lower-case hex, optionally zero-padded.
    static func hex(_ value: Int, width: Int = 1) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        var rest = value
        repeat {
            text = String(digits[rest & 15]) + text
            rest >>= 4
        } while rest > 0
        while text.count < width { text = "0" + text }
        return text
    }

    /// RFC 5952 §4.2: the longest run (≥ 2) of zero groups becomes `::`.
    private static func compress(_ groups: [String]) -> String {
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < groups.count {
            var end = index
            while end < groups.count, groups[end] == "0" { end += 1 }
            if end - index > bestLength {
                bestStart = index
                bestLength = end - index
            }
            index = max(end, index + 1)
        }
        guard bestStart >= 0 else { return groups.joined(separator: ":") }
        let head = groups[..<bestStart].joined(separator: ":")
        let tail = groups[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
