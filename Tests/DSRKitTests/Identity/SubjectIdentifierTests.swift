import Testing

@testable import DSRKit

extension IdentityTests {
    /// Identifiers typed by the DPO (CONTRACT.md section 5): `kind:value` and bare values.
    @Suite struct SubjectIdentifierTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let typed: String
            let canonical: String
            var testDescription: String { "\(typed) → \(canonical)" }
            init(_ typed: String, _ canonical: String) {
                self.typed = typed
                self.canonical = canonical
            }
        }

        static let accepted: [Case] = [
            // kind:value
            Case("email:Jan.deVries@Example.NL", "email:jan.devries@example.nl"),
            Case("EMAIL: jan+dsr@example.nl", "email:jan@example.nl"),
            Case(#"email:"de Vries, Jan" <Jan.deVries@Example.NL>"#, "email:jan.devries@example.nl"),
            Case("phone:+31 70 311 1050", "phone:+31703111050"),
            Case("phone:070-3111050", "phone:+31703111050"),
            Case("phone:+31 (0)70-3111050", "phone:+31703111050"),
            Case("Phone:0031703111050", "phone:+31703111050"),
            Case("ip:192.0.2.7", "ip:192.0.2.7"),
            Case("ip:2001:DB8:0:0:0:0:0:7", "ip:2001:db8::7"),
            Case("ip:::ffff:192.0.2.7", "ip:192.0.2.7"),
            Case("customer:42", "customer:42"),
            Case("customer: 0042", "customer:42"),
            // bare
            Case("Jan.deVries@Example.NL", "email:jan.devries@example.nl"),
            Case("jan+tag@example.nl", "email:jan@example.nl"),
            Case("Jan de Vries <jan@example.nl>", "email:jan@example.nl"),
            Case("192.0.2.7", "ip:192.0.2.7"),
            Case("192.000.002.007", "ip:192.0.2.7"),
            Case("2001:db8::1", "ip:2001:db8::1"),
            Case("2001:0db8:0000:0000:0000:0000:0000:0007", "ip:2001:db8::7"),
            Case("::ffff:192.0.2.7", "ip:192.0.2.7"),
            Case("0:0:0:0:0:ffff:c000:0207", "ip:192.0.2.7"),
            Case("fe80::1%eth0", "ip:fe80::1"),
            Case("::1", "ip:::1"),
            Case("ABCD:EF01::1", "ip:abcd:ef01::1"),
            Case("+31703111050", "phone:+31703111050"),
            Case("+31 70 311 1050", "phone:+31703111050"),
            Case("+31 (0)70-3111050", "phone:+31703111050"),
            Case("0031703111050", "phone:+31703111050"),
            Case("31703111050", "phone:+31703111050"),
            Case("070-3111050", "phone:+31703111050"),
            Case("+359 2 4928571", "phone:+35924928571"),
            Case("070.311.1050", "phone:+31703111050"),
        ]

        @Test(arguments: accepted)
        func readsTypedIdentifiers(_ row: Case) throws {
            let identifier = try SubjectIdentifier.parse(row.typed, defaultCountry: "NL")
            #expect(identifier.canonical == row.canonical)
            #expect(identifier.description == row.canonical)
            // The canonical string reads back to the same identifier.
            #expect(try SubjectIdentifier.parse(identifier.canonical, defaultCountry: "BG") == identifier)
        }

        @Test func defaultCountryDecidesNationalPhones() throws {
            let inNL = try SubjectIdentifier.parse("070 311 1050", defaultCountry: "NL")
            let inBG = try SubjectIdentifier.parse("070 311 1050", defaultCountry: "BG")
            #expect(inNL.value == "+31703111050")
            #expect(inBG.value == "+359703111050")
            #expect(inNL != inBG)
        }

        @Test func kindAndValue() throws {
            let phone = try SubjectIdentifier.parse("phone:070-3111050", defaultCountry: "NL")
            #expect(phone.kind == .phone)
            #expect(phone.value == "+31703111050")
            #expect(try SubjectIdentifier.parse("customer:42", defaultCountry: "NL") == .customer(42))
            #expect(try SubjectIdentifier.parse("2001:db8::1", defaultCountry: "NL").kind == .ip)
            #expect(SubjectIdentifier.Kind.allCases.map(\.rawValue) == ["email", "phone", "ip", "customer"])
        }

        struct Bad: Sendable, CustomTestStringConvertible {
            let typed: String
            let message: String
            var testDescription: String { typed }
            init(_ typed: String, _ message: String) {
                self.typed = typed
                self.message = message
            }
        }

        static let rejected: [Bad] = [
            Bad("phone:+31 70311", "phone: 5 digits after +31; NL numbers have 7, 9, 10 or 11"),
            Bad("phone:anonymous", "phone: a withheld-caller marker"),
            Bad("phone:jan", "phone: contains letters"),
            Bad("email:jan.example.nl", "email: no @"),
            Bad("email:a@x.nl, b@y.nl", "email: more than one address"),
            Bad("ip:192.168.1", "ip: an IPv4 address has four parts, this has 3"),
            Bad("ip:jan@example.nl", "ip: an IPv4 address has four parts, this has 2"),
            Bad("ip:example", "ip: neither a dotted IPv4"),
            Bad("customer:abc", "customer: an id is a positive whole number"),
            Bad("customer:-4", "customer: an id is a positive whole number"),
            Bad("customer:0", "customer: an id is a positive whole number"),
            Bad("customer:99999999999999999999", "customer: an id is a positive whole number that fits 64 bits"),
            Bad("customer:", "customer: an id is a positive whole number"),
            Bad("fax:0703111050", "identifier: unknown kind 'fax' before ':'"),
            Bad("2001:db8::g", "identifier: unknown kind before ':'"),
            Bad("Jan de Vries", "identifier: not an e-mail address (no @), an IP address or a phone number"),
            Bad("42", "phone: 2 digits without +, 00 or the trunk prefix 0"),
            Bad("070-311105", "phone: 8 digits after the trunk prefix 0; NL numbers have 7, 9, 10 or 11"),
            Bad("", "identifier: empty value"),
            Bad("   ", "identifier: empty value"),
            Bad("jan@", "email: empty domain"),
            Bad("192.168.1.300", "identifier: neither an IP address (an IPv4 part is above 255) nor a phone number ("),
            Bad("192.168.1", "phone: "),
            // A line break must not turn one identifier into another (the last line's mailbox).
            Bad("email:jan.devries@example.nl\nsanne.bakker@example.nl", "identifier: holds a control character"),
            Bad("jan.devries@example.nl\n", "identifier: holds a control character"),
            Bad("phone:+31 6\t12345678", "identifier: holds a control character"),
            Bad("customer:4\u{0}2", "identifier: holds a control character"),
            Bad("ip:192.0.2.7\u{7F}", "identifier: holds a control character"),
        ]

        @Test(arguments: rejected)
        func garbageIsBadData(_ row: Bad) {
            #expect {
                try SubjectIdentifier.parse(row.typed, defaultCountry: "NL")
            } throws: { error in
                guard let error = error as? any DSRError else { return false }
                return error.kind == .badData && error.description.hasPrefix(row.message)
            }
        }

        @Test(arguments: rejected)
        func messagesNeverQuoteTheValue(_ row: Bad) {
            do {
                _ = try SubjectIdentifier.parse(row.typed, defaultCountry: "NL")
                Issue.record("expected an error")
            } catch {
                let value =
                    row.typed.firstIndex(of: ":").map { row.typed[row.typed.index(after: $0)...] }
                    ?? row.typed[...]
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                #expect(trimmed.count < 3 || !"\(error)".contains(trimmed))
            }
        }
    }
}
