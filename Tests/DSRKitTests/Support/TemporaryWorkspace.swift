import Foundation

@testable import DSRKit

/// A workspace made by `WorkspaceInitializer` in a temporary folder, with an empty ops.db:
/// enough for the state database, the register and the audit trail.
struct TemporaryWorkspace {
    let dir: TemporaryDirectory
    let workspace: Workspace

    init() throws {
        dir = try TemporaryDirectory()
        try dir.write("", to: "ops.db")
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        workspace = try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml"))
    }

    /// The workspace's state database, opened and migrated.
    func state() throws -> StateDatabase { try workspace.openState() }

    /// The keyed hasher of the workspace secret.
    func hasher() throws -> KeyedHasher { KeyedHasher(secret: try workspace.secretKey()) }

    /// `2026-03-01T12:00:00Z` plus `seconds`.
    static func time(_ seconds: TimeInterval = 0) -> Date {
        Date(timeIntervalSince1970: 1_772_366_400 + seconds)
    }
}

extension Workspace {
    /// The workspace's state database, opened as a session would open it.
    func openState() throws -> StateDatabase {
        try StateDatabase.open(at: stateDatabase, busyTimeout: configuration.busyTimeoutSeconds)
    }

    /// The workspace secret key.
    func secretKey() throws -> SecretKey { try SecretKey.load(from: secretKeyFile) }
}
