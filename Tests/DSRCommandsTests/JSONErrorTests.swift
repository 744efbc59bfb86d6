import Foundation
import Testing

@testable import DSRCommands

/// A command given `--json` that fails still prints one JSON document on stdout:
/// `{"error": {"exit": N, "message": "…"}}`, beside the usual stderr line.
@Suite struct JSONErrorTests {
    let harness: CommandHarness

    init() throws {
        harness = try CommandHarness()
    }

    /// The `error` object of `stdout`, or nil when it is not exactly that one document.
    func errorDocument(_ stdout: String) -> [String: Any]? {
        guard let document = try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any],
            document.count == 1
        else { return nil }
        return document["error"] as? [String: Any]
    }

    @Test func aMissingWorkspaceWithJSONIs66AndOneErrorDocument() throws {
        let outcome = harness.run("locate", "phone:+31681234567", "--config", "missing/dsr.yaml", "--json")
        #expect(outcome.code == ExitCodes.noInput)
        let error = try #require(errorDocument(outcome.stdout), "stdout: \(outcome.stdout)")
        #expect(error["exit"] as? Int == Int(ExitCodes.noInput))
        let message = try #require(error["message"] as? String)
        #expect(message.contains("missing/dsr.yaml"))
        #expect(outcome.stderr == "dsr: error: \(message)\n")
    }

    @Test func withoutJSONStdoutStaysEmpty() {
        let outcome = harness.run("locate", "phone:+31681234567", "--config", "missing/dsr.yaml")
        #expect(outcome.code == ExitCodes.noInput)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("missing/dsr.yaml"))
    }

    /// A usage error that ArgumentParser raises counts too: the parse failed, `--json` was typed.
    @Test(arguments: [["locate", "--json"], ["request", "open", "--type", "nonsense", "ip:192.0.2.7", "--json"]])
    func aUsageErrorWithJSONIs64AndOneErrorDocument(arguments: [String]) throws {
        let outcome = harness.run(arguments)
        #expect(outcome.code == ExitCodes.usage)
        let error = try #require(errorDocument(outcome.stdout), "stdout: \(outcome.stdout)")
        #expect(error["exit"] as? Int == Int(ExitCodes.usage))
        let message = try #require(error["message"] as? String)
        #expect(!message.isEmpty && outcome.stderr.contains(message))
    }

    /// A command without a `--json` flag rejects it as an unknown option and prints no document.
    @Test func aCommandWithoutJSONPrintsNoDocument() {
        let outcome = harness.run("audit", "head", "--json")
        #expect(outcome.code == ExitCodes.usage)
        #expect(outcome.stdout.isEmpty)
    }
}
