import Foundation
import GRDB

extension RequestRegister {
    /// Applies `body` to an existing request in one transaction with its audit entry.
    func change(
        _ id: String, action: AuditAction, details: [String: AuditValue], _ body: (Request, Database) throws -> Void
    ) throws -> Request {
        try state.write { db in
            let request = try fetch(id, db)
            try body(request, db)
            try audit(action, id, request.subjects.map(\.hash), details, db)
        }
        return try show(id)
    }

    /// Appends an audit entry in the current transaction.
    func audit(
        _ action: AuditAction, _ id: String?, _ subjects: [String], _ details: [String: AuditValue], _ db: Database
    )
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
                    WHERE r.status = ? AND r.forget_identifiers_on <= ? AND s.value IS NOT NULL)
                    """,
                arguments: [RequestStatus.closed.rawValue, today.description]) ?? false
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
                WHERE r.status = ? AND r.forget_identifiers_on <= ? AND s.value IS NOT NULL ORDER BY r.id
                """,
            arguments: [RequestStatus.closed.rawValue, day.description])
        for id in due {
            try db.execute(sql: "UPDATE request_subjects SET value = NULL WHERE request_id = ?", arguments: [id])
            let hashes = try String.fetchAll(
                db, sql: "SELECT hash FROM request_subjects WHERE request_id = ? ORDER BY position", arguments: [id])
            try audit(.requestForgetIdentifiers, id, hashes, ["subjects": .int(Int64(hashes.count))], db)
        }
        return due.count
    }

    /// Reads one request with its subjects.
    ///
    /// - Throws: ``RequestError/unknown(_:)``; ``StateError/corruptRow(table:row:column:)``
    ///   when a type, status, outcome, date or identifier kind is not one dsr writes.
    func fetch(_ id: String, _ db: Database) throws -> Request {
        guard let found = try Row.fetchOne(db, sql: "SELECT * FROM requests WHERE id = ?", arguments: [id]) else {
            throw RequestError.unknown(id)
        }
        let subjects = try Row.fetchAll(
            db, sql: "SELECT kind, value, hash FROM request_subjects WHERE request_id = ? ORDER BY position",
            arguments: [id]
        ).map { subject in
            let kind = try StateRow(row: subject, table: "request_subjects", name: id).required("kind") {
                SubjectIdentifier.Kind(rawValue: $0)?.rawValue
            }
            return RequestSubject(kind: kind, value: subject["value"], hash: subject["hash"])
        }
        let row = StateRow(row: found, table: "requests", name: id)
        return Request(
            id: id, type: try row.required("type", RequestType.init(rawValue:)),
            status: try row.required("status", RequestStatus.init(rawValue:)),
            received: try row.required("received", CalendarDate.init(iso:)),
            due: try row.required("due", CalendarDate.init(iso:)),
            extendedDue: try row.optional("extended_due", CalendarDate.init(iso:)),
            extensionReason: found["extension_reason"], reference: found["reference"], channel: found["channel"],
            note: found["note"], verifiedAt: found["verified_at"], verificationMethod: found["verification_method"],
            verifiedBy: found["verified_by"], closedAt: found["closed_at"],
            outcome: try row.optional("outcome", RequestOutcome.init(rawValue:)), closeReason: found["close_reason"],
            forgetIdentifiersOn: try row.optional("forget_identifiers_on", CalendarDate.init(iso:)),
            openedAt: found["opened_at"], subjects: subjects)
    }
}
