import Foundation
import Testing

@testable import DSRCommands

/// `dsr status` on a small demo workspace: what a later command would trip on is a problem (exit 1).
@Suite struct StatusCommandTests {
    let harness: CommandHarness
    let identifiers: [String]

    init() throws {
        harness = try CommandHarness()
        let demo = harness.run("demo", "--dir", ".", "--customers", "12", "--calls", "1000", "--json")
        try #require(demo.code == 0, "\(demo.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(demo.stdout.utf8)) as? [String: Any]
        let subjects = (object?["report"] as? [String: Any])?["subjects"] as? [[String: Any]]
        identifiers = try #require(subjects?.first?["identifiers"] as? [String])
        let clean = harness.run("status")
        try #require(clean.code == 0, "\(clean.stdout)")
    }

    /// A pid no process can have (above Linux's pid_max), so kill(pid, 0) answers ESRCH.
    static let deadPID = Int32.max

    @Test func aLeftoverPartialExportIsAProblemUntilTheNextExportSweepsIt() throws {
        let own = ".DSR-2026-0001-access.zip.partial-\(Self.deadPID)"
        let chosen = ".jan.devries-export.zip.partial-\(Self.deadPID - 1)"
        try harness.write("PK not really", to: "exports/" + own)
        try harness.write("PK not really", to: "exports/" + chosen)

        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains(own), "a name dsr chose is named")
        #expect(!status.stdout.contains("jan.devries"), "a name given with --output may be personal: counted")
        #expect(status.stdout.contains("1 other partial export"))
        let json = harness.run("status", "--json")
        #expect(json.stdout.contains(own))

        // The next export, to another name, removes both.
        let export = harness.run(["export"] + identifiers)
        #expect(export.code == ExitCodes.success, "\(export.stderr)")
        #expect(!harness.exists("exports/" + own))
        #expect(!harness.exists("exports/" + chosen))
        #expect(harness.run("status").code == ExitCodes.success)
    }

    @Test func aPartialExportOfARunningProcessIsNotALeftover() throws {
        // Our own pid: an export in progress in this process.
        try harness.write("PK", to: "exports/.DSR-2026-0001-access.zip.partial-\(getpid())")
        #expect(harness.run("status").code == ExitCodes.success)
    }

    @Test func aTruncatedSecretKeyIsAProblem() throws {
        let key = harness.folder.appending(path: "state/secret.key")
        try Data(try Data(contentsOf: key).prefix(20)).write(to: key)
        chmod(key.path(percentEncoded: false), 0o600)
        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains("secret.key"))
        #expect(status.stdout.contains("32 bytes"))
    }

    @Test func aDefaultCountryThePhoneTablesDoNotKnowIsAProblem() throws {
        let config = harness.folder.appending(path: "dsr.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8)
        try #require(yaml.contains("default_country: \"NL\""))
        try harness.write(
            yaml.replacingOccurrences(of: "default_country: \"NL\"", with: "default_country: XX"),
            to: "dsr.yaml")
        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains("default_country"))
        #expect(status.stdout.contains("XX"))
        #expect(status.stdout.contains("dsr.yaml"))
    }

    @Test func aDataMapThatNamesAColumnTheDatabaseLacksIsAProblem() throws {
        let shown = harness.run("datamap", "show")
        try #require(shown.code == 0 && shown.stdout.contains("column: caller_number,"), "\(shown.stderr)")
        try harness.write(
            shown.stdout.replacingOccurrences(of: "column: caller_number,", with: "column: caller_nummer,"),
            to: "map.yaml")
        let yaml = try String(contentsOf: harness.folder.appending(path: "dsr.yaml"), encoding: .utf8)
        try harness.write(yaml.replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml"), to: "dsr.yaml")
        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains("map.yaml:"))
        #expect(status.stdout.contains("caller_nummer"))
    }

    @Test func aMissingDataMapFileIsAProblem() throws {
        let yaml = try String(contentsOf: harness.folder.appending(path: "dsr.yaml"), encoding: .utf8)
        try harness.write(yaml.replacingOccurrences(of: "datamap: builtin", with: "datamap: gone.yaml"), to: "dsr.yaml")
        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains("gone.yaml"))
    }

    @Test func aStateDatabaseThatDoesNotOpenIsAProblem() throws {
        let state = harness.folder.appending(path: "state/state.db")
        try? FileManager.default.removeItem(at: harness.folder.appending(path: "state/state.db-wal"))
        try? FileManager.default.removeItem(at: harness.folder.appending(path: "state/state.db-shm"))
        try Data(String(repeating: "not a database\n", count: 200).utf8).write(to: state)
        chmod(state.path(percentEncoded: false), 0o600)
        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains("state.db"))
    }

    @Test func anEmptyControllerIdentityIsAProblemBeforeExport() throws {
        let yaml = try String(contentsOf: harness.folder.appending(path: "dsr.yaml"), encoding: .utf8)
        let blanked = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("controller_email:") ? "controller_email: \"\"" : String(line)
        }
        try harness.write(blanked.joined(separator: "\n"), to: "dsr.yaml")
        let status = harness.run("status")
        #expect(status.code == ExitCodes.checkFailed)
        #expect(status.stdout.contains("controller_email"))
        #expect(!status.stdout.contains("controller_name"))
    }
}
