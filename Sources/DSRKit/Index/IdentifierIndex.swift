import Foundation
import GRDB

/// dsr's index of canonical identifiers: `state/index.db`, kept in step with the operations
/// database so that a lookup costs O(log n + k) instead of a normalising full scan.
///
/// **What it holds.** For every identifier column of the data map, one entry per identifier
/// a row holds: the first 8 bytes of HMAC-SHA-256(workspace secret, canonical form), the
/// column, and the row's number in the operations store (SQLite's rowid). For every reference locate follows from parent to children
/// (a call's recordings), the keyed hash of the raw value. No identifier is stored in plain
/// text (CONTRACT.md section 3).
///
/// **Never stale.** Before every locate, ``refresh(_:fingerprint:rebuild:)`` brings it up to date:
/// - nothing to do when the operations database file and its WAL are unchanged (inode,
///   size, modification time);
/// - rows appended since the last refresh (rowid above the table's watermark) are indexed;
/// - a table whose newest indexed row changed or vanished, or that shrank below its
///   watermark, is indexed again; so is every small table (at most ``smallTableRows`` rows),
///   which also catches updates in place there;
/// - a different secret, data map or operations database file empties the index first.
/// Each lookup then re-reads the candidate rows and keeps only those whose current value
/// still matches, so an entry for a row changed or deleted since never shows.
///
/// **Known limit.** An update in place that gives an old row of a large table (more than
/// ``smallTableRows`` rows) a new identifier is not seen until `dsr index rebuild`; call
/// detail records are append-only in practice, and a nightly rebuild closes the gap.
/// A row an erasure changed: the columns (none: the row was deleted) and its values before.
struct ChangedRow: Sendable, Equatable {
    var columns: Set<String>
    var values: [String: CellValue]
}

final class IdentifierIndex {
    /// Tables up to this many rows (by highest row number) are indexed again on every change.
    static let smallTableRows: Int64 = 50_000
    /// The index file's name in the state dir.
    static let fileName = "index.db"

    let queue: DatabaseQueue
    let map: DataMap
    let hasher: KeyedHasher
    let defaultCountry: String
    /// Opens another connection to the operations database (the build's second thread).
    let openOperations: @Sendable () throws -> any OperationsStore
    /// SHA-256 of the data map's text: a changed map empties the index.
    let mapDigest: String
    /// Rows of one table above which two threads compute the entries, as sorted runs (below
    /// it they go in as loose rows, which costs more per entry than a run but needs no thread).
    let parallelRows: Int64
    /// Where a refresh that reads rows draws its progress (nil: nowhere).
    var progressDisplay: ProgressDisplay?
    private(set) var sourceIDs: [IndexSource: Int64] = [:]
    /// The read transaction on `index.db` that lookups share while a locate runs.
    private var lookup: Database?
    /// The path of `index.db`.
    private let path: String
    /// What this process last found true of the index, and the files it found it in: while
    /// neither `index.db` nor the operations database changed since, it still holds, and a
    /// refresh reads nothing (`dsr bulk` and the benchmark locate many times per process).
    private var verified: (files: [OperationsFingerprint], identity: String)?
    /// The unreadable values, read once per verified state.
    private var unreadable: [UnparseableValues]?
    /// The entries' statements, prepared once on the index's connection.
    private var entryStore: IndexEntryStore?
    /// What the index depends on besides the data (see ``identityText()``), computed once.
    private lazy var identity: String = identityText()

    /// Opens (creating when absent, mode 0600) the index at `url`.
    ///
    /// - Throws: ``StoreError``.
    init(
        at url: URL, busyTimeout: Double, map: DataMap, mapText: String, hasher: KeyedHasher, defaultCountry: String,
        operations: any OperationsStore, parallelRows: Int64 = IdentifierIndex.smallTableRows
    ) throws {
        queue = try Store.open(at: url, access: .create, busyTimeout: busyTimeout, wal: false)
        path = url.path(percentEncoded: false)
        chmod(path, 0o600)
        self.map = map
        self.hasher = hasher
        self.defaultCountry = defaultCountry
        self.openOperations = operations.opener
        self.parallelRows = parallelRows
        self.mapDigest = Digests.sha256Hex(Array(mapText.utf8))
    }

