import Foundation
import Testing

@testable import DSRCommands

@Suite struct RequestCommandTests {
    let harness: CommandHarness

    init() throws {
        harness = try CommandHarness()
        try harness.write("", to: "ops.db")
        #expect(harness.run("init", "--dir", ".").code == 0)
        harness.environment["DSR_ACTOR"] = "test-dpo"
    }

    @Test func aDateThatIsNotADateIsAUsageError() {
        let outcome = harness.run(
            "request", "open", "--type", "access", "phone:+31681234567", "--received", "2026-02-30")
        #expect(outcome.code == ExitCodes.usage)
        #expect(outcome.stderr.contains("--received"))
        #expect(harness.run("request", "list").stdout.contains("No requests."))
    }

    @Test func anUnknownIdIsBadInputNamingIt() {
        let outcome = harness.run("request", "show", "DSR-2026-0042")
        #expect(outcome.code == ExitCodes.dataError)
        #expect(outcome.stderr.contains("DSR-2026-0042"))
    }

    @Test func anIdentifierThatDoesNotParseIsBadInputNamingItsKind() {
        let outcome = harness.run("request", "open", "--type", "access", "phone:12")
        #expect(outcome.code == ExitCodes.dataError)
        #expect(outcome.stderr.contains("phone"))
        #expect(!outcome.stderr.contains("12 "), "the value itself is not echoed")
    }

    /// `$'email:a@b.nl\nc@d.nl'` once registered c@d.nl: a control character is refused (65)
    /// by position, for `request open` and `locate` alike, and nothing is registered.
    @Test func anIdentifierWithALineBreakIsRefusedByPositionAndNothingIsRegistered() {
        for (arguments, position) in [
            (["request", "open", "--type", "access", "email:a@b.nl\nc@d.nl"], "identifier 1 of 1"),
            (["locate", "email:a@b.nl\nc@d.nl"], "identifier 1 of 1"),
            (["locate", "phone:+31681234567", "email:a@b.nl\r"], "identifier 2 of 2"),
        ] {
            let outcome = harness.run(arguments)
            #expect(outcome.code == ExitCodes.dataError, "\(arguments)")
            #expect(outcome.stderr.contains(position), "\(outcome.stderr)")
            #expect(outcome.stderr.contains("control character"), "\(outcome.stderr)")
            #expect(!outcome.stderr.contains("b.nl") && !outcome.stderr.contains("d.nl"), "never the value")
        }
        #expect(harness.run("request", "list").stdout.contains("No requests."))
        #expect(!harness.run("audit", "log").stdout.contains("request.open"))
    }

    @Test func overdueRequestsMakeListExit1ForCron() throws {
        let opened = harness.run(
            "request", "open", "--type", "access", "email:a@example.nl", "--received", "2020-01-01", "--json")
        #expect(opened.code == 0)
        let request = try JSONSerialization.jsonObject(with: Data(opened.stdout.utf8)) as! [String: Any]
        #expect(request["due"] as? String == "2020-02-01")
        let list = harness.run("request", "list", "--overdue")
        #expect(list.code == ExitCodes.checkFailed)
        #expect(list.stdout.contains("OVERDUE"))
        #expect(harness.run("request", "close", request["id"] as! String, "--outcome", "withdrawn").code == 0)
        #expect(harness.run("request", "list", "--overdue").code == 0)
    }

    @Test func theActorComesFromTheFlagThenTheEnvironment() {
        let opened = harness.run("request", "open", "--type", "erasure", "ip:192.0.2.7")
        #expect(opened.code == 0)
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(id.hasPrefix("DSR-"))
        #expect(harness.run("request", "verify", id, "--method", "letter", "--actor", "A. de Boer").code == 0)
        let log = harness.run("audit", "log")
        #expect(log.stdout.contains("test-dpo  request.open"))
        #expect(log.stdout.contains("A. de Boer  request.verify"))
        #expect(harness.run("audit", "verify").code == 0)
        #expect(harness.run("audit", "find", "ip:::ffff:192.0.2.7").stdout.contains("request.open"))
    }
}
