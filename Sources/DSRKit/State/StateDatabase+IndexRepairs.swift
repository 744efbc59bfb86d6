import Foundation
import GRDB

/// Index work a change in place left to do after the operations commit: the index's own
/// description of it (keyed hashes and row numbers), opaque to the state database.
struct IndexRepair: Sendable, Equatable {
    let id: String
    let startedAt: String
    let relearn: String
}

extension StateDatabase {
    /// Writes `repair` in its own transaction.
    ///
    /// - Throws: ``StoreError``.
    func insertIndexRepair(_ repair: IndexRepair) throws {
        try write { db in
            try db.execute(
                sql: "INSERT INTO index_repairs (id, started_at, relearn) VALUES (?, ?, ?)",
                arguments: [repair.id, repair.startedAt, repair.relearn])
        }
    }

    /// Removes a finished repair (removing one that is gone changes nothing).
    ///
    /// - Throws: ``StoreError``.
    func deleteIndexRepair(_ id: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM index_repairs WHERE id = ?", arguments: [id]) }
    }

    /// Every unfinished repair, oldest first.
    ///
    /// - Throws: ``StoreError``.
    func indexRepairs() throws -> [IndexRepair] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, started_at, relearn FROM index_repairs ORDER BY started_at, id").map {
                IndexRepair(id: $0["id"], startedAt: $0["started_at"], relearn: $0["relearn"])
            }
        }
    }
}
