import Foundation
import Testing

@testable import DSRCommands

@Suite struct InitCommandTests {
    let harness: CommandHarness
    init() throws { harness = try CommandHarness() }

    @Test func initMakesAWorkspaceAndRefusesASecondTime() throws {
        let first = harness.run("init", "--dir", "ws", "--default-country", "bg")
        #expect(first.code == ExitCodes.success)
        #expect(first.stdout.contains("ws/dsr.yaml"))
        #expect(first.stderr.contains("does not exist yet"))
        let yaml = try String(contentsOf: harness.folder.appending(path: "ws/dsr.yaml"), encoding: .utf8)
        #expect(yaml.contains("default_country: \"BG\""))

        let second = harness.run("init", "--dir", "ws")
        #expect(second.code == ExitCodes.cannotCreate)
        #expect(second.stderr.contains("already exists"))
        #expect(second.stderr.contains("--force"))
    }

    @Test func forceKeepsTheKey() throws {
        #expect(harness.run("init", "--dir", "ws").code == 0)
        let key = try Data(contentsOf: harness.folder.appending(path: "ws/state/secret.key"))
        let again = harness.run("init", "--dir", "ws", "--force", "--json")
        #expect(again.code == 0)
        #expect(again.stdout.contains("\"kept_existing_key\" : true"))
        #expect(try Data(contentsOf: harness.folder.appending(path: "ws/state/secret.key")) == key)
    }

    @Test func aBadCountryIsAUsageError() {
        let outcome = harness.run("init", "--dir", "ws", "--default-country", "Holland")
        #expect(outcome.code == ExitCodes.usage)
        #expect(outcome.stderr.contains("--default-country"))
        #expect(!harness.exists("ws"), "a usage error changes nothing")
    }
}
