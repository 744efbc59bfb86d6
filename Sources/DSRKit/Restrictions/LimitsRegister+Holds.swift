import Foundation
import GRDB

extension LimitsRegister {
    /// Records a legal hold on the records of the person named by `hashes` (keyed hashes of
    /// every located identifier), through `until` (inclusive, not before today).
    ///
    /// - Throws: ``RestrictionError`` for an empty basis or an `until` before today; ``StoreError``.
    public func hold(
        hashes: [String], requestID: String?, basis: String, until: CalendarDate, details: [String: AuditValue] = [:]
    ) throws -> LegalHold {
        guard !basis.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RestrictionError.emptyText(option: "--basis")
        }
        let unique = Array(Set(hashes)).sorted()
        let id = try state.write { db -> String in
            let (id, year, number) = try nextID(prefix: "H", table: "legal_holds", db)
            guard today <= until else {
                throw RestrictionError.refused(id: id, rule: "--until \(until) is before today (\(today))")
            }
            try db.execute(
                sql: """
                    INSERT INTO legal_holds (id, year, number, request_id, basis, added_at, until)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [id, year, number, requestID, basis, AuditLog.timestamp(now), until.description])
            for hash in unique {
                try db.execute(
                    sql: "INSERT INTO legal_hold_subjects (hold_id, hash) VALUES (?, ?)", arguments: [id, hash])
            }
            var recorded = details
            recorded["hold"] = .text(id)
            recorded["basis_given"] = .bool(true)
            recorded["identifiers"] = .int(Int64(unique.count))
            recorded["until"] = .text(until.description)
            try audit(.holdAdd, requestID, unique, recorded, db)
            return id
        }
        return try legalHold(id)
    }

    /// Releases a hold before its date; `reason` is kept in the register, not in the trail.
    ///
    /// - Throws: ``RestrictionError`` for an unknown id, an empty reason or a hold released
    ///   already; ``StoreError``.
    public func release(_ id: String, reason: String) throws -> LegalHold {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RestrictionError.emptyText(option: "--reason")
        }
        try state.write { db in
            let hold = try fetchHold(id, db)
            guard hold.releasedAt == nil else {
                throw RestrictionError.refused(id: id, rule: "it was released already (\(hold.releasedAt ?? ""))")
            }
            try db.execute(
                sql: "UPDATE legal_holds SET released_at = ?, release_reason = ? WHERE id = ?",
                arguments: [AuditLog.timestamp(now), reason, id])
            try audit(
                .holdRelease, hold.requestID, try subjectHashes(of: id, in: "legal_hold_subjects", db),
                [
                    "hold": .text(id), "reason_given": .bool(true),
                    "status_before": .text(hold.status(on: today).rawValue),
                ],
                db)
        }
        return try legalHold(id)
    }

    /// The hold `id`.
    ///
    /// - Throws: ``RestrictionError/unknown(_:)``; ``StateError/corruptRow(table:row:column:)``.
    public func legalHold(_ id: String) throws -> LegalHold {
        try state.read { db in try fetchHold(id, db) }
    }

    /// Every hold, oldest first.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)``.
    public func legalHolds() throws -> [LegalHold] {
        try state.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM legal_holds ORDER BY year, number").map {
                try fetchHold($0, db)
            }
        }
    }

    /// The holds (any status) whose subject includes one of `hashes`, oldest first.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)``.
    public func legalHolds(onAny hashes: [String]) throws -> [LegalHold] {
        try state.read { db in
            try ids(in: "legal_holds", subjects: "legal_hold_subjects", key: "hold_id", hashes, db).map {
                try fetchHold($0, db)
            }
        }
    }
}
