/// The audit entry of a locate run: counts per table, the keys of the subject's own
/// records, the files by table and key, and the subject as keyed hashes; never a personal
/// value. A file's path is never recorded: it can name a person
/// (`call_+31681234567_sanne.bakker@example.nl.wav`) and the trail is kept for good.
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
            "files": .map(files(result.files, hasher)), "mentions": .int(Int64(result.mentions.count)),
            "derived_identifiers": .int(Int64(result.identifiers.filter { $0.origin == .derived }.count)),
        ]
        return AuditRecord(
            action: .locate, requestID: request, subjects: result.identifiers.map { hasher.hex($0.canonical) },
            details: details)
    }

    /// The records that name files, per table: their keys as ``key(_:_:)`` writes them, each once.
    static func files(_ files: [LocatedFile], _ hasher: KeyedHasher) -> [String: AuditValue] {
        var keys: [String: [RecordKey]] = [:]
        for file in files where keys[file.table]?.contains(file.key) != true {
            keys[file.table, default: []].append(file.key)
        }
        return keys.mapValues { .list($0.map { key($0, hasher) }) }
    }

    /// Integer keys as they are; text keys (a service number) as keyed hashes.
    static func key(_ key: RecordKey, _ hasher: KeyedHasher) -> AuditValue {
        switch key {
        case .integer(let value): .int(value)
        case .text(let value): .text("hmac:" + hasher.hex("key:" + value))
        }
    }
}
