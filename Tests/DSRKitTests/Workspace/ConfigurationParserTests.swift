import Foundation
import Testing

@testable import DSRKit

@Suite struct ConfigurationParserTests {
    let minimal = "operations_db: ops.db\nfiles_root: files\n"

    @Test func defaultsFillWhatIsNotGiven() throws {
        let config = try ConfigurationParser.parse(minimal, path: "dsr.yaml")
        #expect(config == WorkspaceConfiguration())
    }

    @Test func everyKeyIsRead() throws {
        let text = """
            operations_db: /data/ops.db
            files_root: /data/files
            state_dir: st
            exports_dir: out
            default_country: bg
            datamap: map.yaml
            templates_dir: tpl
            busy_timeout_seconds: 0.5
            time_zone: Europe/Sofia
            """
        let config = try ConfigurationParser.parse(text, path: "dsr.yaml")
        var expected = WorkspaceConfiguration(
            operationsDB: "/data/ops.db", filesRoot: "/data/files", stateDir: "st", exportsDir: "out",
            defaultCountry: "BG", datamap: "map.yaml", templatesDir: "tpl", busyTimeoutSeconds: 0.5)
        expected.timeZone = "Europe/Sofia"
        #expect(config == expected)
        #expect(WorkspaceConfiguration().timeZone == "Europe/Amsterdam")
        // What `dsr init` writes reads back the same.
        #expect(try ConfigurationParser.parse(expected.yaml, path: "dsr.yaml") == expected)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let expected: WorkspaceError
        var testDescription: String { name }
    }

    static let badCases: [Case] = [
        Case(
            name: "malformed YAML", text: "operations_db: [ops.db\nfiles_root: files\n",
            expected: .malformedYAML(
                path: "w/dsr.yaml", line: 2, column: 11, problem: "did not find expected ',' or ']'")),
        Case(
            name: "unknown key", text: "operations_db: ops.db\nfiles_root: files\nfile_root: x\n",
            expected: .unknownKey(path: "w/dsr.yaml", key: "file_root", line: 3)),
        Case(
            name: "wrong type: mapping for a path", text: "operations_db: ops.db\nfiles_root:\n  a: 1\n",
            expected: .wrongType(path: "w/dsr.yaml", key: "files_root", line: 2, expected: "a text value (a path)")),
        Case(
            name: "wrong type: bool for a path", text: "operations_db: yes\nfiles_root: files\n",
            expected: .wrongType(path: "w/dsr.yaml", key: "operations_db", line: 1, expected: "a text value (a path)")),
        Case(
            name: "wrong type: text for a number",
            text: "operations_db: ops.db\nfiles_root: files\nbusy_timeout_seconds: soon\n",
            expected: .wrongType(
                path: "w/dsr.yaml", key: "busy_timeout_seconds", line: 3, expected: "a number of seconds")),
        Case(
            name: "bad country", text: "operations_db: ops.db\nfiles_root: files\ndefault_country: Netherlands\n",
            expected: .invalidValue(
                path: "w/dsr.yaml", key: "default_country", line: 3,
                reason: "must be a two-letter ISO 3166 country code such as NL or BG")),
        Case(
            name: "unknown time zone", text: "operations_db: ops.db\nfiles_root: files\ntime_zone: Europe/Atlantis\n",
            expected: .invalidValue(
                path: "w/dsr.yaml", key: "time_zone", line: 3,
                reason: "'Europe/Atlantis' is not a time zone this system knows (an IANA name such as Europe/Amsterdam)"
            )),
        Case(
            name: "missing required key", text: "files_root: files\n",
            expected: .missingKey(path: "w/dsr.yaml", key: "operations_db")),
        Case(
            name: "not a mapping", text: "- ops.db\n",
            expected: .malformedYAML(
                path: "w/dsr.yaml", line: 1, column: 1, problem: "the file must be a mapping of keys to values")),
        Case(
            name: "duplicate key", text: "operations_db: a.db\nfiles_root: files\noperations_db: b.db\n",
            expected: .invalidValue(
                path: "w/dsr.yaml", key: "operations_db", line: 1, reason: "given more than once (first here)")),
    ]

    @Test(arguments: badCases)
    func badConfigurationIsRejectedWithItsLine(_ badCase: Case) {
        let error = #expect(throws: WorkspaceError.self) {
            _ = try ConfigurationParser.parse(badCase.text, path: "w/dsr.yaml")
        }
        #expect(error == badCase.expected)
        #expect(error?.kind == .badData)
        #expect(error?.description.hasPrefix("w/dsr.yaml") == true)
    }
}
