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
        try WorkspaceInitializer.create(in: dir.url, configuration: .init(), force: false)
        let ws = try workspace()
        #expect(try mode(ws.stateDir) == 0o700)
        #expect(try mode(ws.exportsDir) == 0o700)
        #expect(try mode(ws.secretKeyFile) == 0o600)
        #expect(try mode(ws.stateDatabase) == 0o600)
        #expect(try ws.secretKey().bytes.count == 32)
        #expect(try StateSchema.appliedMigrations(Store.openState(at: ws.stateDatabase)) == ["v1-workspace"])
    }

    @Test func initTwiceRefusesAndChangesNothing() throws {
        try WorkspaceInitializer.create(in: dir.url, configuration: .init(), force: false)
        let before = try Data(contentsOf: dir.url.appending(path: "dsr.yaml"))
        let error = #expect(throws: WorkspaceError.self) {
            try WorkspaceInitializer.create(
                in: dir.url, configuration: .init(defaultCountry: "BG"), force: false)
        }
        #expect(error?.kind == .cannotWrite)
        #expect(try Data(contentsOf: dir.url.appending(path: "dsr.yaml")) == before)
    }

    @Test func forceRewritesTheConfigurationButKeepsTheKeyByteIdentical() throws {
        try WorkspaceInitializer.create(in: dir.url, configuration: .init(), force: false)
        let key = try Data(contentsOf: dir.url.appending(path: "state/secret.key"))
        let result = try WorkspaceInitializer.create(
            in: dir.url, configuration: .init(defaultCountry: "BG"), force: true)
        #expect(result.keptExistingKey)
        #expect(try Data(contentsOf: dir.url.appending(path: "state/secret.key")) == key)
        #expect(try workspace().configuration.defaultCountry == "BG")
    }

    @Test func twoWorkspacesGetDifferentKeys() throws {
        let other = try TemporaryDirectory()
        try WorkspaceInitializer.create(in: dir.url, configuration: .init(), force: false)
        try WorkspaceInitializer.create(in: other.url, configuration: .init(), force: false)
        #expect(
            try Data(contentsOf: dir.url.appending(path: "state/secret.key"))
                != Data(contentsOf: other.url.appending(path: "state/secret.key")))
    }

    @Test func aKeyOfTheWrongSizeIsRefused() throws {
        try WorkspaceInitializer.create(in: dir.url, configuration: .init(), force: false)
        try dir.write("short", to: "state/secret.key")
        #expect(throws: WorkspaceError.self) { try workspace().secretKey() }
        #expect(throws: WorkspaceError.self) {
            try WorkspaceInitializer.create(in: dir.url, configuration: .init(), force: true)
        }
    }

    @Test func theWrittenConfigurationParsesBackToTheSameValues() throws {
        let config = WorkspaceConfiguration(
            operationsDB: "/srv/tel/ops db.sqlite", filesRoot: "../files", defaultCountry: "DE",
            busyTimeoutSeconds: 2.5)
        try WorkspaceInitializer.create(in: dir.url, configuration: config, force: false)
        #expect(try workspace().configuration == config)
    }
}
