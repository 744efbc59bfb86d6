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
}
