import Testing
import Yams

@testable import DSRKit

/// dsr's regex-free tag resolution gives every plain scalar the tag Yams' own regular
/// expressions give it (bool, int, float, null in that order, as dsr used to configure Yams).
@Suite struct YAMLResolverTests {
    static let reference = Resolver.basic.appending(.bool).appending(.int).appending(.float).appending(.null)

    static let scalars = [
        "yes", "Yes", "YES", "yEs", "no", "NO", "No", "true", "True", "TRUE", "tRue", "false", "on", "ON", "off", "Off",
        "y", "n", "NL", "nl", "BG", "builtin", "ops.db", "files/x", "", "~", "null", "Null", "NULL", "nULL", "nil",
        "0", "00", "007", "08", "0o17", "0o8", "0b1010", "0b102", "0x2A", "0x2g", "0x", "0b", "42", "-42", "+42",
        "4_2", "_42", "42_", "1:30", "1:60", "1:5", "1:05", "1:305", "0:30", "1:30:15", "-1:30", "1.5", "1.", ".5",
        "-.5", "+.5", "1e3", "1E3", "1e+3", "1e-3", "1.5e3", ".5e3", ".5e+3", ".5e-3", "1_000.0", "1:30.5", "1:30.",
        "1:60.5", ".inf", "-.inf", "+.Inf", ".INF", ".nan", ".NaN", "-.nan", "1.2.3", "e3", "1e", "1e+", "5s",
        "3600", "0.25", "12:30:00", "2026-03-01", "+", ".", "_", "1__0", "0_7", "0o", "0x_",
    ]

    @Test(arguments: scalars)
    func plainScalarsGetYamsTags(_ text: String) throws {
        let yaml = "key: \(text)\n"
        let expected = try #require(try Yams.compose(yaml: yaml, Self.reference)?.mapping?["key"])
        let ours = try #require(try Yams.compose(yaml: yaml, YAMLResolver.dsr)?.mapping?["key"])
        #expect(YAMLResolver.tag(of: ours).rawValue == expected.tag.description, "\(text)")
    }

    @Test func quotedScalarsAreText() throws {
        for yaml in ["key: \"yes\"\n", "key: '42'\n", "key: \"\"\n", "key: !!str 1.5\n"] {
            let node = try #require(try Yams.compose(yaml: yaml, YAMLResolver.dsr)?.mapping?["key"])
            #expect(YAMLResolver.tag(of: node) == .str, "\(yaml)")
        }
    }
}
