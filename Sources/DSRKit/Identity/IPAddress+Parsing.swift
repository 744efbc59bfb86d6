import Foundation

extension IPAddress {
    /// Reads an IPv4 or IPv6 address in any common textual form.
    ///
    /// - IPv4: four dotted decimal parts of 0–255. A part may have leading zeros and is still
    ///   decimal (`192.000.002.010` is 192.0.2.10): stored data pads with zeros, and nothing
    ///   in it means octal, as `inet_aton` would read it. Short forms (`10.1`, a bare
    ///   integer) are rejected.
    /// - IPv6 (RFC 4291 §2.2): eight groups of 1–4 hex digits in any case, `::` once for one or
    ///   more zero groups, an IPv4 tail (`::ffff:192.0.2.7`).
    /// - A zone id (`fe80::1%eth0`, RFC 4007 §11) is stripped: it names an interface of the
    ///   host that logged the address, not part of the address that identifies anyone.
    /// - Throws: ``IdentityError/invalidIPAddress(reason:)`` naming what is wrong.
    public static func parse(_ raw: String) throws -> IPAddress {
        let text = raw.trimmedOfWhitespace()
        guard !text.isEmpty else { throw IdentityError.invalidIPAddress(reason: "empty value") }
        if text.contains(":") { return IPAddress(bytes: try ipv6(Substring(text))) }
        if text.contains(".") { return IPAddress(bytes: try ipv4(Substring(text))) }
        throw IdentityError.invalidIPAddress(reason: "neither a dotted IPv4 address nor an IPv6 address")
    }

    /// The four bytes of a dotted-decimal IPv4 address.
    static func ipv4(_ text: Substring) throws -> [UInt8] {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else {
            throw IdentityError.invalidIPAddress(reason: "an IPv4 address has four parts, this has \(parts.count)")
        }
        return try parts.map { part in
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part)
            else {
                throw IdentityError.invalidIPAddress(reason: "an IPv4 part must be 1 to 3 decimal digits")
            }
            guard value <= 255 else { throw IdentityError.invalidIPAddress(reason: "an IPv4 part is above 255") }
            return UInt8(value)
        }
    }

    /// The sixteen bytes of an IPv6 address.
    static func ipv6(_ full: Substring) throws -> [UInt8] {
        var text = full
        if let percent = text.firstIndex(of: "%") {
            let zone = text[text.index(after: percent)...]
            guard !zone.isEmpty, zone.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-~".contains($0)) })
            else { throw IdentityError.invalidIPAddress(reason: "an empty or malformed zone id after %") }
            text = text[..<percent]
        }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { throw IdentityError.invalidIPAddress(reason: ":: appears more than once") }
        let head = try groups(halves[0], isLast: halves.count == 1)
        let tail = halves.count == 2 ? try groups(halves[1], isLast: true) : []
        let count = head.count + tail.count
        if halves.count == 1 {
            guard count == 8 else {
                throw IdentityError.invalidIPAddress(
                    reason: "an IPv6 address without :: has 8 groups, this has \(count)")
            }
            return (head).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        }
        // RFC 4291 §2.2: `::` stands for one or more groups of zeros.
        guard count <= 7 else {
            throw IdentityError.invalidIPAddress(reason: "an IPv6 address with :: has at most 7 other groups")
        }
        let all = head + Array(repeating: 0, count: 8 - count) + tail
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// The 16-bit groups of one side of `::`; the last group of the address may be dotted IPv4.
    private static func groups(_ text: String, isLast: Bool) throws -> [Int] {
        guard !text.isEmpty else { return [] }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        var result: [Int] = []
        for (index, part) in parts.enumerated() {
            if isLast, index == parts.count - 1, part.contains(".") {
                // RFC 4291 §2.2 (3): the low-order 32 bits in dotted decimal.
                let octets = try ipv4(part)
                result += [Int(octets[0]) << 8 | Int(octets[1]), Int(octets[2]) << 8 | Int(octets[3])]
                continue
            }
            guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isHexDigit }),
                let value = Int(part, radix: 16)
            else {
                throw IdentityError.invalidIPAddress(
                    reason: part.isEmpty
                        ? "an empty IPv6 group (a single : at an end, or :::)"
                        : "an IPv6 group must be 1 to 4 hex digits")
            }
            result.append(value)
        }
        return result
    }
}
