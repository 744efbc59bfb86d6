import Foundation
import Testing

@testable import DSRKit

/// The archive's copy of a message names no one but the subject in its address headers.
@Suite struct MessageRedactionTests {
    static let subject: Set<SubjectIdentifier> = [
        .email(try! EmailAddress.parse("sanne.bakker@example.nl")),
        .phone(try! PhoneNumber.parse("0612345678", context: "NL")),
    ]

    static let message = [
        "Return-Path: <Pieter+voicemail@smitinstallatie.nl>",
        "From: \"Smit, Pieter\" <Pieter+voicemail@smitinstallatie.nl>",
        "To: Sanne Bakker <Sanne.Bakker+dsr@Example.NL>, \"de Vries, Jan\"",
        "  <jan.devries@example.nl>",
        "Cc: =?UTF-8?Q?Ivan_=D0=9F=D0=B5=D1=82=D1=80=D0=BE=D0=B2?= <ivan@example.bg>",
        "Reply-To: support@telvora.example",
        "Subject: Re: your call to +31 70 311 1050",
        "Date: Mon, 02 Mar 2026 09:15:00 +0100",
        "Message-ID: <abc@telvora.example>",
        "",
        "Dear Sanne,",
        "Jan de Vries <jan.devries@example.nl> asked us to call you back.",
        "",
    ].joined(separator: "\r\n")

    func redacted() -> String {
        String(decoding: MessageRedaction.redact(Array(Self.message.utf8), keeping: Self.subject), as: UTF8.self)
    }

    @Test func addressHeadersKeepOnlyTheSubject() {
        let text = redacted()
        let head = String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
        for other in ["Pieter", "smitinstallatie", "Smit", "de Vries", "jan.devries", "ivan", "=?UTF-8?", "support@"] {
            #expect(!head.contains(other), "\(other) in the header")
        }
        #expect(head.contains("To: Sanne.Bakker+dsr@Example.NL, \"1 other address\":;\r\n"))
        #expect(head.contains("From: \"1 other address\":;\r\n"))
        #expect(head.contains("Cc: \"1 other address\":;\r\n"))
        #expect(head.contains("Return-Path: \"1 other address\":;\r\n"))
        // The redacted headers still read as RFC 5322 address lists.
        #expect(AddressList.parse("Sanne.Bakker+dsr@Example.NL, \"1 other address\":;").problems.isEmpty)
    }

    @Test func everythingElseStaysByteForByte() {
        let text = redacted()
        for line in [
            "Subject: Re: your call to +31 70 311 1050\r\n", "Date: Mon, 02 Mar 2026 09:15:00 +0100\r\n",
            "Message-ID: <abc@telvora.example>\r\n",
        ] {
            #expect(text.contains(line))
        }
        let body = Self.message[Self.message.range(of: "\r\n\r\n")!.lowerBound...]
        #expect(text.hasSuffix(body), "the body is untouched (what it quotes is said in the README)")
    }

    @Test func aMessageWithoutTheSubjectOrWithLFEndingsStaysWellFormed() {
        let message = "From: a@x.nl\nTo: b@y.nl, c@z.nl\nSubject: s\n\nbody\n"
        let text = String(decoding: MessageRedaction.redact(Array(message.utf8), keeping: Self.subject), as: UTF8.self)
        #expect(text == "From: \"1 other address\":;\nTo: \"2 other addresses\":;\nSubject: s\n\nbody\n")
        let headerless = "no header here"
        #expect(MessageRedaction.redact(Array(headerless.utf8), keeping: Self.subject) == Array(headerless.utf8))
    }
}
