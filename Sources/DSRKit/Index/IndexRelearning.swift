import Foundation
import GRDB

/// Rows whose identifier values a rectification changes in place, with the index entries each
/// had before: after the operations commit the index drops the old entries and learns the new
/// ones. It is computed before the commit and journalled in state.db, so a crash in between
/// is finished by the next command (``IdentifierIndex/relearn(_:_:)`` is right whether or not
/// the commit happened: it makes the entries what the rows hold when it runs).
///
/// It holds keyed hashes and row numbers only, never a value.
struct IndexRelearning: Sendable, Equatable {
    /// One row of one source, with the hashes it was indexed under before the change.
    struct Row: Sendable, Equatable {
        let source: IndexSource
        let row: Int64
        let before: [Int64]
    }

    var rows: [Row]

    var isEmpty: Bool { rows.isEmpty }

    // MARK: - As the journal keeps it

    /// Compact JSON: `[{"before":[…],"column":…,"purpose":…,"row":…,"table":…},…]`.
    var journalText: String {
        JSONText.array(
            rows.map { row in
                .object([
                    ("table", .string(row.source.table)), ("column", .string(row.source.column)),
                    ("purpose", .string(row.source.purpose.rawValue)), ("row", .integer(row.row)),
                    ("before", .array(row.before.map(JSONText.integer))),
                ])
            }
        ).compactText
    }

    init(rows: [Row]) { self.rows = rows }

    /// Reads ``journalText``.
    ///
    /// - Throws: `DecodingError` for text dsr did not write.
    init(journalText: String) throws {
        struct Stored: Decodable {
            let table, column, purpose: String
            let row: Int64
            let before: [Int64]
        }
        let stored = try JSONDecoder().decode([Stored].self, from: Data(journalText.utf8))
        rows = try stored.map { row in
            guard let purpose = IndexSource.Purpose(rawValue: row.purpose) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: [], debugDescription: "unknown purpose \(row.purpose)"))
            }
            return Row(
                source: IndexSource(table: row.table, column: row.column, purpose: purpose), row: row.row,
                before: row.before)
        }
    }
}

extension IdentifierIndex {
    /// What the index holds now for the changed columns of `changes` (table → row number →
    /// columns): call inside the write transaction, before the rows change.
    ///
    /// - Throws: ``StoreError`` when the operations database cannot be read.
    func relearning(_ changes: [String: [Int64: Set<String>]], _ operations: any OperationsReader) throws
        -> IndexRelearning
    {
        var builder = IndexBuilder(map: map, hasher: hasher, defaultCountry: defaultCountry)
        var rows: [IndexRelearning.Row] = []
        for (table, changed) in changes.sorted(by: { $0.key < $1.key }) {
            let sources = sourceIDs.filter { $0.key.table == table }.sorted { $0.value < $1.value }
            for (row, columns) in changed.sorted(by: { $0.key < $1.key }) {
                for (source, id) in sources where columns.contains(source.column) {
                    let entries = RowEntries()
                    try builder.index(source, id: id, from: row - 1, upTo: row, operations: operations, into: entries)
                    rows.append(.init(source: source, row: row, before: entries.hashes.sorted()))
                }
            }
        }
        return IndexRelearning(rows: rows)
    }

    /// The rows of `changes` (per table, row number and changed columns) to relearn after a
    /// change whose stale entries are forgotten already: nothing is read, nothing is removed.
    func relearningAfterForgetting(_ changes: [String: [Int64: Set<String>]]) -> IndexRelearning {
        var rows: [IndexRelearning.Row] = []
        for (table, changed) in changes.sorted(by: { $0.key < $1.key }) {
            let sources = sourceIDs.filter { $0.key.table == table }.sorted { $0.value < $1.value }
            for (row, columns) in changed.sorted(by: { $0.key < $1.key }) {
                for (source, _) in sources where columns.contains(source.column) {
                    rows.append(.init(source: source, row: row, before: []))
                }
            }
        }
        return IndexRelearning(rows: rows)
    }

    /// Makes the entries of every row in `relearning` what the row holds now: the hashes it
    /// had before and no longer has go, the ones it has now are there once, and its
    /// "unreadable" mark follows its value. Doing it twice changes nothing. Call after
    /// ``refresh(_:fingerprint:rebuild:)``.
    ///
    /// - Throws: ``StoreError``.
    func relearn(_ relearning: IndexRelearning, _ operations: any OperationsReader) throws {
        guard !relearning.isEmpty else { return }
        try queue.guardedWrite { db in try relearn(relearning, operations, db) }
        try IndexSchema.releaseFreePages(queue)
    }

    /// After a change dsr made alone (``SettledWrite``), once what it made stale is forgotten
    /// (``forget(_:settling:)`` calls this in its transaction): the changed rows' entries and
    /// marks become what the rows hold now, and the index takes the database's state after the
    /// change as the one it reflects, so the next locate reads no table again. Nothing is
    /// claimed unless the index reflected the state before the change (no other refresh came
    /// in between). Call after the commit.
    ///
    /// - Throws: ``StoreError``.
    func settle(
        _ settled: SettledWrite, relearning: IndexRelearning, _ operations: any OperationsReader, _ db: Database
    ) throws {
        guard try IndexSchema.meta("database", db) == settled.before.file,
            try IndexSchema.meta("fingerprint", db) == settled.before.state,
            settled.after.file == settled.before.file
        else { return }
        try relearn(relearning, operations, db)
        try IndexSchema.setMeta("fingerprint", settled.after.state, db)
    }

    private func relearn(_ relearning: IndexRelearning, _ operations: any OperationsReader, _ db: Database) throws {
        var builder = IndexBuilder(map: map, hasher: hasher, defaultCountry: defaultCountry)
        let busy = queue.busyTimeoutSeconds
        let store = entries(db)
        let unmark = try PreparedQuery(
            db, sql: "DELETE FROM index_unparseable WHERE source = ? AND rid = ?", busyTimeout: busy)
        let mark = try PreparedQuery(
            db, sql: "INSERT INTO index_unparseable (source, rid, reason) VALUES (?, ?, ?)", busyTimeout: busy)
        for item in relearning.rows {
            guard let id = sourceIDs[item.source] else { continue }
            let now = RowEntries()
            try builder.index(
                item.source, id: id, from: item.row - 1, upTo: item.row, operations: operations, into: now)
            try store.remove(
                source: id,
                item.before.filter { !now.hashes.contains($0) }.map { IndexEntry(hash: $0, rid: item.row) })
            for hash in now.hashes.sorted() { try store.add(source: id, IndexEntry(hash: hash, rid: item.row)) }
            try unmark.run([.integer(id), .integer(item.row)]) { _ in }
            if let reason = now.unreadableReason {
                try mark.run([.integer(id), .integer(item.row), .text(reason)]) { _ in }
            }
        }
    }
}
