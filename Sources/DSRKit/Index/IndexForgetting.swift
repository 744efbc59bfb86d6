import Foundation

/// What the index must forget after an erasure: per lookup key (a source and a keyed hash),
/// the rows whose entries go; per source, the rows whose "unreadable" marks go (a deleted
/// row's). Computed before the operations database commits and kept in the erasure's journal
/// entry, so a crash between that commit and the index's own is finished later from it.
///
/// It holds keyed hashes and row numbers only, never a value.
struct IndexForgetting: Sendable, Equatable {
    /// Rows of `source` whose entry with `hash` goes, or (no hash) whose unreadable mark goes.
    struct Group: Sendable, Equatable {
        let source: IndexSource
        let hash: Int64?
        var rows: [Int64]
    }

    var groups: [Group]

    var isEmpty: Bool { groups.allSatisfy(\.rows.isEmpty) }

    /// From an erasure's changes: in every identifier column of a deleted row and every
    /// changed identifier column, the entries of the subject's hashes (a redacted address
    /// list's co-recipients stay indexed); in reference columns, the entry of the old value.
    /// Entries of other people's values in a deleted row are left: they are keyed hashes that
    /// point at a row that no longer exists, which every lookup re-reads.
    init(
        _ changes: [String: [Int64: ChangedRow]], sources: [IndexSource], subjectHashes: [Int64],
        hasher: KeyedHasher
    ) {
        var entries: [Key: [Int64]] = [:]
        var order: [Key] = []
        func add(_ key: Key, _ row: Int64) {
            if entries[key] == nil { order.append(key) }
            entries[key, default: []].append(row)
        }
        for (table, rows) in changes.sorted(by: { $0.key < $1.key }) {
            let tableSources = sources.filter { $0.table == table }
            for (row, change) in rows.sorted(by: { $0.key < $1.key }) {
                for source in tableSources where change.columns.isEmpty || change.columns.contains(source.column) {
                    switch source.purpose {
                    case .identifier:
                        for hash in subjectHashes { add(Key(source: source, hash: hash), row) }
                    case .reference:
                        if let old = change.values[source.column], let text = IndexSource.referenceText(old) {
                            add(Key(source: source, hash: hasher.index64(text)), row)
                        }
                    }
                    if change.columns.isEmpty { add(Key(source: source, hash: nil), row) }
                }
            }
        }
        groups = order.map { Group(source: $0.source, hash: $0.hash, rows: entries[$0] ?? []) }
    }

    init(groups: [Group]) { self.groups = groups }

    struct Key: Hashable {
        let source: IndexSource
        let hash: Int64?
    }

    // MARK: - As the journal keeps it

    /// Compact JSON: `[{"column":…,"hash":…,"purpose":…,"rows":[…],"table":…},…]`.
    var journalText: String {
        JSONText.array(
            groups.map { group in
                .object([
                    ("table", .string(group.source.table)), ("column", .string(group.source.column)),
                    ("purpose", .string(group.source.purpose.rawValue)), ("hash", group.hash.map(JSONText.integer)),
                    ("rows", .array(group.rows.map(JSONText.integer))),
                ])
            }
        ).compactText
    }

    /// Reads ``journalText``.
    ///
    /// - Throws: `DecodingError` for text dsr did not write.
    init(journalText: String) throws {
        struct Stored: Decodable {
            let table, column, purpose: String
            let hash: Int64?
            let rows: [Int64]
        }
        let stored = try JSONDecoder().decode([Stored].self, from: Data(journalText.utf8))
        groups = try stored.map { group in
            guard let purpose = IndexSource.Purpose(rawValue: group.purpose) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "unknown purpose \(group.purpose)"))
            }
            return Group(
                source: IndexSource(table: group.table, column: group.column, purpose: purpose), hash: group.hash,
                rows: group.rows)
        }
    }
}
