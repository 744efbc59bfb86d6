import Foundation
import GRDB

/// The register of restrictions (Art. 18) and legal holds (Art. 17(3)) in dsr's state
/// database.
///
/// As in the request register, every change is one write transaction together with its
/// audit entry. Whom an entry is about is stored as keyed hashes of canonical identifiers
/// only; the DPO's reason or basis text stays in the register and out of the audit trail.
public struct LimitsRegister {
    let state: StateDatabase
    let actor: String
    let now: Date

    /// The day the register considers today (UTC).
    public var today: CalendarDate { CalendarDate.today(clock: now) }

    /// The register in `state`, changed on behalf of `actor` at `now`.
    public init(state: StateDatabase, actor: String, now: Date = Date()) {
        self.state = state
        self.actor = actor
        self.now = now
    }

    // MARK: - Restrictions

    /// Records a restriction on the person named by `hashes` (keyed hashes of every located
    /// identifier), in force from now through `until` (nil: until lifted).
    ///
    /// - Throws: ``RestrictionError`` for an empty reason or an `until` before today;
    ///   ``StoreError``.
    public func restrict(
        hashes: [String], requestID: String?, reason: String, until: CalendarDate?, tables: [String],
        details: [String: AuditValue] = [:]
    ) throws -> Restriction {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RestrictionError.emptyText(option: "--reason")
        }
        let unique = Array(Set(hashes)).sorted()
        let id = try state.write { db -> String in
            let (id, year, number) = try nextID(prefix: "R", table: "restrictions", db)
            if let until, until < today {
                throw RestrictionError.refused(id: id, rule: "--until \(until) is before today (\(today))")
            }
            try db.execute(
                sql: """
                    INSERT INTO restrictions (id, year, number, request_id, reason, since, until, tables)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, year, number, requestID, reason, AuditLog.timestamp(now), until?.description,
                    tables.joined(separator: "\n"),
                ])
            for hash in unique {
                try db.execute(
                    sql: "INSERT INTO restriction_subjects (restriction_id, hash) VALUES (?, ?)",
                    arguments: [id, hash])
            }
            var recorded = details
            recorded["restriction"] = .text(id)
            recorded["reason_given"] = .bool(true)
            recorded["identifiers"] = .int(Int64(unique.count))
            if let until { recorded["until"] = .text(until.description) }
            try audit(.restrictAdd, requestID, unique, recorded, db)
            return id
        }
        return try restriction(id)
    }

    /// Lifts a restriction (Art. 18(3)): the person must have been told before, on
    /// `informedOn`, which is neither after today nor before the restriction began.
    ///
    /// - Throws: ``RestrictionError`` for an unknown id, a restriction lifted already, or a
    ///   date the rule refuses; ``StoreError``.
    public func lift(_ id: String, informedOn: CalendarDate) throws -> Restriction {
        try state.write { db in
            let restriction = try fetchRestriction(id, db)
            guard restriction.liftedAt == nil else {
                throw RestrictionError.refused(id: id, rule: "it was lifted already (\(restriction.liftedAt ?? ""))")
            }
            guard informedOn <= today else {
                throw RestrictionError.refused(
                    id: id,
                    rule:
                        "Art. 18(3): the person is told before the lift; --informed-on \(informedOn) is after today (\(today))"
                )
            }
            if let began = restriction.sinceDay, informedOn < began {
                throw RestrictionError.refused(
                    id: id, rule: "--informed-on \(informedOn) is before the restriction began (\(began))")
            }
            try db.execute(
                sql: "UPDATE restrictions SET lifted_at = ?, informed_on = ? WHERE id = ?",
                arguments: [AuditLog.timestamp(now), informedOn.description, id])
            try audit(
                .restrictLift, restriction.requestID, try subjectHashes(of: id, in: "restriction_subjects", db),
                ["restriction": .text(id), "informed_on": .text(informedOn.description)], db)
        }
        return try restriction(id)
    }

    /// The restriction `id`.
    ///
    /// - Throws: ``RestrictionError/unknown(_:)``; ``StateError/corruptRow(table:row:column:)``.
    public func restriction(_ id: String) throws -> Restriction {
        try state.read { db in try fetchRestriction(id, db) }
    }

    /// Every restriction, oldest first.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)``.
    public func restrictions() throws -> [Restriction] {
        try state.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM restrictions ORDER BY year, number").map {
                try fetchRestriction($0, db)
            }
        }
    }

    /// The restrictions (any status) whose subject includes one of `hashes`, oldest first.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)``.
    public func restrictions(onAny hashes: [String]) throws -> [Restriction] {
        try state.read { db in
            try ids(in: "restrictions", subjects: "restriction_subjects", key: "restriction_id", hashes, db).map {
                try fetchRestriction($0, db)
            }
        }
    }
}
