import Foundation
import GRDB

/// A rectification being applied, as state.db keeps it from before its operations commit
/// until its audit entry and letter are written.
struct RectificationJournalEntry: Sendable, Equatable {
    let id: String
    let startedAt: String
    let requestID: String?
    /// Canonical identifiers (`phone:+31…`) of the subject, plain while the rectification runs.
    let identifiers: [String]
    /// The plan and choices, as the rectification writes them (old and new values plain).
    let applied: String
    /// Whether the audit entry was written (in the same transaction as this flag).
    var recorded = false
}

extension StateDatabase {
    /// Writes `entry` in its own transaction.
    ///
    /// - Throws: ``StoreError``.
    func insertRectificationJournal(_ entry: RectificationJournalEntry) throws {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO rectification_journal (id, started_at, request_id, identifiers, applied, recorded)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    entry.id, entry.startedAt, entry.requestID, entry.identifiers.joined(separator: "\n"),
                    entry.applied, entry.recorded,
                ])
        }
    }

    /// Marks entry `id` recorded, inside the audit entry's transaction `db`.
    ///
    /// - Returns: false when another command recorded it already or finished it (the entry
    ///   is marked or gone): the caller rolls its audit entry back, so there is one.
    func markRectificationRecorded(_ id: String, _ db: Database) throws -> Bool {
        try db.execute(
            sql: "UPDATE rectification_journal SET recorded = 1 WHERE id = ? AND recorded = 0", arguments: [id])
        return db.changesCount == 1
    }

    /// Removes entry `id` (secure_delete zeroes its bytes) and checkpoints, so its plain values
    /// leave the WAL too. Removing one that is gone changes nothing.
    ///
    /// - Throws: ``StoreError``.
    func deleteRectificationJournal(_ id: String) throws {
        try write { db in try db.execute(sql: "DELETE FROM rectification_journal WHERE id = ?", arguments: [id]) }
        try checkpoint()
    }

    /// Every unfinished rectification, oldest first.
    ///
    /// - Throws: ``StoreError``.
    func rectificationJournal() throws -> [RectificationJournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM rectification_journal ORDER BY started_at, id").map { row in
                let identifiers: String = row["identifiers"]
                return RectificationJournalEntry(
                    id: row["id"], startedAt: row["started_at"], requestID: row["request_id"],
                    identifiers: identifiers.split(separator: "\n").map(String.init), applied: row["applied"],
                    recorded: row["recorded"])
            }
        }
    }
}