    /// Brings the index in step with the operations database that `operations` reads, whose
    /// fingerprint was taken before that read began (see the type's documentation).
    ///
    /// - Throws: ``StoreError``.
    @discardableResult
    func refresh(
        _ operations: any OperationsReader, fingerprint: OperationsFingerprint, rebuild: Bool = false
    ) throws -> IndexRefresh {
        if !rebuild, let verified, verified.identity == identity,
            verified.files == [fingerprint, OperationsFingerprint(sqliteFile: path)]
        {
            return IndexRefresh()
        }
        unreadable = nil
        // The common case, nothing changed since the last refresh, reads and writes nothing.
        if !rebuild, let ids = try unchangedSources(identity: identity, fingerprint: fingerprint) {
            sourceIDs = ids
            verified = ([fingerprint, OperationsFingerprint(sqliteFile: path)], identity)
            return IndexRefresh()
        }
        verified = nil
        try IndexSchema.upgrade(queue)
        let report = try queue.guardedWrite { index in
            var report = IndexRefresh()
            try IndexSchema.create(index)
            let knownIdentity = try IndexSchema.meta("identity", index)
            let knownFile = try IndexSchema.meta("database", index)
            if rebuild || knownIdentity != identity || knownFile != fingerprint.file {
                try IndexSchema.clear(index)
                try IndexSchema.setMeta("identity", identity, index)
                try IndexSchema.setMeta("database", fingerprint.file, index)
                report.cleared = true
            }
            sourceIDs = try registerSources(index)
            if !report.cleared, try IndexSchema.meta("fingerprint", index) == fingerprint.state {
                return report
            }
            var refresher = IndexRefresher(index: self, report: &report)
            report = try refresher.refresh(operations: operations, index: index)
            try IndexSchema.setMeta("fingerprint", fingerprint.state, index)
            return report
        }
        if report.cleared || !report.rebuiltTables.isEmpty { try IndexSchema.releaseFreePages(queue) }
        verified = ([fingerprint, OperationsFingerprint(sqliteFile: path)], identity)
        return report
    }

    /// Runs `body` with every lookup inside one read transaction of `index.db`.
    ///
    /// - Throws: ``StoreError``; errors of `body` pass through.
    func lookingUp<T>(_ body: () throws -> T) throws -> T {
        try queue.guardedRead { db in
            lookup = db
            defer { lookup = nil }
            return try body()
        }
    }

    /// Closes `index.db`; the index is not used afterwards.
    func close() {
        entryStore = nil  // a prepared statement keeps the connection open
        try? queue.close()
    }

    /// What an erasure's `changes` make stale (see ``IndexForgetting``), for the sources this
    /// index covers.
    func forgetting(_ changes: [String: [Int64: ChangedRow]], subjectHashes: [Int64]) -> IndexForgetting {
        IndexForgetting(changes, sources: Array(sourceIDs.keys), subjectHashes: subjectHashes, hasher: hasher)
    }

    /// Removes the entries and marks of `forgetting`, by their lookup key `(source, hash)` so
    /// the cost is the rows changed, not the size of the index: one range of the lookup index
    /// is read once for all its rows. Sources the index no longer covers are skipped; removing
    /// what is already gone changes nothing, so a crashed run can do it again.
    ///
    /// - Parameter settling: after a change dsr made alone, the rows to relearn and the state to
    ///   take as the index's own, in the same transaction (see ``settle(_:relearning:_:_:)``).
    /// - Throws: ``StoreError``.
    func forget(
        _ forgetting: IndexForgetting,
        settling: (settled: SettledWrite, relearning: IndexRelearning, operations: any OperationsReader)? = nil
    ) throws {
        guard !forgetting.isEmpty || settling != nil else { return }
        // One transaction and one checkpoint for the whole erasure; the row numbers go in as
        // one JSON array per key (bound, never spliced into the SQL).
        try queue.guardedWrite { db in
            defer { if settling != nil { verified = nil } }
            let marks = try PreparedQuery(
                db, sql: "DELETE FROM index_unparseable WHERE source = ? AND rid IN (SELECT value FROM json_each(?))",
                busyTimeout: queue.busyTimeoutSeconds)
            var entries: [Int64: [IndexEntry]] = [:]
            for group in forgetting.groups where !group.rows.isEmpty {
                guard let id = sourceIDs[group.source] else { continue }
                if let hash = group.hash {
                    entries[id, default: []] += group.rows.map { IndexEntry(hash: hash, rid: $0) }
                } else {
                    let rows = CellValue.text("[" + group.rows.map(String.init).joined(separator: ",") + "]")
                    try marks.run([.integer(id), rows]) { _ in }
                }
            }
            let store = self.entries(db)
            for (id, gone) in entries.sorted(by: { $0.key < $1.key }) { try store.remove(source: id, gone) }
            if let settling { try settle(settling.settled, relearning: settling.relearning, settling.operations, db) }
        }
        try IndexSchema.releaseFreePages(queue)
    }

    /// The entry store on `db`, `index.db`'s one connection.
    func entries(_ db: Database) -> IndexEntryStore {
        if let entryStore, entryStore.isOn(db) { return entryStore }
        let store = IndexEntryStore(db, busyTimeout: queue.busyTimeoutSeconds)
        entryStore = store
        return store
    }

