import Foundation
import GRDB

/// `PRAGMA wal_checkpoint(TRUNCATE)`, checked: the -wal file keeps the old images of changed
/// pages (erased values, forgotten identifiers) until every frame is copied back and the file
/// is truncated. SQLite does not fail when a reader in another process holds an old snapshot:
/// it reports `busy` and leaves frames behind, so the result row is read and the checkpoint
/// retried until the busy timeout, then reported as a lock (exit 75), never passed as done.
enum WALCheckpoint {
    /// Checkpoints and truncates the WAL of `db`.
    ///
    /// - Throws: ``StoreError/locked(path:timeout:)`` when readers kept it from completing.
    static func truncate(_ db: Database, path: String, busyTimeout: Double) throws {
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            let row = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            let busy: Int = row?[0] ?? 1
            let log: Int = row?[1] ?? 0
            let done: Int = row?[2] ?? 0
            if busy == 0, log == done || log <= 0 { return }
            guard Date() < deadline else { throw StoreError.locked(path: path, timeout: busyTimeout) }
            usleep(20_000)
        }
    }
}
