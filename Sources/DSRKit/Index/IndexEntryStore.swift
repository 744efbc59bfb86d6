import Foundation
import GRDB

/// Where `index.db` keeps its entries, and every read and change of them.
///
/// Two tiers, both keyed by source:
/// - **runs**: sorted sequences of blocks (``IndexBlock``, ~340 entries each, one 4 KiB page),
///   written by a build that sorted its entries in memory. A block's key is its first entry,
///   so the blocks that may hold a hash are the last one starting below it and those starting
///   at it: two seeks per run.
/// - **loose** entries, one row each of a `WITHOUT ROWID` table: what a small refresh, a
///   relearned row or a small table adds.
///
/// A lookup reads both tiers in one statement. A source's loose entries become a run once
/// there are more than ``looseLimit``, and its runs are merged into one once there are more
/// than ``runLimit`` (``settle(_:)``), so lookups stay a bounded number of seeks.
///
/// All statements run on the connection of the `Database` given to ``init(_:busyTimeout:)``
/// (`index.db`'s only one), inside whatever transaction the caller holds.
final class IndexEntryStore {
    /// Loose entries of one source above which they are written as a run.
    let looseLimit: Int
    /// Runs of one source above which they are merged into one.
    let runLimit: Int

    private let db: Database
    private let busy: Double
    // `CROSS JOIN` keeps the runs outside: SQLite may otherwise walk all of a source's
    // blocks to match `first_hash` (seen with EXPLAIN QUERY PLAN, 30 ms a lookup at 10M calls).
    private lazy var lookup = prepare(Self.lookupSQL)
    /// The lookup of one hash in one source: the covering blocks of every run, and the loose rows.
    static let lookupSQL = """
        SELECT b.entries, NULL FROM index_runs r CROSS JOIN index_blocks b ON b.id = (
            SELECT id FROM index_blocks WHERE source = r.source AND run = r.run AND first_hash < ?2
            ORDER BY first_hash DESC, first_rid DESC LIMIT 1)
        WHERE r.source = ?1
        UNION ALL
        SELECT b.entries, NULL FROM index_runs r CROSS JOIN index_blocks b
            ON b.source = r.source AND b.run = r.run AND b.first_hash = ?2
        WHERE r.source = ?1
        UNION ALL
        SELECT NULL, rid FROM index_entries WHERE source = ?1 AND hash = ?2
        """
    private lazy var blocksOfHash = prepare(Self.blocksSQL)
    /// The blocks of every run of one source that may hold one hash, to change them.
    static let blocksSQL = """
        SELECT b.id, b.run, b.entries FROM index_runs r CROSS JOIN index_blocks b ON b.id = (
            SELECT id FROM index_blocks WHERE source = r.source AND run = r.run AND first_hash < ?2
            ORDER BY first_hash DESC, first_rid DESC LIMIT 1)
        WHERE r.source = ?1
        UNION ALL
        SELECT b.id, b.run, b.entries FROM index_runs r CROSS JOIN index_blocks b
            ON b.source = r.source AND b.run = r.run AND b.first_hash = ?2
        WHERE r.source = ?1
        """
    private lazy var addLoose = prepare("INSERT OR IGNORE INTO index_entries (source, hash, rid) VALUES (?, ?, ?)")
    private lazy var removeLoose = prepare("DELETE FROM index_entries WHERE source = ? AND hash = ? AND rid = ?")

    /// Works on `db`'s connection, which must stay open while this store is used; the limits
    /// are 1M loose entries and 8 runs a source unless given (tests make them small).
    init(_ db: Database, busyTimeout: Double, looseLimit: Int = 1 << 20, runLimit: Int = 8) {
        self.db = db
        self.busy = busyTimeout
        self.looseLimit = looseLimit
        self.runLimit = runLimit
    }

    /// Whether this store's statements belong to `db`.
    func isOn(_ db: Database) -> Bool { self.db === db }

    // MARK: - Reading

    /// Row numbers whose entry in `source` has `hash`, ascending, each once.
    ///
    /// - Throws: ``StoreError``.
    func rows(source: Int64, hash: Int64) throws -> [Int64] {
        var rows: [Int64] = []
        try lookup().run([.integer(source), .integer(hash)]) { row in
            if row.isNull(0) {
                rows.append(row.int64(1))
                return
            }
            try row.withBlob(0) { bytes in try IndexBlock.rows(of: hash, in: bytes, into: &rows) }
        }
        rows.sort()
        return rows.uniqued()
    }

