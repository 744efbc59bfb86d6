import Foundation
import GRDB

/// The request register in dsr's state database, with the deadlines of GDPR Art. 12(3).
///
/// Every change is one write transaction together with its audit entry, so the register
/// and the trail can never disagree. Identifiers are kept in canonical form while a request
/// is open; after it closes (and a configurable number of days) they are replaced by their
/// keyed hashes, so the register keeps the proof and not the data (CONTRACT.md section 3).
public struct RequestRegister {
    let state: StateDatabase
    let hasher: KeyedHasher
    let actor: String
    let now: Date

    /// The day the register considers today (UTC).
    public var today: CalendarDate { CalendarDate.today(clock: now) }

    /// The register in `state`, changed on behalf of `actor`; `hasher` (the workspace
    /// secret's) keys the identifiers it stores. A command opens the state database and
    /// the hasher once and hands the same ones to every capability it uses.
    ///
    /// - Throws: ``StoreError`` when the identifiers that are due cannot be forgotten.
    public init(state: StateDatabase, hasher: KeyedHasher, actor: String, now: Date = Date()) throws {
        self.state = state
        self.hasher = hasher
        self.actor = actor
        self.now = now
        // Identifiers whose keeping period ended since the register was last used are
        // forgotten now, whichever command opens it (cron's `request list` included).
        try forgetDueIdentifiers()
    }

