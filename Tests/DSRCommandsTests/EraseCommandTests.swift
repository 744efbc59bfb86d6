import DSRCommands
import Foundation
import Testing

/// `dsr erase --apply` on a terminal asks first; anything but "yes" changes nothing.
@Suite struct EraseCommandTests {
    let harness: CommandHarness

    init() throws {
        harness = try CommandHarness()
        let demo = harness.run("demo", "--dir", "ws", "--customers", "10", "--calls", "1000")
        #expect(demo.code == 0, "\(demo.stderr)")
    }

    func database() throws -> Data { try Data(contentsOf: harness.folder.appending(path: "ws/ops.db")) }

    @Test func onATerminalAnythingButYesStopsAndChangesNothing() throws {
        let before = try database()
        harness.answer = "y"
        let refused = harness.run("erase", "--apply", "email:jan.devries@example.nl", "--config", "ws/dsr.yaml")
        #expect(refused.code == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("Erasure plan") && refused.stderr.contains("Type yes"))
        #expect(refused.stderr.contains("not confirmed; nothing was changed"))
        #expect(try database() == before)
        harness.answer = "yes"
        let confirmed = harness.run("erase", "--apply", "email:jan.devries@example.nl", "--config", "ws/dsr.yaml")
        #expect(confirmed.code == 0, "\(confirmed.stderr)")
        #expect(try database() != before)
    }

    @Test func yesSkipsTheQuestion() throws {
        harness.answer = "no"
        let outcome = harness.run(
            "erase", "--apply", "--yes", "email:jan.devries@example.nl", "--config", "ws/dsr.yaml")
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Type yes"))
    }

    @Test func expectWithoutApplyIsAUsageError() {
        let outcome = harness.run("erase", "--expect", "abc", "email:jan.devries@example.nl", "--config", "ws/dsr.yaml")
        #expect(outcome.code == 64)
    }
}
