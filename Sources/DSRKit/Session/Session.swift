import Foundation

/// Everything one command works with, loaded once: the workspace, its data map, the keyed
/// hasher, and the databases, each opened the first time a capability needs it.
///
/// A command makes one session and hands it to every capability it calls (locate, export,
/// the register, the audit trail), so a `locate --request` reads the secret key once and
/// opens the state database once, and an export reads what it located in the same read
/// transaction of the operations database.
public final class Session {
    /// The workspace.
    public let workspace: Workspace
    /// Who is acting, for the audit trail.
    public let actor: String
    /// The time the command runs at (one clock for every entry and deadline it writes).
    public let now: Date

    private var source: DataMapSource?
    private var map: DataMap?
    private var keyedHasher: KeyedHasher?
    private var operationsStore: (any OperationsStore)?
    private var stateDatabase: StateDatabase?
    private var identifierIndex: IdentifierIndex?
    private var requestRegister: RequestRegister?
    private var filesResolver: FileResolver?
    /// Set by ``close()``: a closed session opens nothing again.
    private var closed = false
    /// Where long jobs draw their progress: set by the command layer when stderr is a
    /// terminal and the output is not `--json`; nil draws nothing.
    public var progressDisplay: ProgressDisplay? {
        didSet { identifierIndex?.progressDisplay = progressDisplay }
    }

    /// - Throws: ``SessionError/closed`` once the session is closed.
    private func checkOpen() throws {
        if closed { throw SessionError.closed }
    }

    /// A session on a loaded workspace.
    public init(workspace: Workspace, actor: String, now: Date = Date()) {
        self.workspace = workspace
        self.actor = actor
        self.now = now
    }

    /// A meter for a long job, drawn on ``progressDisplay`` (a no-op without one).
    public func meter(task: String, unit: String, total: Int?) -> ProgressMeter {
        ProgressMeter(task: task, unit: unit, total: total, display: progressDisplay)
    }

    /// The workspace's `default_country`.
    public var defaultCountry: String { workspace.configuration.defaultCountry }

    /// The text of the data map in use: the built-in map, or the file `datamap:` names.
    ///
    /// - Throws: ``DataMapLoadError`` for a missing or unreadable file.
    public func dataMapSource() throws -> DataMapSource {
        if let source { return source }
        let configuration = workspace.configuration
        let loaded: DataMapSource =
            configuration.datamap == BuiltinDataMap.name
            ? .builtin
            : try DataMapSource.file(
                at: FilePaths.resolve(configuration.datamap, against: workspace.folder),
                setting: "datamap in \(workspace.configFile.path(percentEncoded: false))")
        source = loaded
        return loaded
    }

    /// The data map in use, parsed and validated once.
    ///
    /// - Throws: ``DataMapLoadError``, ``DataMapError``.
    public func dataMap() throws -> DataMap {
        if let map { return map }
        let parsed = try dataMapSource().parse()
        map = parsed
        return parsed
    }

    /// Resolves stored file paths inside the files root, which is resolved once a session
    /// (a bulk run locates hundreds of times; each resolution of the root walks its path).
    func fileResolver() -> FileResolver {
        if let filesResolver { return filesResolver }
        let resolver = FileResolver(root: workspace.filesRoot)
        filesResolver = resolver
        return resolver
    }

    /// The hasher keyed with the workspace secret (read once).
    ///
    /// - Throws: ``PrivacyError/badSecretKey(path:reason:)``.
    public func hasher() throws -> KeyedHasher {
        if let keyedHasher { return keyedHasher }
        let hasher = KeyedHasher(secret: try SecretKey.load(from: workspace.secretKeyFile))
        keyedHasher = hasher
        return hasher
    }

    /// dsr's state database, opened and migrated once.
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``.
    public func state() throws -> StateDatabase {
        try checkOpen()
        if let stateDatabase { return stateDatabase }
        let state = try StateDatabase.open(
            at: workspace.stateDatabase, busyTimeout: workspace.configuration.busyTimeoutSeconds)
        stateDatabase = state
        return state
    }

    /// The audit trail in this session's state database.
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``.
    public func auditTrail() throws -> AuditTrail { AuditTrail(state: try state()) }

    /// The request register, on this session's state database and hasher.
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``.
    public func register() throws -> RequestRegister {
        if let requestRegister { return requestRegister }
        let register = try RequestRegister(state: state(), hasher: hasher(), actor: actor, now: now)
        requestRegister = register
        return register
    }

    /// The operations database, opened read-only once.
    ///
    /// - Throws: ``StoreError``.
    func operations() throws -> any OperationsStore {
        try checkOpen()
        if let operationsStore { return operationsStore }
        let store = try workspace.operations.open(busyTimeout: workspace.configuration.busyTimeoutSeconds)
        operationsStore = store
        return store
    }

    /// The identifier index in the state dir, opened once.
    ///
    /// - Throws: ``StoreError``, data map and key errors.
    func index() throws -> IdentifierIndex {
        try checkOpen()
        if let identifierIndex { return identifierIndex }
        let index = try IdentifierIndex(
            at: workspace.stateDir.appending(path: IdentifierIndex.fileName),
            busyTimeout: workspace.configuration.busyTimeoutSeconds, map: dataMap(), mapText: dataMapSource().text,
            hasher: hasher(), defaultCountry: defaultCountry, operations: operations())
        index.progressDisplay = progressDisplay
        identifierIndex = index
        return index
    }

    /// Closes the operations database and the index, and marks the session closed. A command
    /// calls it when it is done and keeps the session until the process exits: not
    /// deallocating spares the exit the worker threads that disposing GRDB's dispatch queues
    /// starts, and state.db is left to the process's end (see below).
    public func close() {
        closed = true
        operationsStore?.close()
        identifierIndex?.close()
        // state.db stays open to the end of the process: closing the last connection would
        // checkpoint and delete its WAL, and the next command's open would recreate it (GRDB
        // writes a table to do so). What must not stay in the WAL (forgotten identifiers) is
        // checkpointed and truncated where it is forgotten.
    }

    /// Runs `body` in one read transaction of the operations database, with the fingerprint
    /// taken just before it began (for the index's freshness check).
    ///
    /// - Throws: ``StoreError``; errors of `body` pass through.
    func readingOperations<T>(_ body: (any OperationsReader, OperationsFingerprint) throws -> T) throws -> T {
        let store = try operations()
        let fingerprint = store.fingerprint()
        return try store.read { reader in try body(reader, fingerprint) }
    }
}
