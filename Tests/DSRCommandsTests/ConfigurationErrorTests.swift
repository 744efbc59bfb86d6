import Foundation
import Testing

@testable import DSRCommands

/// Each bad-configuration case of the foundation issue, through the command layer, with its exit code.
@Suite struct ConfigurationErrorTests {
    let harness: CommandHarness

    init() throws {
        harness = try CommandHarness()
        #expect(harness.run("init", "--dir", ".").code == 0)
        try harness.write("", to: "ops.db")
    }

    @Test func aMissingConfigurationFileIs66NamingThePath() {
        let outcome = harness.run("status", "--config", "elsewhere/dsr.yaml")
        #expect(outcome.code == ExitCodes.noInput)
        #expect(outcome.stderr.contains("elsewhere/dsr.yaml"))
    }

    @Test func theEnvironmentVariableIsUsedWhenNoFlagIsGiven() {
        harness.environment["DSR_CONFIG"] = "from-env.yaml"
        let outcome = harness.run("status")
        #expect(outcome.code == ExitCodes.noInput)
        #expect(outcome.stderr.contains("from-env.yaml"))
        #expect(outcome.stderr.contains("$DSR_CONFIG"))
    }

    @Test func malformedYAMLIs65WithLineAndColumn() throws {
        try harness.write("operations_db: \"ops.db\nfiles_root: files\n", to: "dsr.yaml")
        let outcome = harness.run("status")
        #expect(outcome.code == ExitCodes.dataError)
        #expect(outcome.stderr.contains("dsr.yaml:"))
        #expect(outcome.stderr.range(of: #"dsr\.yaml:\d+:\d+: malformed YAML"#, options: .regularExpression) != nil)
    }

    @Test func anUnknownKeyIs65NamingTheKeyAndLine() throws {
        try harness.write("operations_db: ops.db\nfiles_root: files\ndefault_contry: NL\n", to: "dsr.yaml")
        let outcome = harness.run("status")
        #expect(outcome.code == ExitCodes.dataError)
        #expect(outcome.stderr.contains("dsr.yaml:3: unknown key 'default_contry'"))
    }

    @Test func aWrongTypeIs65NamingTheKeyAndLine() throws {
        try harness.write("operations_db: ops.db\nfiles_root: [a, b]\n", to: "dsr.yaml")
        let outcome = harness.run("status")
        #expect(outcome.code == ExitCodes.dataError)
        #expect(outcome.stderr.contains("dsr.yaml:2: key 'files_root' must be"))
    }

    @Test func aMissingOperationsDatabaseIs66() throws {
        try FileManager.default.removeItem(at: harness.folder.appending(path: "ops.db"))
        let outcome = harness.run("status")
        #expect(outcome.code == ExitCodes.noInput)
        #expect(outcome.stderr.contains("operations database not found"))
        #expect(outcome.stderr.contains("ops.db"))
    }

    @Test func anOperationsFileThatIsNotADatabaseIs65() throws {
        try harness.write(String(repeating: "plain text, not SQLite\n", count: 100), to: "ops.db")
        let outcome = harness.run("status")
        #expect(outcome.code == ExitCodes.dataError)
        #expect(outcome.stderr.contains("not a SQLite database"))
    }
}
