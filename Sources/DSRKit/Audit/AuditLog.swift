import Foundation
import GRDB

/// The SQL of the `audit_log` table; ``AuditTrail`` is the trail's public face and the one
/// caller of ``insert(_:actor:at:_:)``.
enum AuditLog {
    /// Inserts `record` as the next entry of the chain, in the current write transaction.
    ///
    /// - Throws: ``AuditError/detailsNotEncodable(action:)``; GRDB errors (the enclosing
    ///   ``StateDatabase/write(_:)`` turns them into ``StoreError``).
    static func insert(
        _ record: AuditRecord, actor: String, at time: Date, observer: AuditObserver? = nil, _ db: Database
    ) throws -> AuditEntry {
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"))
        var entry = AuditEntry(
            seq: (last?[0] as Int64? ?? 0) + 1, at: timestamp(time), actor: actor, requestID: record.requestID,
            action: record.action.rawValue, subjects: record.subjects,
            details: AuditValue.json(record.details),
            previousHash: last?[1] ?? AuditEntry.genesis, hash: "")
        entry.hash = entry.computedHash
        try db.cachedStatement(
            sql: """
                INSERT INTO audit_log (seq, at, actor, request_id, action, subjects, details, previous_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                entry.seq, entry.at, entry.actor, entry.requestID, entry.action, entry.subjects.joined(separator: ","),
                entry.details, entry.previousHash, entry.hash,
            ])
        try observer?(entry, db)
        return entry
    }

    /// Every entry in sequence order, optionally for one request or since a time.
    static func entries(request: String? = nil, since: String? = nil, _ db: Database) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let request {
            conditions.append("request_id = ?")
            arguments.append(request)
        }
        if let since {
            conditions.append("at >= ?")
            arguments.append(since)
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        return try Row.fetchAll(
            db, sql: "SELECT * FROM audit_log\(filter) ORDER BY seq", arguments: StatementArguments(arguments)
        ).map(entry)
    }

    /// `SEQ:HASH` of the newest entry; nil when the trail is empty.
    static func head(_ db: Database) throws -> String? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).map {
            "\($0[0] as Int64):\($0[1] as String)"
        }
    }

    /// An entry as stored, every field exactly as written (the hash covers these bytes).
    static func entry(_ row: Row) -> AuditEntry {
        let subjects: String = row["subjects"]
        return AuditEntry(
            seq: row["seq"], at: row["at"], actor: row["actor"], requestID: row["request_id"], action: row["action"],
            subjects: subjects.isEmpty ? [] : subjects.components(separatedBy: ","), details: row["details"],
            previousHash: row["previous_hash"], hash: row["hash"])
    }

    /// `2026-11-29T14:05:09.123Z`, always UTC, to the nearest millisecond.
    ///
    /// Formatted by hand: an `ISO8601DateFormatter` costs every command ~2.5 million
    /// instructions to set up (a test checks both give the same text).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = time_t(milliseconds.floorDivided(by: 1000))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func padded(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return padded(parts.tm_year + 1900, 4) + "-" + padded(parts.tm_mon + 1, 2) + "-" + padded(parts.tm_mday, 2)
            + "T" + padded(parts.tm_hour, 2) + ":" + padded(parts.tm_min, 2) + ":" + padded(parts.tm_sec, 2) + "."
            + padded(Int32(milliseconds - Int64(seconds) * 1000), 3) + "Z"
    }
}

extension Int64 {
    /// Division rounding towards minus infinity (times before 1970 stay in their second).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}

/// What an audit observer is called with: the entry just appended and the transaction it is
/// in. A bulk run records which of a row's steps are done in the same commit as their audit
/// entries, so a run killed at any moment knows exactly what to do next.
typealias AuditObserver = @Sendable (AuditEntry, Database) throws -> Void

/// The observers of state databases' audit trails, while ``StateDatabase/observingAudit(_:_:)``
/// runs: by the database object, since an ``AuditTrail`` is a value made anew for each use.
///
/// Locked slots, not a task-local value: `TaskLocal.withValue` in synchronous code crashed
/// the release build (`swift_task_localValuePush`, Swift 6.3.1; debug builds ran).
final class AuditObservers: @unchecked Sendable {
    static let shared = AuditObservers()
    private let lock = NSLock()
    private var observers: [ObjectIdentifier: AuditObserver] = [:]

    func observer(of state: StateDatabase) -> AuditObserver? {
        lock.withLock { observers[ObjectIdentifier(state)] }
    }

    func set(_ observer: AuditObserver?, of state: StateDatabase) {
        lock.withLock { observers[ObjectIdentifier(state)] = observer }
    }
}

extension StateDatabase {
    /// Runs `body` with `observer` called for every audit entry appended to this database,
    /// inside the transaction that appends it (the observer before, if any, afterwards).
    ///
    /// - Throws: errors of `body`.
    func observingAudit<T>(_ observer: @escaping AuditObserver, _ body: () throws -> T) rethrows -> T {
        let before = AuditObservers.shared.observer(of: self)
        AuditObservers.shared.set(observer, of: self)
        defer { AuditObservers.shared.set(before, of: self) }
        return try body()
    }
}
