import Testing

@testable import DSRKit

/// RFC 5322's rarer mailbox forms, read as Python's `email` package (policy `default`) reads
/// them: quoted local parts with escapes, and the obsolete local-part syntax of §4.4 (spaces
/// and comments around the dots). Each row: what is stored or typed, the canonical mailbox.
@Suite struct RareMailboxFormTests {
    static let cases: [(String, String)] = [
        (#""jan de vries"@example.nl"#, #""jan de vries"@example.nl"#),
        (#""Jan de Vries"@Example.NL"#, #""jan de vries"@example.nl"#),
        (#""jan\"de\\vries"@example.nl"#, #""jan\"de\\vries"@example.nl"#),
        (#""jan.devries"@example.nl"#, "jan.devries@example.nl"),
        (#""jan"."de vries"@example.nl"#, #""jan.de vries"@example.nl"#),
        ("jan. de .vries@example.nl", "jan.de.vries@example.nl"),
        ("jan . de. vries@example.nl", "jan.de.vries@example.nl"),
        ("jan.(comment)de.vries@example.nl", "jan.de.vries@example.nl"),
        ("jan (x) . devries@example.nl", "jan.devries@example.nl"),
        (" jan.devries @ example.nl", "jan.devries@example.nl"),
        (#"Jan <"jan de vries"@Example.NL>"#, #""jan de vries"@example.nl"#),
    ]

    @Test(arguments: cases)
    func storedHeadersReadTheMailbox(_ stored: String, _ canonical: String) {
        let list = AddressList.parse(stored)
        #expect(list.mailboxes.map(\.address.canonical) == [canonical], "\(stored): \(list.problems)")
    }

    @Test(arguments: cases)
    func typedIdentifiersReadTheMailbox(_ typed: String, _ canonical: String) throws {
        #expect(try SubjectIdentifier.parse("email:" + typed, defaultCountry: "NL").canonical == "email:" + canonical)
    }

    @Test func theFormsAreTheSameMailbox() throws {
        let forms = ["jan.de.vries@example.nl", "jan. de .vries@example.nl", #""jan.de.vries"@Example.nl"#]
        let read = try forms.map { try EmailAddress.parse($0) }
        #expect(Set(read).count == 1)
    }
}