    /// Every entry of `source`, sorted (tests and checks; a build's worth of memory).
    ///
    /// - Throws: ``StoreError``.
    func all(source: Int64) throws -> [IndexEntry] {
        var entries: [IndexEntry] = []
        try PreparedQuery(db, sql: "SELECT entries FROM index_blocks WHERE source = ?", busyTimeout: busy).run(
            [.integer(source)]
        ) { row in try row.withBlob(0) { try IndexBlock.forEach($0) { entries.append($0) } } }
        try PreparedQuery(db, sql: "SELECT hash, rid FROM index_entries WHERE source = ?", busyTimeout: busy).run(
            [.integer(source)]
        ) { row in entries.append(IndexEntry(hash: row.int64(0), rid: row.int64(1))) }
        entries.sort()
        return entries.uniqued()
    }

    // MARK: - Changing

    /// Adds one entry as a loose row (nothing when it is there already).
    ///
    /// - Throws: ``StoreError``.
    func add(source: Int64, _ entry: IndexEntry) throws {
        guard !(try rows(source: source, hash: entry.hash).contains(entry.rid)) else { return }
        try addLoose().run([.integer(source), .integer(entry.hash), .integer(entry.rid)]) { _ in }
    }

    /// Writes `entries` (sorted; repeats are dropped) as a new run of `source`.
    ///
    /// - Throws: ``StoreError``.
    func write(run entries: [IndexEntry], source: Int64) throws {
        guard !entries.isEmpty else { return }
        var writer = try RunWriter(self, source: source)
        for entry in entries { try writer.append(entry) }
        try writer.finish()
    }

    /// Removes `entries` of `source` wherever they are; entries already gone are skipped, so
    /// doing it twice changes nothing. Each block is read and rewritten once, however many of
    /// its entries go.
    ///
    /// - Throws: ``StoreError``.
    func remove(source: Int64, _ entries: some Sequence<IndexEntry>) throws {
        var byHash: [Int64: Set<Int64>] = [:]
        for entry in entries { byHash[entry.hash, default: []].insert(entry.rid) }
        guard !byHash.isEmpty else { return }
        // Blocks read so far, as they will be written back.
        var touched: [Int64: (run: Int64, entries: [IndexEntry], removed: Int)] = [:]
        for (hash, rids) in byHash {
            for rid in rids { try removeLoose().run([.integer(source), .integer(hash), .integer(rid)]) { _ in } }
            var covering: [Int64] = []
            try blocksOfHash().run([.integer(source), .integer(hash)]) { row in
                let id = row.int64(0)
                covering.append(id)
                if touched[id] == nil {
                    touched[id] = (row.int64(1), try row.withBlob(2) { try IndexBlock.decode($0) }, 0)
                }
            }
            for id in covering {
                guard let block = touched[id] else { continue }
                let kept = block.entries.filter { $0.hash != hash || !rids.contains($0.rid) }
                if kept.count != block.entries.count {
                    touched[id] = (block.run, kept, block.removed + block.entries.count - kept.count)
                }
            }
        }
        var removedPerRun: [Int64: Int] = [:]
        for (id, block) in touched where block.removed > 0 {
            removedPerRun[block.run, default: 0] += block.removed
            if let first = block.entries.first {
                try db.execute(
                    sql: "UPDATE index_blocks SET first_hash = ?, first_rid = ?, entries = ? WHERE id = ?",
                    arguments: [first.hash, first.rid, Data(IndexBlock.encode(block.entries).first?.bytes ?? []), id])
            } else {
                try db.execute(sql: "DELETE FROM index_blocks WHERE id = ?", arguments: [id])
            }
        }
        for (run, removed) in removedPerRun {
            try db.execute(
                sql: "UPDATE index_runs SET entries = entries - ? WHERE source = ? AND run = ?",
                arguments: [removed, source, run])
        }
    }

    /// Removes every entry of `source`.
    ///
    /// - Throws: ``StoreError``.
    func removeAll(source: Int64) throws {
        for table in ["index_entries", "index_blocks", "index_runs"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE source = ?", arguments: [source])
        }
    }

