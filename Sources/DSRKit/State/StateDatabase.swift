import Foundation
import GRDB

/// dsr's own state database (`state.db`): the request register and the audit trail.
///
/// One value is opened per command and shared by every capability that command uses, so
/// the file is opened and migrated once. Reads and writes go through ``read(_:)`` and
/// ``write(_:)``: SQLite failures become ``StoreError`` values that name this file, and
/// every write is one `BEGIN IMMEDIATE` transaction, so two processes never interleave
/// inside the register or fork the audit chain.
public final class StateDatabase: Sendable {
    /// The connection; only this type and the schema see it.
    let queue: DatabaseQueue

    /// The path of the database file.
    public var path: String { queue.path }

    private init(queue: DatabaseQueue) {
        self.queue = queue
    }

    /// Opens `state.db` at `url` in WAL mode and brings its schema up to date.
    ///
    /// The folder holding it (the workspace's state dir) must exist: dsr never creates a
    /// state dir as a side effect, because the secret key that belongs beside it would be missing.
    /// - Throws: ``WorkspaceError/cannotWrite(path:reason:)`` when the state dir does not
    ///   exist; ``StoreError`` when the file is not a database, is damaged or stays locked.
    public static func open(at url: URL, busyTimeout: Double) throws -> StateDatabase {
        let folder = url.deletingLastPathComponent().standardizedFileURL.path(percentEncoded: false)
        let stateDir = folder.count > 1 && folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard FileManager.default.fileExists(atPath: stateDir) else {
            throw WorkspaceError.cannotWrite(path: stateDir, reason: "the state dir does not exist; run `dsr init`")
        }
        let queue = try Store.openState(at: url, busyTimeout: busyTimeout)
        try StateSchema.migrate(queue)
        return StateDatabase(queue: queue)
    }

    /// Runs `body` in a read transaction.
    ///
    /// - Throws: ``StoreError`` for SQLite failures; errors thrown by `body` pass through.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.guardedRead(body)
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, committed when it returns and
    /// rolled back when it throws.
    ///
    /// - Throws: ``StoreError`` for SQLite failures; errors thrown by `body` pass through.
    @discardableResult
    public func write<T>(_ body: (Database) throws -> T) throws -> T {
        try queue.guardedWrite(body)
    }

    /// Runs `body` with commits that are not synced one by one, then syncs the WAL once:
    /// every commit made inside is on disk when this returns (group commit).
    ///
    /// For many small commits whose results are reported together, such as the audit entries
    /// of consecutive bulk `locate` rows. A crash inside loses a suffix of those commits, never
    /// one from the middle: WAL frames are replayed in order up to the first incomplete one.
    /// Nothing inside may report a result as durable before this returns.
    /// - Throws: ``WorkspaceError/cannotWrite(path:reason:)`` when the WAL cannot be synced (the commits may then be lost);
    ///   errors thrown by `body` pass through, after the sync.
    public func committingTogether<T>(_ body: () throws -> T) throws -> T {
        try setSynchronous("NORMAL")
        let result: Result<T, any Error> = Result { try body() }
        try setSynchronous("FULL")
        try syncWAL()
        return try result.get()
    }

    private func setSynchronous(_ level: String) throws {
        try queue.guardedWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(level)") }
    }

    /// Flushes the WAL file to disk (all of it: earlier unsynced commits included).
    private func syncWAL() throws {
        let wal = queue.path + "-wal"
        let fd = Foundation.open(wal, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            // No WAL: every commit has been checkpointed into the database file, which a
            // checkpoint syncs.
            if errno == ENOENT { return }
            throw WorkspaceError.cannotWrite(
                path: wal, reason: "cannot open it to sync it: \(String(cString: strerror(errno)))")
        }
        defer { Foundation.close(fd) }
        guard fsync(fd) == 0 else {
            throw WorkspaceError.cannotWrite(path: wal, reason: "cannot sync it: \(String(cString: strerror(errno)))")
        }
    }

    /// Copies the WAL into the database file and truncates it to zero bytes.
    ///
    /// `secure_delete` zeroes freed bytes in the database file, but the WAL keeps the old
    /// page images until it is checkpointed and truncated (TOOLCHAIN.md): forgetting
    /// identifiers ends here.
    /// - Throws: ``StoreError``.
    public func checkpoint() throws {
        do {
            try queue.writeWithoutTransaction { db in
                try WALCheckpoint.truncate(db, path: queue.path, busyTimeout: queue.busyTimeoutSeconds)
            }
        } catch {
            throw StoreError.wrap(error, path: queue.path, timeout: queue.busyTimeoutSeconds)
        }
    }

    /// Closes the connection (SQLite checkpoints the WAL and removes it when the last
    /// connection closes). Later use fails; a failure to close leaves the file to the OS.
    func close() {
        try? queue.close()
    }

    /// The identifiers of the migrations applied, oldest first.
    ///
    /// - Throws: ``StoreError``.
    public func appliedMigrations() throws -> [String] {
        try StateSchema.appliedMigrations(queue)
    }
}
