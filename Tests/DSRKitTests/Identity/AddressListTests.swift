import Testing

@testable import DSRKit

extension IdentityTests {
    /// RFC 5322 address lists as they are stored in `from_addr`, `to_addrs` and `cc_addrs`.
    @Suite struct AddressListTests {
        /// One expected mailbox: canonical address and decoded display name.
        struct Box: Sendable, Equatable, CustomStringConvertible {
            let address: String
            let name: String?
            var description: String { "\(name ?? "-") <\(address)>" }
            init(_ address: String, _ name: String? = nil) {
                self.address = address
                self.name = name
            }
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let raw: String
            let boxes: [Box]
            var testDescription: String { name }
        }

        static let cases: [Case] = [
            Case(
                name: "quoted display name with a comma", raw: #""de Vries, Jan" <Jan.deVries@Example.NL>"#,
                boxes: [Box("jan.devries@example.nl", "de Vries, Jan")]),
            Case(name: "bare addr-spec", raw: "jan@example.nl", boxes: [Box("jan@example.nl")]),
            Case(name: "angle address only", raw: "<jan@example.nl>", boxes: [Box("jan@example.nl")]),
            Case(
                name: "unquoted display name", raw: "Jan de Vries <jan@example.nl>",
                boxes: [Box("jan@example.nl", "Jan de Vries")]),
            Case(
                name: "comment as the name", raw: "jan@example.nl (Jan de Vries)",
                boxes: [Box("jan@example.nl", "Jan de Vries")]),
            Case(
                name: "comments around an angle address", raw: "Jan (work) <jan@example.nl> (sent from phone)",
                boxes: [Box("jan@example.nl", "Jan")]),
            Case(
                name: "nested comment", raw: "jan@example.nl (Jan (NL) de Vries)",
                boxes: [Box("jan@example.nl", "Jan (NL) de Vries")]),
            Case(
                name: "several recipients",
                raw: #""de Vries, Jan" <jan@example.nl>, piet@example.be, Ivan <ivan@example.bg>"#,
                boxes: [
                    Box("jan@example.nl", "de Vries, Jan"), Box("piet@example.be"), Box("ivan@example.bg", "Ivan"),
                ]),
            Case(name: "empty group", raw: "undisclosed-recipients:;", boxes: []),
            Case(
                name: "group with members", raw: "team: a@x.nl, Bea <b@y.nl>;",
                boxes: [Box("a@x.nl"), Box("b@y.nl", "Bea")]),
            Case(
                name: "group then a mailbox", raw: "team: a@x.nl;, c@z.nl",
                boxes: [Box("a@x.nl"), Box("c@z.nl")]),
            Case(
                name: "group and undisclosed together", raw: "undisclosed-recipients:;, jan@example.nl",
                boxes: [Box("jan@example.nl")]),
            Case(name: "plus tag dropped", raw: "jan+invoices@example.nl", boxes: [Box("jan@example.nl")]),
            Case(
                name: "plus tag and case", raw: "Jan <Jan.DeVries+DSR@EXAMPLE.NL>",
                boxes: [Box("jan.devries@example.nl", "Jan")]),
            Case(
                name: "folding whitespace", raw: "\"de Vries, Jan\"\r\n <jan@example.nl>,\r\n\tpiet@example.be",
                boxes: [Box("jan@example.nl", "de Vries, Jan"), Box("piet@example.be")]),
            Case(
                name: "encoded display name, B", raw: "=?UTF-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?= <ivan@example.bg>",
                boxes: [Box("ivan@example.bg", "Иван Петров")]),
            Case(
                name: "adjacent encoded words in a name",
                raw: "=?UTF-8?Q?Jan_de?= =?UTF-8?Q?_Vri=C3=A9s?= <jan@example.nl>",
                boxes: [Box("jan@example.nl", "Jan de Vriés")]),
            Case(
                name: "encoded word inside quotes (Outlook)", raw: #""=?KOI8-R?B?88XSx8XK?=" <s@example.ru>"#,
                boxes: [Box("s@example.ru", "Сергей")]),
            Case(
                name: "quoted local part", raw: #""jan de vries"@example.nl"#,
                boxes: [Box(#""jan de vries"@example.nl"#)]),
            Case(
                name: "needlessly quoted local part", raw: #"<"Jan"@example.nl>"#, boxes: [Box("jan@example.nl")]),
            Case(name: "obsolete route", raw: "<@relay.example:jan@example.nl>", boxes: [Box("jan@example.nl")]),
            Case(name: "spaces around @, obsolete", raw: "jan @ example.nl", boxes: [Box("jan@example.nl")]),
            Case(name: "name without brackets", raw: "Jan jan@example.nl", boxes: [Box("jan@example.nl", "Jan")]),
            Case(name: "trailing dot in domain", raw: "jan@example.nl.", boxes: [Box("jan@example.nl")]),
            Case(name: "domain literal", raw: "jan@[192.0.2.7]", boxes: [Box("jan@[192.0.2.7]")]),
            Case(name: "IPv6 domain literal", raw: "jan@[IPv6:2001:DB8::7]", boxes: [Box("jan@[ipv6:2001:db8::7]")]),
            Case(name: "single-label domain", raw: "root@localhost", boxes: [Box("root@localhost")]),
            Case(name: "empty items between commas", raw: "a@x.nl, , b@y.nl,", boxes: [Box("a@x.nl"), Box("b@y.nl")]),
            Case(name: "NULL-like empty", raw: "", boxes: []),
            Case(name: "Cyrillic local part (RFC 6531)", raw: "иван@пример.бг", boxes: [Box("иван@пример.бг")]),
        ]

        @Test(arguments: cases)
        func readsEveryMailbox(_ row: Case) {
            let list = AddressList.parse(row.raw)
            #expect(list.problems.isEmpty)
            #expect(list.mailboxes.map { Box($0.address.canonical, $0.displayName) } == row.boxes)
        }

        @Test func keepsWhatWasWrittenAndTheGroup() throws {
            let list = AddressList.parse("team: Jan <Jan.deVries+x@Example.NL>;")
            let box = try #require(list.mailboxes.first)
            #expect(box.written == "Jan.deVries+x@Example.NL")
            #expect(box.group == "team")
            #expect(AddressList.parse(nil).mailboxes.isEmpty)
        }

        @Test func badPiecesAreReportedAndTheRestKept() {
            let list = AddressList.parse("jan@example.nl, not an address, a@@b.nl, <piet@>, c@x..nl, ivan@example.bg")
            #expect(list.mailboxes.map(\.address.canonical) == ["jan@example.nl", "ivan@example.bg"])
            #expect(list.problems.count == 4)
            #expect(list.problems.allSatisfy { $0.kind == .badData })
            #expect(!list.problems.contains { $0.description.contains("piet") })
        }

        struct Bad: Sendable, CustomTestStringConvertible {
            let raw: String
            let reason: String
            var testDescription: String { raw }
        }

        @Test(arguments: [
            Bad(raw: "jan.example.nl", reason: "no @"),
            Bad(raw: "jan@x@example.nl", reason: "more than one @"),
            Bad(raw: "@example.nl", reason: "empty local part"),
            Bad(raw: "jan@", reason: "empty domain"),
            Bad(raw: "jan..devries@example.nl", reason: "the local part has a character that needs quoting"),
            Bad(raw: ".jan@example.nl", reason: "the local part has a character that needs quoting"),
            Bad(raw: "jan@example..nl", reason: "the domain has an empty or over-long label"),
            Bad(raw: "jan@-example.nl", reason: "the domain has a character not allowed"),
            Bad(raw: "jan@exa_mple.nl", reason: "the domain has a character not allowed"),
            Bad(raw: "jan@[999.0.2.7]", reason: "a domain literal that is not an IP address"),
            Bad(raw: #""jan@example.nl"#, reason: "a quoted local part must be closed"),
            Bad(raw: "", reason: "empty value"),
        ])
        func garbageAddressesAreRejected(_ row: Bad) {
            #expect {
                try EmailAddress.parse(row.raw)
            } throws: { error in
                guard let error = error as? IdentityError, case .invalidEmail(let reason) = error else { return false }
                return error.kind == .badData && reason.hasPrefix(row.reason)
            }
        }

        @Test func nearMissesAreNotEqual() throws {
            let jan = try EmailAddress.parse("jan.devries@example.nl")
            #expect(try EmailAddress.parse("Jan.DeVries+Tag@Example.NL") == jan)
            #expect(try EmailAddress.parse("mailto:jan.devries@example.nl") == jan)
            #expect(try EmailAddress.parse("jan.devrie@example.nl") != jan)
            #expect(try EmailAddress.parse("jandevries@example.nl") != jan)
            #expect(try EmailAddress.parse("jan.devries@example.be") != jan)
            #expect(try EmailAddress.parse("jan.devries@mail.example.nl") != jan)
            #expect(try EmailAddress.parse("jan-devries@example.nl") != jan)
            // A leading + is the whole local part, not a tag.
            #expect(try EmailAddress.parse("+jan@example.nl").localPart == "+jan")
        }
    }
}
