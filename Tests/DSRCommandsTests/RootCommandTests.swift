import DSRKit
import Foundation
import Testing

@testable import DSRCommands

@Suite struct RootCommandTests {
    let harness: CommandHarness
    init() throws { harness = try CommandHarness() }

    @Test func versionIsPrinted() {
        let outcome = harness.run("--version")
        #expect(outcome.code == 0)
        #expect(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == DSRVersion.current)
    }

    @Test func helpListsTheExitCodes() {
        let outcome = harness.run("help")
        #expect(outcome.code == 0)
        for code in ["64", "65", "66", "70", "73", "75"] { #expect(outcome.stdout.contains("  \(code)  ")) }
    }

    @Test(arguments: ["init", "status", "demo"])
    func everyCommandHasHelpWithAnExample(_ command: String) {
        let outcome = harness.run(command, "--help")
        #expect(outcome.code == 0)
        #expect(outcome.stdout.contains("Example"))
        #expect(outcome.stdout.contains("dsr \(command)"))
    }

    @Test func anUnknownOptionIsAUsageError() {
        let outcome = harness.run("status", "--no-such-flag")
        #expect(outcome.code == ExitCodes.usage)
        #expect(outcome.stderr.contains("--no-such-flag"))
    }

    @Test func exitCodesFollowSysexits() {
        #expect(ExitCodes.code(for: .checkFailed) == 1)
        #expect(ExitCodes.code(for: .usage) == 64)
        #expect(ExitCodes.code(for: .badData) == 65)
        #expect(ExitCodes.code(for: .missingInput) == 66)
        #expect(ExitCodes.code(for: .internalError) == 70)
        #expect(ExitCodes.code(for: .cannotWrite) == 73)
        #expect(ExitCodes.code(for: .temporary) == 75)
    }
}
