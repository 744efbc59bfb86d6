import Testing

@testable import DSRKit

extension IdentityTests {
    /// IPv4 and IPv6 in every textual form, canonicalised to RFC 5952.
    @Suite struct IPAddressTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let raw: String
            let canonical: String
            var testDescription: String { "\(raw) → \(canonical)" }
            init(_ raw: String, _ canonical: String) {
                self.raw = raw
                self.canonical = canonical
            }
        }

        static let forms: [Case] = [
            Case("192.0.2.7", "192.0.2.7"),
            Case(" 198.51.100.255 ", "198.51.100.255"),
            Case("0.0.0.0", "0.0.0.0"),
            // Leading zeros in IPv4 parts are decimal, not octal.
            Case("192.000.002.007", "192.0.2.7"),
            Case("010.001.002.010", "10.1.2.10"),
            // IPv6: compressed, expanded, upper case, leading zeros present or dropped.
            Case("2001:db8::7", "2001:db8::7"),
            Case("2001:0db8:0000:0000:0000:0000:0000:0007", "2001:db8::7"),
            Case("2001:DB8:0:0:0:0:0:7", "2001:db8::7"),
            Case("2001:0DB8::0007", "2001:db8::7"),
            Case("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"),
            // RFC 5952 §4.2.3: the longest run is compressed; on a tie, the first.
            Case("2001:db8:0:0:1:0:0:0", "2001:db8:0:0:1::"),
            Case("2001:0:0:1:0:0:0:1", "2001:0:0:1::1"),
            Case("2001:db8:0:1:0:0:1:1", "2001:db8:0:1::1:1"),
            // RFC 5952 §4.2.2: a single 0 group is not compressed.
            Case("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            Case("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1"),
            Case("0:0:0:0:0:0:0:0", "::"),
            Case("::1", "::1"),
            Case("0:0:0:0:0:0:0:1", "::1"),
            Case("fe80::", "fe80::"),
            Case("1::", "1::"),
            Case("::2:3:4:5:6:7:8", "0:2:3:4:5:6:7:8"),
            // IPv4-compatible (deprecated) and NAT64 are not the IPv4 address.
            Case("::192.0.2.7", "::c000:207"),
            Case("64:ff9b::192.0.2.7", "64:ff9b::c000:207"),
            // IPv4-mapped IPv6 in either spelling is the IPv4 address.
            Case("::ffff:192.0.2.7", "192.0.2.7"),
            Case("0:0:0:0:0:ffff:c000:0207", "192.0.2.7"),
            Case("::FFFF:C000:207", "192.0.2.7"),
            Case("0000:0000:0000:0000:0000:FFFF:192.000.002.007", "192.0.2.7"),
            // Zone ids are stripped.
            Case("fe80::1%eth0", "fe80::1"),
            Case("FE80::0001%25", "fe80::1"),
        ]

        @Test(arguments: forms)
        func canonicalisesEveryForm(_ row: Case) throws {
            let address = try IPAddress.parse(row.raw)
            #expect(address.canonical == row.canonical)
            #expect(try IPAddress.parse(address.canonical) == address)
        }

        @Test func mappedSpellingsEqualTheIPv4() throws {
            let ipv4 = try IPAddress.parse("192.0.2.7")
            #expect(try IPAddress.parse("::ffff:192.0.2.7") == ipv4)
            #expect(try IPAddress.parse("0:0:0:0:0:ffff:c000:0207") == ipv4)
            #expect(try IPAddress.parse("::ffff:192.0.2.7").isIPv4)
            #expect(ipv4.bytes == [192, 0, 2, 7])
            #expect(try IPAddress.parse("::192.0.2.7") != ipv4)
            #expect(try IPAddress.parse("::ffff:192.0.2.8") != ipv4)
            #expect(try IPAddress.parse("::fffe:192.0.2.7") != ipv4)
        }

        @Test func nearMissesAreNotEqual() throws {
            #expect(try IPAddress.parse("2001:db8::7") != IPAddress.parse("2001:db8::70"))
            #expect(try IPAddress.parse("2001:db8::7") != IPAddress.parse("2001:db8:0:0:0:0:7:0"))
            #expect(try IPAddress.parse("192.0.2.7") != IPAddress.parse("192.0.2.70"))
            #expect(try IPAddress.parse("10.0.0.1") != IPAddress.parse("::a00:1"))
        }

        struct Bad: Sendable, CustomTestStringConvertible {
            let raw: String
            let reason: String
            var testDescription: String { raw }
            init(_ raw: String, _ reason: String) {
                self.raw = raw
                self.reason = reason
            }
        }

        static let garbage: [Bad] = [
            Bad("", "empty value"),
            Bad("localhost", "neither a dotted IPv4"),
            Bad("3232235777", "neither a dotted IPv4"),
            Bad("192.168.1", "an IPv4 address has four parts, this has 3"),
            Bad("192.168.1.1.1", "an IPv4 address has four parts, this has 5"),
            Bad("192.168.1.256", "an IPv4 part is above 255"),
            Bad("192.168.01.0001", "an IPv4 part must be 1 to 3 decimal digits"),
            Bad("192.168..1", "an IPv4 part must be 1 to 3 decimal digits"),
            Bad("0xC0.0.2.7", "an IPv4 part must be 1 to 3 decimal digits"),
            Bad("2001:db8::7::1", ":: appears more than once"),
            Bad("2001:db8:0:0:0:0:0:0:7", "an IPv6 address without :: has 8 groups, this has 9"),
            Bad("2001:db8:0:0:0:0:7", "an IPv6 address without :: has 8 groups, this has 7"),
            Bad("1:2:3:4:5:6:7::8", "an IPv6 address with :: has at most 7 other groups"),
            Bad("2001:db8::12345", "an IPv6 group must be 1 to 4 hex digits"),
            Bad("2001:db8::g", "an IPv6 group must be 1 to 4 hex digits"),
            Bad(":2001:db8::7", "an empty IPv6 group"),
            Bad("2001:db8::7:", "an empty IPv6 group"),
            Bad("2001:db8:::7", "an empty IPv6 group"),
            Bad("::ffff:192.0.2.256", "an IPv4 part is above 255"),
            Bad("::192.0.2.7:1", "an IPv6 group must be 1 to 4 hex digits"),
            Bad("fe80::1%", "an empty or malformed zone id"),
            Bad("fe80::1%eth 0", "an empty or malformed zone id"),
        ]

        @Test(arguments: garbage)
        func garbageIsRejected(_ row: Bad) {
            #expect {
                try IPAddress.parse(row.raw)
            } throws: { error in
                guard let error = error as? IdentityError, case .invalidIPAddress(let reason) = error else {
                    return false
                }
                return error.kind == .badData && reason.hasPrefix(row.reason)
            }
        }
    }
}