    /// Keeps `source` within ``looseLimit`` loose entries and ``runLimit`` runs.
    ///
    /// - Throws: ``StoreError``.
    func settle(_ source: Int64) throws {
        let loose =
            try Int.fetchOne(db, sql: "SELECT count(*) FROM index_entries WHERE source = ?", arguments: [source]) ?? 0
        if loose > looseLimit {
            var writer = try RunWriter(self, source: source)
            try PreparedQuery(
                db, sql: "SELECT hash, rid FROM index_entries WHERE source = ? ORDER BY hash, rid", busyTimeout: busy
            ).run([.integer(source)]) { row in try writer.append(IndexEntry(hash: row.int64(0), rid: row.int64(1))) }
            try writer.finish()
            try db.execute(sql: "DELETE FROM index_entries WHERE source = ?", arguments: [source])
        }
        let runs = try Int64.fetchAll(
            db, sql: "SELECT run FROM index_runs WHERE source = ? ORDER BY run", arguments: [source])
        if runs.count > runLimit { try merge(source: source, runs: runs) }
    }

    /// Merges `runs` of `source` into one new run, a block of each at a time.
    private func merge(source: Int64, runs: [Int64]) throws {
        var readers = try runs.map { try RunReader(db, source: source, run: $0) }
        var writer = try RunWriter(self, source: source)
        while true {
            var smallest: Int?
            for index in readers.indices {
                guard let head = readers[index].head else { continue }
                if let best = smallest, let current = readers[best].head, !(head < current) { continue }
                smallest = index
            }
            guard let index = smallest, let head = readers[index].head else { break }
            try writer.append(head)
            try readers[index].advance()
        }
        try writer.finish()
        let list = runs.map(String.init).joined(separator: ",")
        try db.execute(sql: "DELETE FROM index_blocks WHERE source = ? AND run IN (\(list))", arguments: [source])
        try db.execute(sql: "DELETE FROM index_runs WHERE source = ? AND run IN (\(list))", arguments: [source])
    }

    private func prepare(_ sql: String) -> () throws -> PreparedQuery {
        var prepared: PreparedQuery?
        return { [db, busy] in
            if let prepared { return prepared }
            let query = try PreparedQuery(db, sql: sql, busyTimeout: busy)
            prepared = query
            return query
        }
    }

    /// Writes one new run of a source, a block at a time.
    private struct RunWriter {
        let source: Int64
        let run: Int64
        private let insert: RawStatement
        private var encoder = IndexBlock.Encoder()
        private var count = 0
        private let db: Database

        init(_ store: IndexEntryStore, source: Int64) throws {
            db = store.db
            self.source = source
            run =
                try Int64.fetchOne(
                    db, sql: "SELECT coalesce(max(run), 0) + 1 FROM index_runs WHERE source = ?", arguments: [source])
                ?? 1
            guard let connection = db.sqliteConnection else {
                throw StoreError.sqlite(path: IdentifierIndex.fileName, code: 0, message: "connection is closed")
            }
            insert = try RawStatement(
                "INSERT INTO index_blocks (source, run, first_hash, first_rid, entries) VALUES (?, ?, ?, ?, ?)",
                connection: connection, path: IdentifierIndex.fileName)
        }

        mutating func append(_ entry: IndexEntry) throws {
            count += 1
            if let full = encoder.append(entry) { try store(full) }
        }

        mutating func finish() throws {
            if let last = encoder.finish() { try store(last) }
            guard count > 0 else { return }
            try db.execute(
                sql: "INSERT INTO index_runs (source, run, entries) VALUES (?, ?, ?)", arguments: [source, run, count])
        }

        private func store(_ block: IndexBlock.Encoded) throws {
            insert.bind(source)
            insert.bind(run)
            insert.bind(block.first.hash)
            insert.bind(block.first.rid)
            insert.bind(block.bytes)
            try insert.step()
        }
    }

    /// Reads one run's entries in order, a block at a time.
    private struct RunReader {
        private let blocks: RowCursor
        private var entries: [IndexEntry] = []
        private var position = 0

        init(_ db: Database, source: Int64, run: Int64) throws {
            blocks = try Row.fetchCursor(
                db, sql: "SELECT entries FROM index_blocks WHERE source = ? AND run = ? ORDER BY first_hash, first_rid",
                arguments: [source, run])
            try advance()
        }

        /// The next entry, nil at the end.
        var head: IndexEntry? { position < entries.count ? entries[position] : nil }

        mutating func advance() throws {
            position += 1
            while position >= entries.count {
                guard let row = try blocks.next() else { return }
                let bytes: Data = row[0]
                entries = try bytes.withUnsafeBytes { try IndexBlock.decode($0) }
                position = 0
            }
        }
    }
}

extension Array where Element: Equatable {
    /// A sorted array without its repeats.
    fileprivate func uniqued() -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self where result.last != element { result.append(element) }
        return result
    }
}
