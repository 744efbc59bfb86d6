import Foundation

/// The audit entry of a locate run: counts per table, the keys of the subject's own
/// records, the files, and the subject as keyed hashes; never a personal value.
public enum LocateAudit {
    /// Appends the entry for `result` to the workspace's audit trail.
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``.
    public static func record(
        _ result: LocateResult, request: String?, actor: String, in workspace: Workspace, now: Date = Date()
    ) throws {
        let hasher = KeyedHasher(secret: try workspace.secretKey())
        var counts: [String: AuditValue] = [:]
        var keys: [String: [AuditValue]] = [:]
        for record in result.records {
            var entry: [String: AuditValue] = [:]
            if case .map(let existing) = counts[record.table] ?? .map([:]) { entry = existing }
            if case .int(let count) = entry[record.relation] ?? .int(0) { entry[record.relation] = .int(count + 1) }
            counts[record.table] = .map(entry)
            if record.relation == "subject" { keys[record.table, default: []].append(key(record.key, hasher)) }
        }
        let subjects = result.identifiers.map { hasher.hex($0.canonical) }
        let details: [String: AuditValue] = [
            "method": .text(result.method), "records": .map(counts), "keys": .map(keys.mapValues(AuditValue.list)),
            "files": .list(result.files.map { .text($0.path) }), "mentions": .int(Int64(result.mentions.count)),
            "derived_identifiers": .int(Int64(result.identifiers.filter { $0.origin == "derived" }.count)),
        ]
        let state = try workspace.openState()
        try state.write { db in
            try AuditTrail(state: state).append(
                AuditRecord(action: .locate, requestID: request, subjects: subjects, details: details), actor: actor,
                at: now, in: db)
        }
    }

    /// Integer keys as they are; text keys (a service number) as keyed hashes.
    static func key(_ key: RecordKey, _ hasher: KeyedHasher) -> AuditValue {
        switch key {
        case .integer(let value): .int(value)
        case .text(let value): .text("hmac:" + hasher.hex("key:" + value))
        }
    }
}
