import Foundation
import GRDB

/// A retention purge run's progress, as its committed batches left it: the JSON text of the
/// purge's own record, opaque to the state database.
struct PurgeRunRow: Sendable, Equatable {
    let id: String
    let startedAt: String
    let progress: String
}

extension StateDatabase {
    /// Writes or replaces `run` inside the caller's transaction (a batch's commit).
    ///
    /// - Throws: database errors.
    func savePurgeRun(_ run: PurgeRunRow, _ db: Database) throws {
        try db.execute(
            sql: "INSERT OR REPLACE INTO purge_runs (id, started_at, progress) VALUES (?, ?, ?)",
            arguments: [run.id, run.startedAt, run.progress])
    }

    /// Removes a finished run inside the caller's transaction (with its audit entry).
    ///
    /// - Throws: database errors.
    func deletePurgeRun(_ id: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM purge_runs WHERE id = ?", arguments: [id])
    }

    /// Runs that never wrote their audit entry (a crash), oldest first.
    ///
    /// - Throws: ``StoreError``.
    func purgeRuns() throws -> [PurgeRunRow] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, started_at, progress FROM purge_runs ORDER BY started_at, id").map {
                PurgeRunRow(id: $0["id"], startedAt: $0["started_at"], progress: $0["progress"])
            }
        }
    }
}
