import Foundation
import GRDB

/// An erasure in progress, as state.db keeps it until its files are done.
struct ErasureJournalEntry: Sendable, Equatable {
    /// A file the erasure deletes or rewrites once the operations database has committed.
    struct File: Sendable, Equatable {
        let table, column, path, action: String
    }

    let id: String
    let startedAt: String
    let requestID: String?
    let digest: String
    /// Canonical identifiers (`phone:+31…`), plain while the erasure runs.
    let identifiers: [String]
    let includeProcessorData: Bool
    /// `planned` (written before the operations commit) or `committed`.
    var phase: String
    var files: [File]
    /// What the identifier index forgets once the operations database committed, as the
    /// index writes it (keyed hashes and row numbers); nil in entries of older versions.
    var indexForget: String? = nil
    /// `--override-restriction`: a resumed run must erase what the interrupted one would have.
    var overrideRestriction = false
    /// `erasure` (a person's, resumed from its identifiers), `purge` or `re-erasure` (plans
    /// made from rows, which the next run makes again).
    var kind = "erasure"
    /// What the erasure's audit entry and letter are written from (its plan and choices, as
    /// the erasure writes them), so a run stopped after the operations commit is recorded
    /// as it would have been; nil for plans made from rows and in entries of older versions.
    var applied: String? = nil
}

extension StateDatabase {
    /// Writes `entry` with its files.
    func insertJournal(_ entry: ErasureJournalEntry, _ db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO erasure_journal (id, started_at, request_id, digest, identifiers,
                include_processor_data, phase, index_forget, override_restriction, kind, applied)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.id, entry.startedAt, entry.requestID, entry.digest, entry.identifiers.joined(separator: "\n"),
                entry.includeProcessorData, entry.phase, entry.indexForget, entry.overrideRestriction, entry.kind,
                entry.applied,
            ])
        for (position, file) in entry.files.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO erasure_journal_files (journal_id, position, table_name, column_name, path, action)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [entry.id, position, file.table, file.column, file.path, file.action])
        }
    }

    func setJournalPhase(_ id: String, _ phase: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE erasure_journal SET phase = ? WHERE id = ?", arguments: [phase, id])
    }

    /// Removes a finished entry (secure_delete zeroes its bytes; the caller checkpoints).
    func deleteJournal(_ id: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM erasure_journal_files WHERE journal_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM erasure_journal WHERE id = ?", arguments: [id])
    }

    /// Every unfinished erasure, oldest first.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)`` for a row dsr did not write.
    func journal() throws -> [ErasureJournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM erasure_journal ORDER BY started_at, id").map { row in
                let id: String = row["id"]
                let files = try Row.fetchAll(
                    db, sql: "SELECT * FROM erasure_journal_files WHERE journal_id = ? ORDER BY position",
                    arguments: [id]
                ).map { file in
                    ErasureJournalEntry.File(
                        table: file["table_name"], column: file["column_name"], path: file["path"],
                        action: file["action"])
                }
                let identifiers: String = row["identifiers"]
                return ErasureJournalEntry(
                    id: id, startedAt: row["started_at"], requestID: row["request_id"], digest: row["digest"],
                    identifiers: identifiers.split(separator: "\n").map(String.init),
                    includeProcessorData: row["include_processor_data"], phase: row["phase"], files: files,
                    indexForget: row["index_forget"], overrideRestriction: row["override_restriction"],
                    kind: row["kind"], applied: row["applied"])
            }
        }
    }

    /// Adds keyed hashes of erased identifiers to the suppression list, with whether the
    /// erasure included the records held as processor.
    func suppress(
        _ hashes: [String], requestID: String?, at: String, digest: String, includeProcessorData: Bool,
        _ db: Database
    ) throws {
        for hash in hashes {
            try db.execute(
                sql: """
                    INSERT INTO suppression_list (hash, request_id, erased_at, digest, include_processor_data)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [hash, requestID, at, digest, includeProcessorData])
        }
    }
}
