import Foundation
import Testing

@testable import DSRKit

@Suite struct MessageTextTests {
    func text(_ message: String) -> [String] { MessageText.textParts(of: Array(message.utf8)) }

    @Test func quotedPrintableSoftBreaksAndHexAreDecoded() {
        let parts = text(
            "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + "Bel me op +31 6 1234=\r\n 5678, groet =C3=A9\r\n")
        #expect(parts == ["Bel me op +31 6 1234 5678, groet é\r\n"])
    }

    @Test func base64PartsInOtherCharsetsAndNestedMultipartsAreRead() {
        let cyrillic = Data([0xC8, 0xE2, 0xE0, 0xED]).base64EncodedString()  // "Иван" in windows-1251
        let message = """
            Content-Type: multipart/mixed; boundary="outer"\r
            \r
            --outer\r
            Content-Type: multipart/alternative; boundary=inner\r
            \r
            --inner\r
            Content-Type: text/plain; charset=windows-1251\r
            Content-Transfer-Encoding: base64\r
            \r
            \(cyrillic)\r
            --inner\r
            Content-Type: text/html\r
            \r
            <p>Mail <b>anna@acme.example</b> &amp; co</p>\r
            --inner--\r
            --outer\r
            Content-Type: audio/wav\r
            Content-Transfer-Encoding: base64\r
            \r
            UklGRg==\r
            --outer--\r

            """
        let parts = text(message)
        #expect(parts.count == 2)
        #expect(parts.first == "Иван")
        #expect(parts.last?.contains("anna@acme.example & co") == true)
    }

    @Test func mentionsAreFoundInAnyPhoneForm() {
        let found = MentionScanner.identifiers(
            in: ["Call 06-12345678 or (020) 555 0100, or +32 2 555 01 00; mail Jan+x@Example.NL. Order 12345."],
            country: "NL")
        #expect(found.contains(.phone(try! PhoneNumber.parse("+31612345678", context: "NL"))))
        #expect(found.contains(.phone(try! PhoneNumber.parse("+31205550100", context: "NL"))))
        #expect(found.contains(.phone(try! PhoneNumber.parse("+3225550100", context: "BE"))))
        #expect(found.contains(.email(try! EmailAddress.parse("jan@example.nl"))))
        #expect(found.count == 4, "the order number is no phone")
    }
}