    /// The part of `forgetting` the operations rows no longer back: an entry goes only where
    /// its row, read now, no longer holds a value with that hash (the row was deleted or
    /// changed). After a crash it is not known whether the operations database committed;
    /// this makes forgetting safe either way. Call after ``refresh(_:fingerprint:rebuild:)``.
    ///
    /// - Throws: ``StoreError`` when the operations database cannot be read.
    func leftStale(_ forgetting: IndexForgetting, _ operations: any OperationsReader) throws -> IndexForgetting {
        var builder = IndexBuilder(map: map, hasher: hasher, defaultCountry: defaultCountry)
        var groups = forgetting.groups
        for index in groups.indices {
            let group = groups[index]
            guard let id = sourceIDs[group.source] else {
                groups[index].rows = []
                continue
            }
            groups[index].rows = try group.rows.filter { row in
                let now = RowEntries()
                try builder.index(group.source, id: id, from: row - 1, upTo: row, operations: operations, into: now)
                if let hash = group.hash { return !now.hashes.contains(hash) }
                return !now.isUnreadable
            }
        }
        return IndexForgetting(groups: groups)
    }

    /// Whether the index holds entries for `source`.
    func covers(_ source: IndexSource) -> Bool { sourceIDs[source] != nil }

    /// Row numbers of `source` whose entry has `hash` (candidates, to be re-read and confirmed).
    func candidates(_ source: IndexSource, hash: Int64) throws -> [Int64] {
        guard let id = sourceIDs[source] else { return [] }
        func fetch(_ db: Database) throws -> [Int64] { try entries(db).rows(source: id, hash: hash) }
        if let lookup { return try fetch(lookup) }
        return try queue.guardedRead(fetch)
    }

    /// Values of identifier columns that could not be read when they were indexed.
    func unparseable() throws -> [UnparseableValues] {
        if let unreadable { return unreadable }
        func fetch(_ db: Database) throws -> [UnparseableValues] {
            try sourceIDs.sorted { $0.value < $1.value }.compactMap { source, id in
                let count =
                    try Int.fetchOne(
                        db.cachedStatement(sql: "SELECT count(*) FROM index_unparseable WHERE source = ?"),
                        arguments: [id]) ?? 0
                guard count > 0 else { return nil }
                let rows = try Row.fetchAll(
                    db.cachedStatement(
                        sql: "SELECT rid, reason FROM index_unparseable WHERE source = ? ORDER BY rid LIMIT ?"),
                    arguments: [id, UnparseableValues.sampleSize])
                return UnparseableValues(
                    table: source.table, column: source.column, count: count, rows: rows.map { $0[0] },
                    reason: rows.first?[1] ?? "")
            }
        }
        let found = try lookup.map(fetch) ?? queue.guardedRead(fetch)
        if verified != nil { unreadable = found }
        return found
    }

    /// What the index depends on besides the data: the key, the map, the country rules.
    private func identityText() -> String {
        hasher.hex("index-identity:format \(IndexSchema.format)\nmap \(mapDigest)\ncountry \(defaultCountry)")
    }

    /// The column ids when the index is complete and the database unchanged; nil otherwise.
    private func unchangedSources(identity: String, fingerprint: OperationsFingerprint) throws -> [IndexSource: Int64]?
    {
        try queue.guardedRead { db in
            // sqlite_master directly: GRDB's tableExists loads its whole schema cache first.
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'index_meta')")
                    == true,
                try IndexSchema.meta("identity", db) == identity,
                try IndexSchema.meta("database", db) == fingerprint.file,
                try IndexSchema.meta("fingerprint", db) == fingerprint.state
            else { return nil }
            var ids: [IndexSource: Int64] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, table_name, column_name, purpose FROM index_sources") {
                guard let purpose = IndexSource.Purpose(rawValue: row[3]) else { continue }
                ids[IndexSource(table: row[1], column: row[2], purpose: purpose)] = row[0]
            }
            return IndexSource.all(in: map).allSatisfy { ids[$0] != nil } ? ids : nil
        }
    }

    private func registerSources(_ index: Database) throws -> [IndexSource: Int64] {
        var ids: [IndexSource: Int64] = [:]
        for source in IndexSource.all(in: map) {
            try index.execute(
                sql: "INSERT OR IGNORE INTO index_sources (table_name, column_name, purpose) VALUES (?, ?, ?)",
                arguments: [source.table, source.column, source.purpose.rawValue])
            ids[source] = try Int64.fetchOne(
                index, sql: "SELECT id FROM index_sources WHERE table_name = ? AND column_name = ? AND purpose = ?",
                arguments: [source.table, source.column, source.purpose.rawValue])
        }
        return ids
    }
}

/// What a refresh did (for `dsr index` and the benchmark).
public struct IndexRefresh: Sendable, Codable, Equatable {
    /// Whether the index was emptied first (new key, map or database).
    public var cleared = false
    /// Tables indexed again from scratch.
    public var rebuiltTables: [String] = []
    /// Rows read and entries written.
    public var rowsRead: Int64 = 0
    public var entriesWritten = 0
}
