import GRDB

/// Row numbers below a large table's watermark that held no row when the index last read the
/// table while other writers were in progress (``WritersInProgress``): a writer that took
/// such a number and commits after the refresh would otherwise stay unseen, as the watermark
/// has passed it. Each refresh reads these numbers again; once every writer they wait for
/// has ended, whatever is still missing was never committed (or was deleted) and is dropped.
///
/// Kept in `index.db` (`index_behind`, and `index_tables.waiting`): row numbers only.
struct RowsBehindWatermark {
    /// How far below the newest row a refresh looks for missing numbers: a full build of a
    /// table of millions of rows checks its last 100,000 numbers, not every one.
    static let window: Int64 = 100_000

    let table: String
    private(set) var rows: [Int64]
    private(set) var waitingFor: WritersInProgress

    /// What index.db holds for `table`.
    ///
    /// - Throws: ``StoreError``.
    static func load(_ table: String, _ db: Database) throws -> RowsBehindWatermark {
        let rows = try Int64.fetchAll(
            db, sql: "SELECT rid FROM index_behind WHERE table_name = ? ORDER BY rid", arguments: [table])
        let text = try String.fetchOne(
            db, sql: "SELECT waiting FROM index_tables WHERE table_name = ?", arguments: [table])
        // A list that does not read back waits for nothing: the numbers are checked once more.
        return RowsBehindWatermark(
            table: table, rows: rows, waitingFor: text.flatMap { WritersInProgress(text: $0) } ?? .none)
    }

    /// Keeps only `present`'s complement: the numbers that are still missing.
    mutating func remove(_ present: Set<Int64>) { rows.removeAll { present.contains($0) } }

    /// After the numbers were read again under a snapshot whose writers in progress are `now`:
    /// numbers whose writers have all ended are missing for good.
    mutating func settle(now: WritersInProgress) {
        if waitingFor.haveEnded(by: now) { rows = [] }
    }

    /// Adds numbers found missing under a snapshot with writers `now` in progress, and waits
    /// for those writers (they include any earlier writer still running).
    /// Keeps the newest ``window`` numbers at most, so a transaction left open for hours
    /// does not make the list grow at every refresh.
    mutating func add(_ missing: [Int64], now: WritersInProgress) {
        rows = Array(Array(Set(rows).union(missing)).sorted().suffix(Int(Self.window)))
        waitingFor = now
    }

    /// Forgets every number (the table is read again from its first row).
    mutating func clear() { rows = [] }

    /// Writes the numbers back; the caller then writes `index_tables.waiting` as ``waitingText``.
    func save(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM index_behind WHERE table_name = ?", arguments: [table])
        let insert = try db.cachedStatement(sql: "INSERT INTO index_behind (table_name, rid) VALUES (?, ?)")
        for row in rows { try insert.execute(arguments: [table, row]) }
    }

    /// `index_tables.waiting`: nil when no number waits.
    var waitingText: String? { rows.isEmpty ? nil : waitingFor.text }
}
