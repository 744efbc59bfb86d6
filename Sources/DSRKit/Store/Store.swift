import Foundation
import GRDB

/// The one place that opens SQLite databases, so every connection gets the same safety settings.
///
/// - Foreign keys are on for every connection.
/// - A busy timeout (5 s unless configured) lets short locks pass; a lock that outlasts it
///   becomes ``StoreError/locked(path:timeout:)`` (exit 75).
/// - The operations database belongs to the billing and telephony systems: commands that
///   only read it open it read-only, so a stray write fails instead of changing it.
/// - Every connection that may delete runs `PRAGMA secure_delete=ON`, so erased values do
///   not survive in free pages (TOOLCHAIN.md: with it off, 1000 of 1000 markers survived).
/// - dsr's own state database runs in WAL mode so readers never block the audit writer, with
///   `synchronous = FULL`: every commit (an audit entry, a journal entry) is on disk when it returns.
public enum Store {
    /// How a database is going to be used.
    public enum Access: Sendable {
        /// Reads only: opened with `SQLITE_OPEN_READONLY`.
        case readOnly
        /// Reads and writes, deletes included (secure_delete on).
        case readWrite
        /// A new database that dsr creates itself (demo data): read-write, created if absent.
        case create
    }

    /// The default busy timeout, in seconds.
    public static let defaultBusyTimeout: Double = 5

    /// Opens an operations database (CONTRACT.md section 2).
    ///
    /// - Throws: ``StoreError`` when the file is missing, not a database, or locked.
    public static func openOperations(
        at url: URL, access: Access = .readOnly, busyTimeout: Double = defaultBusyTimeout
    ) throws -> DatabaseQueue {
        try open(at: url, access: access, busyTimeout: busyTimeout, wal: false)
    }

    /// Opens (and creates when absent) dsr's state database in WAL mode.
    ///
    /// - Throws: ``StoreError`` when the file is not a database or stays locked.
    public static func openState(at url: URL, busyTimeout: Double = defaultBusyTimeout) throws
        -> DatabaseQueue
    {
        try open(at: url, access: .create, busyTimeout: busyTimeout, wal: true)
    }

    static func open(at url: URL, access: Access, busyTimeout: Double, wal: Bool) throws
        -> DatabaseQueue
    {
        let path = url.path(percentEncoded: false)
        if access != .create, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.missing(path: path)
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.readonly = access == .readOnly
        config.busyMode = .timeout(busyTimeout)
        config.publicStatementArguments = false  // bound values are personal data
        if wal { config.journalMode = .wal }
        if access != .readOnly {
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA secure_delete = ON") }
        }
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            // GRDB sets `synchronous = NORMAL` with WAL, where a commit is durable only at the
            // next checkpoint: a power cut could then lose an audit entry or an erasure's
            // journal entry while the operations database (a rollback journal, synced at each
            // commit) keeps the change it describes. FULL syncs the WAL at every commit.
            if wal { try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") } }
            // Opening is lazy: touch the schema now so "not a database" and locks show here.
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return queue
        } catch {
            throw StoreError.wrap(error, path: path, timeout: busyTimeout)
        }
    }
}

extension DatabaseQueue {
    /// The busy timeout this connection was opened with, in seconds.
    var busyTimeoutSeconds: Double {
        if case .timeout(let seconds) = configuration.busyMode { return seconds }
        return 0
    }

    /// Runs a read in one transaction, turning SQLite failures into ``StoreError`` values
    /// that name this database.
    ///
    /// On a connection that may write, the transaction is always rolled back, so nothing
    /// `body` might write survives. It is not GRDB's `read`: that brackets each read with
    /// `PRAGMA query_only`, and setting a flag pragma expires every prepared statement of the
    /// connection, so each read made the next use of every cached statement (the index
    /// lookups among them) compile again (callgrind: 18 % of a bulk locate row).
    ///
    /// - Throws: ``StoreError`` for SQLite failures; errors thrown by `body` pass through.
    public func guardedRead<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            if configuration.readonly { return try read(body) }
            return try writeWithoutTransaction { db in
                if db.isInsideTransaction { return try body(db) }
                return try inTransaction(db, .deferred, ending: .rollback, body)
            }
        } catch {
            throw StoreError.wrap(error, path: path, timeout: busyTimeoutSeconds)
        }
    }

    /// Runs `body` outside any transaction (`VACUUM`, pragmas that need it), turning SQLite
    /// failures into ``StoreError`` values that name this database.
    ///
    /// - Throws: ``StoreError`` for SQLite failures; errors thrown by `body` pass through.
    public func guardedWriteWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writeWithoutTransaction(body) } catch {
            throw StoreError.wrap(error, path: path, timeout: busyTimeoutSeconds)
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, rolled back when it throws.
    ///
    /// - Throws: ``StoreError`` for SQLite failures; errors thrown by `body` pass through.
    public func guardedWrite<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writeWithoutTransaction { db in try inTransaction(db, .immediate, ending: .commit, body) }
        } catch {
            throw StoreError.wrap(error, path: path, timeout: busyTimeoutSeconds)
        }
    }

    /// Runs `body` in one transaction of `kind` that ends with `completion` when it returns
    /// (and is rolled back when it throws).
    private func inTransaction<T>(
        _ db: Database, _ kind: Database.TransactionKind, ending completion: Database.TransactionCompletion,
        _ body: (Database) throws -> T
    ) throws -> T {
        var result: T?
        try db.inTransaction(kind) {
            result = try body(db)
            return completion
        }
        guard let result else {
            throw StoreError.sqlite(path: path, code: 0, message: "transaction produced no result")
        }
        return result
    }
}
