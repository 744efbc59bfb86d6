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
        /// With `newKey`, how many audit entries were made with the lost key (0 when none was lost).
        public var entriesCutOff = 0
    }

    /// The settings `init` may set; `nil` keeps what an existing `dsr.yaml` says (or the default).
    public struct Settings: Sendable, Equatable {
        public var operationsDB: String?
        public var filesRoot: String?
        public var defaultCountry: String?
        /// The controller's identity; `nil` keeps what the DPO wrote (empty in a new workspace).
        /// Only `dsr demo` sets one: `init` never invents who the controller is.
        public var controller: ControllerSettings?
        /// The PostgreSQL password file (`password_file:`); nil keeps what dsr.yaml says.
        public var passwordFile: String?

        /// Settings to apply; leave a field `nil` to keep the current value.
        public init(
            operationsDB: String? = nil, filesRoot: String? = nil, defaultCountry: String? = nil,
            controller: ControllerSettings? = nil
        ) {
            self.operationsDB = operationsDB
            self.filesRoot = filesRoot
            self.defaultCountry = defaultCountry
            self.controller = controller
        }

        func applied(to base: WorkspaceConfiguration) -> WorkspaceConfiguration {
            var result = base
            if let operationsDB { result.operationsDB = operationsDB }
            if let filesRoot { result.filesRoot = filesRoot }
            if let defaultCountry { result.defaultCountry = defaultCountry.uppercased() }
            if let controller { result.controller = controller }
            if let passwordFile { result.passwordFile = passwordFile }
            return result
        }
    }

    /// Writes a workspace into `folder` (created when absent).
    ///
    /// Refuses an existing workspace unless `force`. With `force`, the existing `dsr.yaml` is
    /// read first and only the given settings change: its state dir, and so its secret key,
    /// stay where they are, because the key ties the audit trail together.
    ///
    /// A secret key is created only where none exists. Where it is missing but `state.db`
    /// already holds hashes made with it, it was lost: a new key would quietly cut the
    /// audit trail off from the people it names, so `init` refuses unless `newKey`, and then
    /// records in the trail (as `actor`, at `now`) that earlier entries can no longer be
    /// found by identifier.
    /// - Throws: ``WorkspaceError/alreadyExists(path:)``, ``WorkspaceError/cannotWrite(path:reason:)``,
    ///   ``WorkspaceError/secretKeyLost(path:stateDatabase:)``, a ``WorkspaceError`` of the
    ///   existing `dsr.yaml` when it does not parse, ``StoreError``.
    @discardableResult
    public static func create(
        in folder: URL, settings: Settings, force: Bool, newKey: Bool = false, actor: String = "",
        now: Date = Date()
    ) throws -> Result {
        let fileManager = FileManager.default
        let configFile = folder.appending(path: Workspace.configFileName)
        let configPath = configFile.path(percentEncoded: false)
        var base = WorkspaceConfiguration()
        if fileManager.fileExists(atPath: configPath) {
            guard force else { throw WorkspaceError.alreadyExists(path: configPath) }
            // A dsr.yaml that does not parse is reported rather than overwritten: it may name
            // a state dir elsewhere, and overwriting it would orphan that secret key.
            base = try Workspace.parseConfiguration(at: configFile)
        }
        let configuration = settings.applied(to: base)
        let workspace = Workspace(configFile: configFile, configuration: configuration)
        let statePath = workspace.stateDatabase.path(percentEncoded: false)
        if !force, fileManager.fileExists(atPath: statePath) {
            throw WorkspaceError.alreadyExists(path: statePath)
        }

        let keyPath = workspace.secretKeyFile.path(percentEncoded: false)
        let keyExisted = fileManager.fileExists(atPath: keyPath)
        var lost: (auditEntries: Int, requestSubjects: Int)?
        if !keyExisted, fileManager.fileExists(atPath: statePath) {
            let state = try StateDatabase.open(
                at: workspace.stateDatabase, busyTimeout: configuration.busyTimeoutSeconds)
            let rows = try state.keyedHashRows()
            state.close()
            if rows.auditEntries + rows.requestSubjects > 0 {
                guard newKey else { throw WorkspaceError.secretKeyLost(path: keyPath, stateDatabase: statePath) }
                lost = rows
            }
        }

        try makeDirectory(folder, mode: nil)
        try makeDirectory(workspace.stateDir, mode: 0o700)
        try makeDirectory(workspace.exportsDir, mode: 0o700)
        if let lost {
            try replaceLostKey(workspace, lost, actor: actor, now: now)
        } else {
            try SecretKey.loadOrCreate(at: workspace.secretKeyFile)
        }
        let state = try Store.openState(at: workspace.stateDatabase, busyTimeout: configuration.busyTimeoutSeconds)
        try StateSchema.migrate(state)
        try state.close()
        // The state database will hold open requests' identifiers: owner-only, like its folder.
        guard chmod(statePath, 0o600) == 0 else {
            throw WorkspaceError.cannotWrite(path: statePath, reason: String(cString: strerror(errno)))
        }
        try writeAtomically(configuration.yaml, to: workspace.configFile)
        return Result(
            configFile: workspace.configFile, keptExistingKey: keyExisted,
            // A server is not looked for here: reaching it needs its password, and init must work offline.
            operationsDatabaseExists: workspace.operationsFile.map {
                fileManager.fileExists(atPath: $0.path(percentEncoded: false))
            } ?? true,
            entriesCutOff: lost?.auditEntries ?? 0)
    }

    /// Creates a new key in place of a lost one and records it in the audit trail, in one
    /// transaction: when the key cannot be written the entry is rolled back.
    private static func replaceLostKey(
        _ workspace: Workspace, _ lost: (auditEntries: Int, requestSubjects: Int), actor: String, now: Date
    ) throws {
        let state = try StateDatabase.open(
            at: workspace.stateDatabase, busyTimeout: workspace.configuration.busyTimeoutSeconds)
        defer { state.close() }
        let record = AuditRecord(
            action: .workspaceNewKey,
            details: [
                "earlier_entries": .int(Int64(lost.auditEntries)),
                "request_subjects": .int(Int64(lost.requestSubjects)),
                "searchable_by_identifier": .text("only the entries after this one"),
            ])
        try state.write { db in
            try AuditTrail(state: state).append(record, actor: actor, at: now, in: db)
            try SecretKey.loadOrCreate(at: workspace.secretKeyFile)
        }
    }

    /// Creates `url` with its parents; when `mode` is given, sets it even on an existing folder.
    package static func makeDirectory(_ url: URL, mode: mode_t?) throws {
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
    package static func writeAtomically(_ text: String, to url: URL) throws {
        let path = url.path(percentEncoded: false)
        do {
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw WorkspaceError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
