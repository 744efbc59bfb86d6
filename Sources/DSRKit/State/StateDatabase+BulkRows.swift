import Foundation
import GRDB

/// A bulk file's row as state.db remembers it: by the keyed hash of its ref, with the keyed
/// hash of its content, the request it opened and the audit actions written for it so far.
public struct BulkRowRecord: Sendable, Equatable {
    /// Keyed hash of the sender's ref.
    public var refHash: String
    /// Keyed hash of the row's content: another content under the same ref is refused.
    public var contentHash: String
    /// `started` (something may have been done) or `done`.
    public var done: Bool
    /// The request the row opened, once it did.
    public var requestID: String?
    /// The audit actions written for the row, in order (`request.open`, `request.verify`, …).
    public var steps: [String]
}

extension StateDatabase {
    /// The row remembered under `refHash`, if any.
    ///
    /// - Throws: ``StoreError``.
    public func bulkRow(_ refHash: String) throws -> BulkRowRecord? {
        try read { db in try Self.bulkRow(refHash, db) }
    }

    static func bulkRow(_ refHash: String, _ db: Database) throws -> BulkRowRecord? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT content_hash, status, request_id, steps FROM bulk_rows WHERE ref_hash = ?"),
            arguments: [refHash]
        ).map { row in
            let steps: String = row["steps"]
            return BulkRowRecord(
                refHash: refHash, contentHash: row["content_hash"], done: row["status"] == "done",
                requestID: row["request_id"], steps: steps.split(separator: " ").map(String.init))
        }
    }

    /// Adds an audit action written for the row (and the request it names), inside the
    /// transaction that wrote the audit entry: the row is remembered from its first step on,
    /// so a row that failed before writing anything may be corrected under the same ref.
    ///
    /// - Parameter done: the step is the row's last (a `locate` row's one audit entry): the row
    ///   is marked done in the same transaction.
    /// - Throws: database errors.
    public func noteBulkStep(
        _ row: BulkRowRecord, action: String, requestID: String?, at time: String, done: Bool = false, _ db: Database
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO bulk_rows (ref_hash, content_hash, status, request_id, steps, started_at, done_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (ref_hash) DO UPDATE SET steps = trim(steps || ' ' || excluded.steps),
                    request_id = coalesce(request_id, excluded.request_id), status = excluded.status,
                    done_at = excluded.done_at
                """
        ).execute(arguments: [
            row.refHash, row.contentHash, done ? "done" : "started", requestID, action, time, done ? time : nil,
        ])
    }

    /// Adds `action` to the steps of the unfinished bulk row of request `requestID`, inside the
    /// transaction `db` that wrote its audit entry: for an entry a command writes on a stopped
    /// row's behalf (a rectification finished at a session's start), so the row's next run
    /// does not do the step again. A request no bulk row opened changes nothing.
    func noteBulkStep(ofRequest requestID: String, action: String, _ db: Database) throws {
        try db.execute(
            sql: "UPDATE bulk_rows SET steps = trim(steps || ' ' || ?) WHERE request_id = ? AND status <> 'done'",
            arguments: [action, requestID])
    }

    /// Marks the row done.
    ///
    /// - Throws: ``StoreError``.
    public func finishBulkRow(_ refHash: String, at time: String) throws {
        try write { db in
            try db.cachedStatement(sql: "UPDATE bulk_rows SET status = 'done', done_at = ? WHERE ref_hash = ?")
                .execute(arguments: [time, refHash])
        }
    }
}
