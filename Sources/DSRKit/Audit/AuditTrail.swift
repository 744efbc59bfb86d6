import Foundation
import GRDB

/// The tamper-evident audit trail in dsr's state database: the one way to add to it, read
/// it and check it.
///
/// Appends happen inside the caller's own write transaction, so an entry exists exactly
/// when the effect it records does; two processes appending at once are serialised by
/// SQLite's write lock (`BEGIN IMMEDIATE`), so the chain never forks.
public struct AuditTrail: Sendable {
    /// The state database holding the trail.
    public let state: StateDatabase

    /// The trail kept in `state`.
    public init(state: StateDatabase) {
        self.state = state
    }

    /// Appends `record` as the next entry of the chain inside the caller's write
    /// transaction `db`, opened with ``StateDatabase/write(_:)`` on ``state``.
    ///
    /// - Throws: ``AuditError/detailsNotEncodable(action:)``; GRDB errors, which the
    ///   enclosing ``StateDatabase/write(_:)`` turns into ``StoreError``.
    @discardableResult
    public func append(_ record: AuditRecord, actor: String, at time: Date, in db: Database) throws -> AuditEntry {
        try AuditLog.insert(record, actor: actor, at: time, observer: AuditObservers.shared.observer(of: state), db)
    }

    /// Every entry in sequence order, optionally only those of one request or from a time on
    /// (`since` is compared with the ISO 8601 time as text, so a day `YYYY-MM-DD` works).
    ///
    /// - Throws: ``StoreError``.
    public func entries(request: String? = nil, since: String? = nil) throws -> [AuditEntry] {
        try state.read { db in try AuditLog.entries(request: request, since: since, db) }
    }

    /// Entries whose subjects include any of `hashes` ("what did we do for this person?").
    ///
    /// - Throws: ``StoreError``.
    public func entries(about hashes: [String]) throws -> [AuditEntry] {
        let wanted = Set(hashes)
        return try entries().filter { !wanted.isDisjoint(with: $0.subjects) }
    }

    /// `SEQ:HASH` of the newest entry, for the DPO to keep elsewhere; nil when the trail is empty.
    ///
    /// - Throws: ``StoreError``.
    public func head() throws -> String? {
        try state.read { db in try AuditLog.head(db) }
    }

    /// Walks the chain in sequence order and names the first place it breaks; with `head`
    /// (`SEQ:HASH` kept elsewhere) also checks that the entry is still there with that hash.
    ///
    /// - Throws: ``AuditError/badHead(_:)`` for a head that is not `SEQ:HASH`; ``StoreError``.
    public func verify(head: String? = nil) throws -> AuditVerifier.Report {
        try state.read { db in try AuditVerifier.verify(head: head, db) }
    }
}
