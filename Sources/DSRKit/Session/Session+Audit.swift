import GRDB

extension Session {
    /// Runs `body` in one write transaction of the state database and appends `record` to
    /// the audit trail in the same transaction: the entry exists exactly when the effect
    /// `body` records does.
    ///
    /// - Throws: ``StoreError``; errors of `body` pass through (and nothing is recorded).
    func recording<T>(_ record: AuditRecord, _ body: () throws -> T) throws -> T {
        try state().write { db in
            let result = try body()
            try auditTrail().append(record, actor: actor, at: now, in: db)
            return result
        }
    }

    /// ``recording(_:_:)`` for a `body` that writes to the state database itself, in the same
    /// transaction `db` as the audit entry.
    ///
    /// - Throws: as ``recording(_:_:)``.
    func recording<T>(_ record: AuditRecord, with body: (Database) throws -> T) throws -> T {
        try state().write { db in
            let result = try body(db)
            try auditTrail().append(record, actor: actor, at: now, in: db)
            return result
        }
    }
}
