/// The audit entry of a locate run: counts per table, the keys of the subject's own
/// records, the files, and the subject as keyed hashes; never a personal value.
enum LocateAudit {
    /// The entry for `result`.
    static func record(for result: LocateResult, request: String?, hasher: KeyedHasher) -> AuditRecord {
        var counts: [String: [MatchRelation: Int64]] = [:]
        var keys: [String: [AuditValue]] = [:]
        for record in result.records {
            counts[record.table, default: [:]][record.relation, default: 0] += 1
            if record.relation == .subject { keys[record.table, default: []].append(key(record.key, hasher)) }
        }
        let details: [String: AuditValue] = [
            "method": .text(result.method.rawValue),
            "records": .map(
                counts.mapValues { relations in
                    .map(Dictionary(uniqueKeysWithValues: relations.map { ($0.key.rawValue, .int($0.value)) }))
                }),
            "keys": .map(keys.mapValues(AuditValue.list)),
            "files": .list(result.files.map { .text($0.path) }), "mentions": .int(Int64(result.mentions.count)),
            "derived_identifiers": .int(Int64(result.identifiers.filter { $0.origin == .derived }.count)),
        ]
        return AuditRecord(
            action: .locate, requestID: request, subjects: result.identifiers.map { hasher.hex($0.canonical) },
            details: details)
    }

    /// Integer keys as they are; text keys (a service number) as keyed hashes.
    static func key(_ key: RecordKey, _ hasher: KeyedHasher) -> AuditValue {
        switch key {
        case .integer(let value): .int(value)
        case .text(let value): .text("hmac:" + hasher.hex("key:" + value))
        }
    }
}
