import Foundation
import Testing

@testable import DSRKit

@Suite struct WorkspaceInitializerTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func mode(_ url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path(percentEncoded: false))
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    func workspace() throws -> Workspace {
        let file = dir.url.appending(path: "dsr.yaml")
        let text = try String(contentsOf: file, encoding: .utf8)
        return Workspace(configFile: file, configuration: try ConfigurationParser.parse(text, path: file.path))
    }

    @Test func initWritesOwnerOnlyStateAndA32ByteKey() throws {
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        let ws = try workspace()
        #expect(try mode(ws.stateDir) == 0o700)
        #expect(try mode(ws.exportsDir) == 0o700)
        #expect(try mode(ws.secretKeyFile) == 0o600)
        #expect(try mode(ws.stateDatabase) == 0o600)
        #expect(try ws.secretKey().bytes.count == 32)
        #expect(
            try StateSchema.appliedMigrations(Store.openState(at: ws.stateDatabase)) == [
                "v1-workspace", "v2-register-and-audit", "v3-erasure", "v4-erasure-index",
                "v5-restrictions-and-holds", "v6-index-repairs", "v7-suppression-scope", "v8-journal-kind",
                "v9-purge-runs",
                "v10-bulk-rows",
                "v11-journal-applied", "v12-rectification-journal",
            ])
    }

    @Test func initTwiceRefusesAndChangesNothing() throws {
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        let before = try Data(contentsOf: dir.url.appending(path: "dsr.yaml"))
        let error = #expect(throws: WorkspaceError.self) {
            try WorkspaceInitializer.create(in: dir.url, settings: .init(defaultCountry: "BG"), force: false)
        }
        #expect(error?.kind == .cannotWrite)
        #expect(try Data(contentsOf: dir.url.appending(path: "dsr.yaml")) == before)
    }

    @Test func forceRewritesTheConfigurationButKeepsTheKeyByteIdentical() throws {
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        let key = try Data(contentsOf: dir.url.appending(path: "state/secret.key"))
        let result = try WorkspaceInitializer.create(in: dir.url, settings: .init(defaultCountry: "BG"), force: true)
        #expect(result.keptExistingKey)
        #expect(try Data(contentsOf: dir.url.appending(path: "state/secret.key")) == key)
        #expect(try workspace().configuration.defaultCountry == "BG")
    }

    @Test func twoWorkspacesGetDifferentKeys() throws {
        let other = try TemporaryDirectory()
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        try WorkspaceInitializer.create(in: other.url, settings: .init(), force: false)
        #expect(
            try Data(contentsOf: dir.url.appending(path: "state/secret.key"))
                != Data(contentsOf: other.url.appending(path: "state/secret.key")))
    }

    @Test func aKeyOfTheWrongSizeIsRefused() throws {
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        try dir.write("short", to: "state/secret.key")
        #expect(throws: PrivacyError.self) { try workspace().secretKey() }
        #expect(throws: PrivacyError.self) {
            try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: true)
        }
    }

    @Test func theWrittenConfigurationParsesBackToTheSameValues() throws {
        let settings = WorkspaceInitializer.Settings(
            operationsDB: "/srv/tel/ops db.sqlite", filesRoot: "../files", defaultCountry: "NO")
        try WorkspaceInitializer.create(in: dir.url, settings: settings, force: false)
        // NO (Norway) is a boolean to YAML 1.1 unless quoted: it must survive the round trip.
        #expect(
            try workspace().configuration
                == WorkspaceConfiguration(
                    operationsDB: "/srv/tel/ops db.sqlite", filesRoot: "../files", defaultCountry: "NO"))
    }

    @Test func forceKeepsTheSettingsItWasNotGivenAndTheStateDirWithItsKey() throws {
        try dir.write(
            "operations_db: ops.db\nfiles_root: files\nstate_dir: secure\nbusy_timeout_seconds: 2\n", to: "dsr.yaml")
        let first = try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: true)
        #expect(!first.keptExistingKey)
        let key = try Data(contentsOf: dir.url.appending(path: "secure/secret.key"))
        let second = try WorkspaceInitializer.create(in: dir.url, settings: .init(filesRoot: "media"), force: true)
        #expect(second.keptExistingKey)
        let config = try workspace().configuration
        #expect(config.stateDir == "secure")
        #expect(config.busyTimeoutSeconds == 2)
        #expect(config.filesRoot == "media")
        #expect(try Data(contentsOf: dir.url.appending(path: "secure/secret.key")) == key)
        #expect(!FileManager.default.fileExists(atPath: dir.path("state")), "no second state dir, no second key")
    }

    @Test func forceRefusesToOverwriteAConfigurationItCannotRead() throws {
        try dir.write("operations_db: [broken\n", to: "dsr.yaml")
        let error = #expect(throws: WorkspaceError.self) {
            try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: true)
        }
        #expect(error?.kind == .badData)
        #expect(
            try String(contentsOf: dir.url.appending(path: "dsr.yaml"), encoding: .utf8) == "operations_db: [broken\n")
    }
}
