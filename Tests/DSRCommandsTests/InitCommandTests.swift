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

    // MARK: - The controller's identity

    static let controllerKeys = [
        "controller_name", "controller_address", "controller_email", "dpo_contact", "supervisory_authority",
    ]

    @Test func initLeavesTheControllerEmptyForTheDPO() throws {
        #expect(harness.run("init", "--dir", "ws").code == 0)
        let yaml = try String(contentsOf: harness.folder.appending(path: "ws/dsr.yaml"), encoding: .utf8)
        for key in Self.controllerKeys { #expect(yaml.contains("\n\(key): \"\""), "\(key)") }
        #expect(!yaml.contains("Telvora"))
        #expect(yaml.contains("fill in"))
    }

    @Test func forceKeepsTheControllerTheDPOWrote() throws {
        #expect(harness.run("init", "--dir", "ws").code == 0)
        let config = harness.folder.appending(path: "ws/dsr.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "controller_name: \"\"", with: "controller_name: \"Acme Telecom N.V.\"")
            .replacingOccurrences(of: "dpo_contact: \"\"", with: "dpo_contact: \"dpo@acme.example\"")
        try harness.write(yaml, to: "ws/dsr.yaml")
        #expect(harness.run("init", "--dir", "ws", "--force").code == 0)
        let after = try String(contentsOf: config, encoding: .utf8)
        #expect(after.contains("controller_name: \"Acme Telecom N.V.\""))
        #expect(after.contains("dpo_contact: dpo@acme.example") || after.contains("dpo_contact: \"dpo@acme.example\""))
        #expect(after.contains("controller_email: \"\""))
        #expect(!after.contains("Telvora"))
    }

    @Test func exportRefusesAWorkspaceWithoutAController() throws {
        #expect(harness.run("init", "--dir", "ws").code == 0)
        try harness.write("", to: "ws/ops.db")
        let outcome = harness.run("export", "--config", "ws/dsr.yaml", "email:jan@example.nl")
        #expect(outcome.code == ExitCodes.dataError)
        for key in Self.controllerKeys { #expect(outcome.stderr.contains(key), "\(key)") }
        #expect(outcome.stderr.contains("dsr.yaml"))
        #expect(!outcome.stderr.contains("jan@example.nl"))
        let exports = try FileManager.default.contentsOfDirectory(
            atPath: harness.folder.appending(path: "ws/exports").path(percentEncoded: false))
        #expect(exports.isEmpty, "nothing written")
    }
}
