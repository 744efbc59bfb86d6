import Testing

@testable import DSRKit

extension IdentityTests {
    /// RFC 2047 encoded words: B and Q in every charset the data uses, joining, malformed words.
    @Suite struct EncodedWordsTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let encoded: String
            let decoded: String
            var testDescription: String { name }
        }

        static let charsets: [Case] = [
            Case(name: "UTF-8 B", encoded: "=?UTF-8?B?SmFuIGRlIFZyacOpcw==?=", decoded: "Jan de Vriés"),
            Case(name: "UTF-8 Q", encoded: "=?UTF-8?Q?Jan_de_Vri=C3=A9s?=", decoded: "Jan de Vriés"),
            Case(name: "utf-8 B Cyrillic", encoded: "=?utf-8?B?0JjQstCw0L0g0J/QtdGC0YDQvtCy?=", decoded: "Иван Петров"),
            Case(
                name: "utf-8 Q Cyrillic",
                encoded: "=?utf-8?q?=D0=98=D0=B2=D0=B0=D0=BD_=D0=9F=D0=B5=D1=82=D1=80=D0=BE=D0=B2?=",
                decoded: "Иван Петров"),
            Case(name: "ISO-8859-1 B", encoded: "=?ISO-8859-1?B?TfxsbGVy?=", decoded: "Müller"),
            Case(name: "ISO-8859-1 Q", encoded: "=?ISO-8859-1?Q?M=FCller?=", decoded: "Müller"),
            Case(name: "iso-8859-2 B", encoded: "=?iso-8859-2?B?RHZv+OFrIKPzZLw=?=", decoded: "Dvořák Łódź"),
            Case(name: "iso-8859-2 Q", encoded: "=?iso-8859-2?Q?Dvo=F8=E1k_=A3=F3d=BC?=", decoded: "Dvořák Łódź"),
            Case(name: "ISO-8859-5 B", encoded: "=?ISO-8859-5?B?uNLQ3Q==?=", decoded: "Иван"),
            Case(name: "ISO-8859-5 Q", encoded: "=?ISO-8859-5?Q?=B8=D2=D0=DD?=", decoded: "Иван"),
            Case(name: "windows-1251 B", encoded: "=?windows-1251?B?z+Xy8O7i?=", decoded: "Петров"),
            Case(name: "windows-1251 Q", encoded: "=?windows-1251?Q?=CF=E5=F2=F0=EE=E2?=", decoded: "Петров"),
            Case(name: "Windows-1252 B", encoded: "=?Windows-1252?B?gHVybyBDYWbp?=", decoded: "€uro Café"),
            Case(name: "Windows-1252 Q", encoded: "=?Windows-1252?Q?=80uro_Caf=E9?=", decoded: "€uro Café"),
            Case(name: "KOI8-R B", encoded: "=?KOI8-R?B?88XSx8XK?=", decoded: "Сергей"),
            Case(name: "koi8-r Q", encoded: "=?koi8-r?Q?=F3=C5=D2=C7=C5=CA?=", decoded: "Сергей"),
            Case(name: "cp1251 alias", encoded: "=?CP1251?B?z+Xy8O7i?=", decoded: "Петров"),
            Case(name: "latin1 alias", encoded: "=?latin1?Q?M=FCller?=", decoded: "Müller"),
            Case(name: "language suffix, RFC 2231", encoded: "=?UTF-8*nl?Q?Vri=C3=A9s?=", decoded: "Vriés"),
            Case(name: "us-ascii", encoded: "=?us-ascii?Q?Jan?=", decoded: "Jan"),
            Case(name: "B without padding", encoded: "=?ISO-8859-5?B?uNLQ3Q?=", decoded: "Иван"),
        ]

        @Test(arguments: charsets)
        func decodesEveryCharset(_ row: Case) {
            #expect(EncodedWords.decode(row.encoded) == row.decoded)
        }

        static let joining: [Case] = [
            Case(
                name: "adjacent words joined without the space, RFC 2047 §6.2",
                encoded: "=?UTF-8?Q?Jan_de?= =?UTF-8?Q?_Vri=C3=A9s?=", decoded: "Jan de Vriés"),
            Case(
                name: "adjacent words across a fold",
                encoded: "=?UTF-8?B?0JjQstCw0L0g?=\r\n =?UTF-8?B?0J/QtdGC0YDQvtCy?=", decoded: "Иван Петров"),
            Case(
                name: "adjacent words in different charsets",
                encoded: "=?ISO-8859-1?Q?M=FCller?=  =?KOI8-R?Q?_=F3=C5=D2=C7=C5=CA?=", decoded: "Müller Сергей"),
            Case(
                name: "a UTF-8 character split across two words",
                encoded: "=?UTF-8?Q?Vri=C3?= =?UTF-8?Q?=A9s?=", decoded: "Vriés"),
            Case(
                name: "space between an encoded word and text is kept",
                encoded: "Re: =?UTF-8?Q?Vri=C3=A9s?= invoice 2026-03", decoded: "Re: Vriés invoice 2026-03"),
            Case(
                name: "subject with two words and trailing text",
                encoded: "=?UTF-8?Q?Voicemail_van?= =?UTF-8?Q?_+31?= (42 s)", decoded: "Voicemail van +31 (42 s)"),
            Case(name: "plain text unchanged", encoded: "Invoice March 2026", decoded: "Invoice March 2026"),
            Case(name: "folding whitespace unfolded", encoded: "Invoice\r\n March", decoded: "Invoice March"),
        ]

        @Test(arguments: joining)
        func joinsAdjacentWords(_ row: Case) {
            #expect(EncodedWords.decode(row.encoded) == row.decoded)
        }

        static let malformed: [String] = [
            "=?UTF-8?Q?unterminated",
            "=?UTF-8?X?unknown_encoding?=",
            "=?UTF-8?Q?bad=ZZhex?=",
            "=?UTF-8?Q?bad=4?=",
            "=?UTF-8?B?not*base64?=",
            "=?x-unknown-charset?Q?abc?=",
            "=?UTF-8?Q?with space?=",
            "=??Q?no_charset?=",
            "=?UTF-8?B?//79?=",
            "=?UTF-8?Q?=FF=FE?=",
            "=?ISO-8859-1//TRANSLIT?Q?x?=",
            "=?",
            "=?=",
            "=?UTF-8?",
            "=?UTF-8?Q",
            "=?UTF-8?Q?",
            "=?UTF-8?Q??=",
        ]

        @Test(arguments: malformed)
        func malformedWordsAreLeftAsWritten(_ raw: String) {
            let decoded = EncodedWords.decode(raw)
            // An empty Q word is well formed and decodes to nothing; everything else stays.
            #expect(decoded == raw || (raw == "=?UTF-8?Q??=" && decoded.isEmpty))
        }

        @Test func malformedWordKeepsItsNeighboursWhitespace() {
            let text = "=?UTF-8?Q?Jan?= =?x-unknown?Q?abc?= =?UTF-8?Q?Vries?="
            #expect(EncodedWords.decode(text) == "Jan =?x-unknown?Q?abc?= Vries")
        }
    }
}