    /// Registers a new request and returns it with its id and due date.
    ///
    /// - Throws: ``RequestError``, ``StoreError``.
    public func open(
        type: RequestType, subjects: [SubjectIdentifier], received: CalendarDate? = nil, reference: String? = nil,
        channel: String? = nil, note: String? = nil
    ) throws -> Request {
        guard !subjects.isEmpty else { throw RequestError.noSubject }
        let received = received ?? today
        let unique = subjects.reduce(into: [SubjectIdentifier]()) { if !$0.contains($1) { $0.append($1) } }
        let id = try state.write { db -> String in
            let year = today.year
            let number =
                (try Int.fetchOne(db, sql: "SELECT max(number) FROM requests WHERE year = ?", arguments: [year]) ?? 0)
                + 1
            let id = Self.identifier(year: year, number: number)
            guard received <= today else {
                throw RequestError.refused(id: id, rule: "the received date \(received) is after today (\(today))")
            }
            try db.execute(
                sql: """
                    INSERT INTO requests (id, year, number, type, status, received, due, reference, channel, note, opened_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, year, number, type.rawValue, RequestStatus.open.rawValue, received.description,
                    Deadline.due(received: received).description,
                    reference, channel, note, AuditLog.timestamp(now),
                ])
            for (position, subject) in unique.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO request_subjects (request_id, position, kind, value, hash) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, position, subject.kind.rawValue, subject.value, hasher.hex(subject.canonical)])
            }
            try audit(
                .requestOpen, id, unique.map { hasher.hex($0.canonical) },
                [
                    "type": .text(type.rawValue), "received": .text(received.description),
                    "due": .text(Deadline.due(received: received).description), "subjects": .int(Int64(unique.count)),
                ], db)
            return id
        }
        return try show(id)
    }

    /// `DSR-2026-0042`: the year and a number that restarts every year, zero-padded to 4.
    static func identifier(year: Int, number: Int) -> String {
        func padded(_ value: Int) -> String {
            String(repeating: "0", count: max(0, 4 - String(value).count)) + String(value)
        }
        return "DSR-\(padded(year))-\(padded(number))"
    }

    /// Records how the subject's identity was verified (Art. 12(6)).
    ///
    /// - Throws: ``RequestError`` for an unknown or closed request.
    public func verify(_ id: String, method: String, by verifier: String? = nil) throws -> Request {
        // The method is free text a DPO may fill with personal data ("passport of ..."): the
        // register keeps it while the request is open, the audit trail only that it was given.
        try change(id, action: .requestVerify, details: ["method_recorded": .bool(true)]) { request, db in
            guard request.status == .open else {
                throw RequestError.refused(id: id, rule: "a closed request cannot be verified")
            }
            try db.execute(
                sql: "UPDATE requests SET verified_at = ?, verification_method = ?, verified_by = ? WHERE id = ?",
                arguments: [AuditLog.timestamp(now), method, verifier ?? actor, id])
        }
    }

    /// Extends the deadline by two further months (Art. 12(3)): once, and only before the
    /// original due date has passed. The subject must be told within the first month, with
    /// the reasons.
    ///
    /// - Throws: ``RequestError`` naming the rule that forbids it.
    public func extend(_ id: String, reason: String) throws -> Request {
        try change(id, action: .requestExtend, details: [:]) { request, db in
            guard request.status == .open else {
                throw RequestError.refused(id: id, rule: "a closed request cannot be extended")
            }
            guard request.extendedDue == nil else {
                throw RequestError.refused(
                    id: id, rule: "Art. 12(3) allows one extension only; it was extended already")
            }
            guard today <= request.due else {
                throw RequestError.refused(
                    id: id,
                    rule: "Art. 12(3): an extension must be decided within the first month; it was due \(request.due)")
            }
            try db.execute(
                sql: "UPDATE requests SET extended_due = ?, extension_reason = ? WHERE id = ?",
                arguments: [Deadline.extended(received: request.received).description, reason, id])
        }
    }

    /// Closes a request; a refusal needs its reason (Art. 12(4)). The identifiers are replaced
    /// by keyed hashes after `keepIdentifiersDays` days (0: now).
    ///
    /// - Throws: ``RequestError`` for an unknown or closed request, or a refusal without reason.
    public func close(
        _ id: String, outcome: RequestOutcome, reason: String? = nil, keepIdentifiersDays: Int = 0
    ) throws -> Request {
        try state.write { db in
            try close(id, outcome: outcome, reason: reason, keepIdentifiersDays: keepIdentifiersDays, in: db)
        }
        try state.checkpoint()
        return try show(id)
    }

    /// Closes a request inside the caller's write transaction `db`, so that the close commits
    /// with what answered the request (an erasure's audit entry); the caller checkpoints the
    /// WAL after the commit (identifiers forgotten now must not stay in it).
    ///
    /// - Throws: as ``close(_:outcome:reason:keepIdentifiersDays:)``.
    func close(
        _ id: String, outcome: RequestOutcome, reason: String?, keepIdentifiersDays: Int = 0, in db: Database
    ) throws {
        let forgetOn = today.adding(days: min(max(0, keepIdentifiersDays), 3650))
        let request = try fetch(id, db)
        guard request.status == .open else {
            throw RequestError.refused(id: id, rule: "the request is closed already")
        }
        if outcome == .refused, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw RequestError.refused(id: id, rule: "Art. 12(4): a refusal must state its reasons (--reason)")
        }
        try db.execute(
            sql: """
                UPDATE requests SET status = ?, closed_at = ?, outcome = ?, close_reason = ?,
                forget_identifiers_on = ? WHERE id = ?
                """,
            arguments: [
                RequestStatus.closed.rawValue, AuditLog.timestamp(now), outcome.rawValue, reason,
                forgetOn.description, id,
            ])
        try audit(.requestClose, id, request.subjects.map(\.hash), ["outcome": .text(outcome.rawValue)], db)
        // Forgetting at once belongs to the same transaction as the close: no crash in
        // between can leave a closed request with its identifiers.
        _ = try forget(dueOn: today, db)
    }

    /// Adds `identifiers` the open request `id` does not hold yet (a rectification's new
    /// values, so the rest of the request finds the person under them too).
    ///
    /// - Returns: the request, unchanged when it held them all.
    /// - Throws: ``RequestError`` for an unknown or closed request.
    @discardableResult
    public func addSubjects(_ id: String, _ identifiers: [SubjectIdentifier]) throws -> Request {
        let request = try show(id)
        let known = Set(request.subjects.map(\.hash))
        let added = identifiers.filter { !known.contains(hasher.hex($0.canonical)) }
            .reduce(into: [SubjectIdentifier]()) { if !$0.contains($1) { $0.append($1) } }
        guard !added.isEmpty else { return request }
        return try change(id, action: .requestAddIdentifiers, details: ["added": .int(Int64(added.count))]) {
            request, db in
            guard request.status == .open else {
                throw RequestError.refused(id: id, rule: "a closed request cannot be given identifiers")
            }
            let next =
                (try Int.fetchOne(
                    db, sql: "SELECT max(position) FROM request_subjects WHERE request_id = ?", arguments: [id]) ?? -1)
                + 1
            for (offset, subject) in added.enumerated() {
                try db.execute(
                    sql:
                        "INSERT INTO request_subjects (request_id, position, kind, value, hash) VALUES (?, ?, ?, ?, ?)",
                    arguments: [id, next + offset, subject.kind.rawValue, subject.value, hasher.hex(subject.canonical)])
            }
        }
    }

    /// The request `id`.
    ///
    /// - Throws: ``RequestError/unknown(_:)``; ``StateError/corruptRow(table:row:column:)`` for a row dsr did not write.
    public func show(_ id: String) throws -> Request {
        try state.read { db in try fetch(id, db) }
    }

    /// Requests matching every filter given, oldest first.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)`` for a row dsr did not write.
    public func list(
        status: RequestStatus? = nil, type: RequestType? = nil, overdue: Bool = false, dueWithin days: Int? = nil
    ) throws -> [Request] {
        let requests = try state.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM requests ORDER BY year, number").map { try fetch($0, db) }
        }
        return requests.filter { request in
            (status == nil || request.status == status) && (type == nil || request.type == type)
                && (!overdue || request.isOverdue(on: today))
                && (days == nil
                    || (request.status == .open && request.effectiveDue <= today.adding(days: min(days ?? 0, 3650))))
        }
    }
}
