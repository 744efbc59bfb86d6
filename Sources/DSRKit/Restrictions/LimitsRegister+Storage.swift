import Foundation
import GRDB

extension LimitsRegister {
    /// `R-2026-0001` / `H-2026-0001`: the next number of this year in `table` (the number
    /// restarts every year, zero-padded to 4 like request ids).
    func nextID(prefix: String, table: String, _ db: Database) throws -> (String, Int, Int) {
        let year = today.year
        let number =
            (try Int.fetchOne(db, sql: "SELECT max(number) FROM \(table) WHERE year = ?", arguments: [year]) ?? 0) + 1
        let id = RequestRegister.identifier(year: year, number: number).replacingOccurrences(of: "DSR-", with: "")
        return ("\(prefix)-\(id)", year, number)
    }

    /// Appends an audit entry in the current transaction.
    func audit(
        _ action: AuditAction, _ requestID: String?, _ subjects: [String], _ details: [String: AuditValue],
        _ db: Database
    ) throws {
        try AuditTrail(state: state).append(
            AuditRecord(action: action, requestID: requestID, subjects: subjects, details: details), actor: actor,
            at: now, in: db)
    }

    /// The keyed hashes an entry is about, sorted.
    func subjectHashes(of id: String, in table: String, _ db: Database) throws -> [String] {
        let key = table == "restriction_subjects" ? "restriction_id" : "hold_id"
        return try String.fetchAll(
            db.cachedStatement(sql: "SELECT hash FROM \(table) WHERE \(key) = ? ORDER BY hash"), arguments: [id])
    }

    /// The ids of `table` whose subjects include one of `hashes`, oldest first.
    func ids(in table: String, subjects: String, key: String, _ hashes: [String], _ db: Database) throws -> [String] {
        var found: Set<String> = []
        for hash in Set(hashes) {
            found.formUnion(
                try String.fetchAll(db, sql: "SELECT \(key) FROM \(subjects) WHERE hash = ?", arguments: [hash]))
        }
        let order = try String.fetchAll(db, sql: "SELECT id FROM \(table) ORDER BY year, number")
        return order.filter(found.contains)
    }

    /// Every restriction and hold not lifted or released, with the hashes each is about: what
    /// ``ProcessingLimits`` is built from.
    func unlifted() throws -> (restrictions: [(Restriction, [String])], holds: [(LegalHold, [String])]) {
        try state.read { db in
            let restrictions = try String.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM restrictions WHERE lifted_at IS NULL ORDER BY year, number")
            ).map { (try fetchRestriction($0, db), try subjectHashes(of: $0, in: "restriction_subjects", db)) }
            let holds = try String.fetchAll(
                db.cachedStatement(sql: "SELECT id FROM legal_holds WHERE released_at IS NULL ORDER BY year, number")
            ).map { (try fetchHold($0, db), try subjectHashes(of: $0, in: "legal_hold_subjects", db)) }
            return (restrictions, holds)
        }
    }

    /// Reads one restriction.
    ///
    /// - Throws: ``RestrictionError/unknown(_:)``; ``StateError/corruptRow(table:row:column:)``
    ///   for a date dsr did not write.
    func fetchRestriction(_ id: String, _ db: Database) throws -> Restriction {
        guard
            let found = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM restrictions WHERE id = ?"), arguments: [id])
        else {
            throw RestrictionError.unknown(id)
        }
        let row = StateRow(row: found, table: "restrictions", name: id)
        return Restriction(
            id: id, requestID: found["request_id"], reason: try row.required("reason") { $0 },
            since: try row.required("since") { $0 }, until: try row.optional("until", CalendarDate.init(iso:)),
            liftedAt: found["lifted_at"], informedOn: try row.optional("informed_on", CalendarDate.init(iso:)),
            tables: try row.required("tables") { $0 }.split(separator: "\n").map(String.init))
    }

    /// Reads one hold.
    ///
    /// - Throws: ``RestrictionError/unknown(_:)``; ``StateError/corruptRow(table:row:column:)``.
    func fetchHold(_ id: String, _ db: Database) throws -> LegalHold {
        guard
            let found = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM legal_holds WHERE id = ?"), arguments: [id])
        else {
            throw RestrictionError.unknown(id)
        }
        let row = StateRow(row: found, table: "legal_holds", name: id)
        return LegalHold(
            id: id, requestID: found["request_id"], basis: try row.required("basis") { $0 },
            addedAt: try row.required("added_at") { $0 }, until: try row.required("until", CalendarDate.init(iso:)),
            releasedAt: found["released_at"], releaseReason: found["release_reason"])
    }
}
