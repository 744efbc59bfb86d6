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

    // MARK: - A lost key

    /// A workspace whose state.db holds keyed hashes (one request, audited), then loses its key.
    private func workspaceThatLostItsKey() throws {
        #expect(harness.run("init", "--dir", "ws").code == 0)
        try harness.write("", to: "ws/ops.db")
        let opened = harness.run(
            "request", "open", "--config", "ws/dsr.yaml", "--type", "access", "email:jan@example.nl")
        try #require(opened.code == 0, "\(opened.stderr)")
        try FileManager.default.removeItem(at: harness.folder.appending(path: "ws/state/secret.key"))
    }

    @Test func aLostKeyIsNotReplacedQuietly() throws {
        try workspaceThatLostItsKey()
        let outcome = harness.run("init", "--dir", "ws", "--force")
        #expect(outcome.code == ExitCodes.cannotCreate)
        #expect(outcome.stderr.contains("secret.key"))
        #expect(outcome.stderr.contains("restore"))
        #expect(outcome.stderr.contains("backup"))
        #expect(outcome.stderr.contains("--new-key"))
        #expect(!harness.exists("ws/state/secret.key"), "no new key was made")

        let status = harness.run("status", "--config", "ws/dsr.yaml")
        #expect(status.stdout.contains("restore it from your backup"))
        #expect(!status.stdout.contains("run `dsr init`"))
    }

    @Test func newKeyReplacesALostKeyAndSaysSoInTheAuditTrail() throws {
        try workspaceThatLostItsKey()
        let outcome = harness.run("init", "--dir", "ws", "--force", "--new-key")
        #expect(outcome.code == ExitCodes.success, "\(outcome.stderr)")
        #expect(harness.exists("ws/state/secret.key"))
        #expect(outcome.stdout.contains("can no longer be found by identifier"))

        let log = harness.run("audit", "log", "--config", "ws/dsr.yaml", "--json")
        #expect(log.code == ExitCodes.success, "\(log.stderr)")
        #expect(log.stdout.contains("workspace.new_key"))
        #expect(!log.stdout.contains("jan@example.nl"))
        let verify = harness.run("audit", "verify", "--config", "ws/dsr.yaml")
        #expect(verify.code == ExitCodes.success, "\(verify.stdout)\(verify.stderr)")
    }

    @Test func aFreshWorkspaceNeedsNoNewKeyFlag() throws {
        #expect(harness.run("init", "--dir", "ws").code == 0)
        try FileManager.default.removeItem(at: harness.folder.appending(path: "ws/state/secret.key"))
        // Nothing keyed yet: a new key loses nothing.
        let outcome = harness.run("init", "--dir", "ws", "--force")
        #expect(outcome.code == ExitCodes.success, "\(outcome.stderr)")
        #expect(harness.exists("ws/state/secret.key"))
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
