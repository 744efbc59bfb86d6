import Foundation
import Testing

@testable import DSRKit

extension IdentityTests {
    /// The shortcut trims are Foundation's trims, for values with and without white space of
    /// every kind at their ends.
    @Suite struct TrimmingTests {
        static let values = [
            "", " ", "\t", "+31201234567", " +31201234567", "+31201234567 ", "\n0612345678\r\n", "jan@x.nl",
            "\u{A0}jan@x.nl", "jan@x.nl\u{A0}", "\u{2003}2001:db8::1", "2001:db8::1\u{3000}", "x\u{85}",
            "\u{85}x", "é", "éa ", "a\u{301}", "\u{200B}x", "x\u{2028}", "~!", "\u{7F}a", "a\u{7F}",
        ]

        @Test(arguments: values) func trimmedOfWhitespaceIsFoundationsTrim(_ value: String) {
            #expect(value.trimmedOfWhitespace() == value.trimmingCharacters(in: .whitespacesAndNewlines))
            #expect(value.trimmedOfSpaces() == value.trimmingCharacters(in: .whitespaces))
            let inner = Substring("[\(value)]").dropFirst().dropLast()
            #expect(inner.trimmedOfWhitespace() == value.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
