import Foundation
import GRDB

extension RequestRegister {
    /// Applies `body` to an existing request in one transaction with its audit entry.
    func change(
        _ id: String, action: String, details: [String: AuditValue], _ body: (Request, Database) throws -> Void
    ) throws -> Request {
        try state.write { db in
            let request = try fetch(id, db)
            try body(request, db)
            try audit(action, id, request.subjects.map(\.hash), details, db)
        }
        return try show(id)
    }

    /// Appends an audit entry in the current transaction.
    func audit(_ action: String, _ id: String?, _ subjects: [String], _ details: [String: AuditValue], _ db: Database)
        throws
    {
        try AuditTrail(state: state).append(
            AuditRecord(action: action, requestID: id, subjects: subjects, details: details), actor: actor, at: now,
            in: db)
    }

    /// Replaces the identifiers of closed requests whose keeping period has ended by their
    /// hashes, then checkpoints the WAL so that no copy of the old pages stays behind.
    ///
    /// - Throws: ``StoreError``.
    @discardableResult
    public func forgetDueIdentifiers() throws -> Int {
        // Every command that opens the register comes here: look first, write only if needed.
        let anyDue = try state.read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM requests r JOIN request_subjects s ON s.request_id = r.id
                    WHERE r.status = 'closed' AND r.forget_identifiers_on <= ? AND s.value IS NOT NULL)
                    """,
                arguments: [today.description]) ?? false
        }
        guard anyDue else { return 0 }
        let forgotten = try state.write { db in try forget(dueOn: today, db) }
        if forgotten > 0 { try state.checkpoint() }
        return forgotten
    }

    /// Forgets due identifiers inside the current write transaction; returns the requests.
    func forget(dueOn day: CalendarDate, _ db: Database) throws -> Int {
        let due = try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT r.id FROM requests r JOIN request_subjects s ON s.request_id = r.id
                WHERE r.status = 'closed' AND r.forget_identifiers_on <= ? AND s.value IS NOT NULL ORDER BY r.id
                """,
            arguments: [day.description])
        for id in due {
            try db.execute(sql: "UPDATE request_subjects SET value = NULL WHERE request_id = ?", arguments: [id])
            let hashes = try String.fetchAll(
                db, sql: "SELECT hash FROM request_subjects WHERE request_id = ? ORDER BY position", arguments: [id])
            try audit("request.forget_identifiers", id, hashes, ["subjects": .int(Int64(hashes.count))], db)
        }
        return due.count
    }

    /// Reads one request with its subjects.
    func fetch(_ id: String, _ db: Database) throws -> Request {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM requests WHERE id = ?", arguments: [id]) else {
            throw RequestError.unknown(id)
        }
        let subjects = try Row.fetchAll(
            db, sql: "SELECT kind, value, hash FROM request_subjects WHERE request_id = ? ORDER BY position",
            arguments: [id]
        ).map { RequestSubject(kind: $0["kind"], value: $0["value"], hash: $0["hash"]) }
        func date(_ column: String) -> CalendarDate? { (row[column] as String?).flatMap(CalendarDate.init(iso:)) }
        return Request(
            id: row["id"], type: RequestType(rawValue: row["type"]) ?? .access, status: row["status"],
            received: date("received") ?? today, due: date("due") ?? today, extendedDue: date("extended_due"),
            extensionReason: row["extension_reason"], reference: row["reference"], channel: row["channel"],
            note: row["note"], verifiedAt: row["verified_at"], verificationMethod: row["verification_method"],
            verifiedBy: row["verified_by"], closedAt: row["closed_at"],
            outcome: (row["outcome"] as String?).flatMap(RequestOutcome.init(rawValue:)),
            closeReason: row["close_reason"],
            forgetIdentifiersOn: date("forget_identifiers_on"), openedAt: row["opened_at"], subjects: subjects)
    }
}
