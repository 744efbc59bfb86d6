import Foundation
import GRDB

/// The operations database as one SQLite file (CONTRACT.md section 2).
///
/// Reads go through a read-only connection, so a stray write fails instead of changing
/// data that belongs to the billing and telephony systems. The read-write connection is
/// opened only when something writes, with `secure_delete` on; after each write
/// transaction the WAL (if the database uses one) is checkpointed and truncated, so no old
/// page image stays behind.
final class SQLiteOperationsStore: OperationsStore {
    let url: URL
    let busyTimeout: Double
    private let readQueue: DatabaseQueue
    private let readStatements = SQLiteStatements()
    private var writeQueue: DatabaseQueue?
    private let writeStatements = SQLiteStatements()

    /// Opens the database at `url` for reading.
    ///
    /// - Throws: ``StoreError`` when the file is missing, not a database, or locked.
    init(url: URL, busyTimeout: Double) throws {
        self.url = url
        self.busyTimeout = busyTimeout
        try Self.rollBackHotJournal(url, busyTimeout: busyTimeout)
        readQueue = try Store.openOperations(at: url, access: .readOnly, busyTimeout: busyTimeout)
    }

    /// A writer killed in the middle of a transaction (a billing job, or an erasure killed
    /// with SIGKILL) leaves a hot rollback journal, and a read-only connection cannot roll it
    /// back: every read would fail. When a -journal file holds anything, a read on a
    /// read-write connection lets SQLite roll it back first, as any client would; the database
    /// returns to its last committed state.
    private static func rollBackHotJournal(_ url: URL, busyTimeout: Double) throws {
        var info = stat()
        guard stat(url.path(percentEncoded: false) + "-journal", &info) == 0, info.st_size > 0 else { return }
        let queue = try Store.openOperations(at: url, access: .readWrite, busyTimeout: busyTimeout)
        defer { try? queue.close() }
        do {
            _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
        } catch {
            throw StoreError.wrap(error, path: url.path(percentEncoded: false), timeout: busyTimeout)
        }
    }

    var name: String { url.path(percentEncoded: false) }

    func read<T>(_ body: (any OperationsReader) throws -> T) throws -> T {
        try readQueue.guardedRead { db in
            try body(SQLiteOperationsReader(db, path: name, busyTimeout: busyTimeout, statements: readStatements))
        }
    }

    func write<T>(_ body: (any OperationsWriter) throws -> T) throws -> T {
        let queue = try writer()
        let result = try securelyDeleting(queue) { db in
            try body(SQLiteOperationsWriter(db, path: name, busyTimeout: busyTimeout, statements: writeStatements))
        }
        try removeOldPages(queue)
        return result
    }

    /// One write transaction with secure deletion on (refused when it cannot be).
    private func securelyDeleting<T>(_ queue: DatabaseQueue, _ body: (Database) throws -> T) throws -> T {
        try deletingTheRollbackJournal(queue)
        return try queue.guardedWrite { db in
            guard try Bool.fetchOne(db, sql: "PRAGMA secure_delete") == true else {
                throw StoreError.sqlite(path: name, code: 0, message: "secure_delete could not be switched on")
            }
            return try body(db)
        }
    }

    func writeSettled<T>(_ body: (any OperationsWriter, OperationsFingerprint) throws -> T) throws
        -> (result: T, settled: SettledWrite?)
    {
        let queue = try writer()
        // `PRAGMA data_version` changes for this connection only when another one commits.
        var version: Int64?
        var before: OperationsFingerprint?
        let result = try securelyDeleting(queue) { db in
            version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
            let locked = fingerprint()
            before = locked
            return try body(
                SQLiteOperationsWriter(db, path: name, busyTimeout: busyTimeout, statements: writeStatements), locked)
        }
        try removeOldPages(queue)
        // Under the write lock again: the files as this commit and its checkpoint left them,
        // unless another connection committed since (then nothing is claimed).
        let after: OperationsFingerprint? = try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            guard let version, try Int64.fetchOne(db, sql: "PRAGMA data_version") == version else { return nil }
            return fingerprint()
        }
        guard let before, let after else { return (result, nil) }
        return (result, SettledWrite(before: before, after: after))
    }

    @discardableResult
    func compact() throws -> [String] {
        let queue = try writer()
        do {
            // VACUUM builds the new file in a temporary database, which holds only the live rows
            // (never what was deleted), in a file SQLite unlinks as soon as it opens it, so a crash
            // leaves no file behind. In memory it would cost the whole database's size (850 MB
            // at 10M calls). It needs no open transaction.
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA temp_store = FILE")
                try db.execute(sql: "VACUUM")
            }
        } catch {
            throw StoreError.wrap(error, path: name, timeout: busyTimeout)
        }
        try removeOldPages(queue)
        return [URL(filePath: name).lastPathComponent]
    }

    func close() {
        // Prepared statements hold the connections open: drop them first.
        for statements in [readStatements, writeStatements] {
            statements.queries.removeAll()
        }
        try? readQueue.close()
        try? writeQueue?.close()
    }

    func fingerprint() -> OperationsFingerprint { OperationsFingerprint(sqliteFile: name) }

    var opener: @Sendable () throws -> any OperationsStore {
        { [url, busyTimeout] in try SQLiteOperationsStore(url: url, busyTimeout: busyTimeout) }
    }

    private func writer() throws -> DatabaseQueue {
        if let writeQueue { return writeQueue }
        let queue = try Store.openOperations(at: url, access: .readWrite, busyTimeout: busyTimeout)
        writeQueue = queue
        return queue
    }

    /// A rollback journal in PERSIST mode keeps the old page images of the last transaction in
    /// the -journal file (only its header is zeroed). The mode of a rollback journal is each
    /// connection's own, so another writer's PERSIST does not carry over, but a SQLite built
    /// with PERSIST as its default would: this connection switches to DELETE, so the journal
    /// (another writer's leftover included) is removed at the erasure's commit. WAL is left as
    /// it is (its file is checkpointed and truncated after the commit).
    private func deletingTheRollbackJournal(_ queue: DatabaseQueue) throws {
        do {
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                if mode.lowercased() == "persist" { try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            }
        } catch {
            throw StoreError.wrap(error, path: name, timeout: busyTimeout)
        }
    }

    /// In WAL mode the changed pages' old images stay in the -wal file until a checkpoint
    /// copies them back and the file is truncated (TOOLCHAIN.md); a rollback journal is
    /// deleted by SQLite itself at commit.
    private func removeOldPages(_ queue: DatabaseQueue) throws {
        do {
            try queue.writeWithoutTransaction { db in
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
                guard mode.lowercased() == "wal" else { return }
                try WALCheckpoint.truncate(db, path: name, busyTimeout: busyTimeout)
            }
        } catch {
            throw StoreError.wrap(error, path: name, timeout: busyTimeout)
        }
    }

}
