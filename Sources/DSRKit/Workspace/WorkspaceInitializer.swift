import Foundation

/// Creates a workspace folder: `dsr.yaml`, the state dir (0700) with `state.db` and the
/// secret key (0600), and the exports dir (0700).
public enum WorkspaceInitializer {
    /// What `init` did.
    public struct Result: Sendable, Equatable {
        /// The configuration file written.
        public var configFile: URL
        /// Whether a secret key already existed and was kept byte for byte.
        public var keptExistingKey: Bool
        /// Whether the operations database named in the configuration exists yet.
        public var operationsDatabaseExists: Bool
    }

    /// Writes a workspace into `folder` (created when absent).
    ///
    /// Refuses an existing workspace unless `force`; even then an existing secret key is
    /// kept, because it ties the audit trail together.
    /// - Throws: ``WorkspaceError/alreadyExists(path:)``, ``WorkspaceError/cannotWrite(path:reason:)``, ``StoreError``.
    @discardableResult
    public static func create(
        in folder: URL, configuration: WorkspaceConfiguration, force: Bool
    ) throws -> Result {
        let workspace = Workspace(
            configFile: folder.appending(path: Workspace.configFileName), configuration: configuration)
        let fileManager = FileManager.default
        let configPath = workspace.configFile.path(percentEncoded: false)
        let existing = [configPath, workspace.stateDatabase.path(percentEncoded: false)]
            .first { fileManager.fileExists(atPath: $0) }
        if let existing, !force { throw WorkspaceError.alreadyExists(path: existing) }

        try makeDirectory(folder, mode: nil)
        try makeDirectory(workspace.stateDir, mode: 0o700)
        try makeDirectory(workspace.exportsDir, mode: 0o700)
        let keyExisted = fileManager.fileExists(atPath: workspace.secretKeyFile.path(percentEncoded: false))
        try SecretKey.loadOrCreate(at: workspace.secretKeyFile)
        let state = try Store.openState(at: workspace.stateDatabase, busyTimeout: configuration.busyTimeoutSeconds)
        try StateSchema.migrate(state)
        try state.close()
        // The state database will hold open requests' identifiers: owner-only, like its folder.
        chmod(workspace.stateDatabase.path(percentEncoded: false), 0o600)
        try writeAtomically(configuration.yaml, to: workspace.configFile)
        return Result(
            configFile: workspace.configFile, keptExistingKey: keyExisted,
            operationsDatabaseExists: fileManager.fileExists(atPath: workspace.operationsDB.path(percentEncoded: false))
        )
    }

    /// Creates `url` with its parents; when `mode` is given, sets it even on an existing folder.
    static func makeDirectory(_ url: URL, mode: mode_t?) throws {
        let path = url.path(percentEncoded: false)
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError.cannotWrite(path: path, reason: error.localizedDescription)
        }
        if let mode, chmod(path, mode) != 0 {
            throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// Writes `text` to a temporary file beside `url` and renames it into place.
    static func writeAtomically(_ text: String, to url: URL) throws {
        let path = url.path(percentEncoded: false)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw WorkspaceError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
