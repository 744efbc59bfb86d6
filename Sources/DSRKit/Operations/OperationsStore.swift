import Foundation

/// The operations database as the engine sees it: the one interface between dsr's
/// capabilities (locate, export, erasure...) and the database the billing and telephony
/// systems own.
///
/// SQLite implements it (``SQLiteOperationsStore``), and so does PostgreSQL
/// (``PostgresOperationsStore``); SQL text and what a row number really is (SQLite's rowid,
/// PostgreSQL's integer key) live only in the implementations.
protocol OperationsStore: AnyObject {
    /// How messages name the database (its path, or its URL without password).
    var name: String { get }

    /// Runs `body` in one read transaction: everything it reads is one consistent snapshot.
    ///
    /// - Throws: ``StoreError`` for database failures; errors of `body` pass through.
    func read<T>(_ body: (any OperationsReader) throws -> T) throws -> T

    /// Runs `body` in one write transaction, rolled back when it throws, then removes what
    /// the change could leave behind in the database's files (see ``OperationsWriter``).
    ///
    /// - Throws: ``StoreError`` for database failures; errors of `body` pass through.
    func write<T>(_ body: (any OperationsWriter) throws -> T) throws -> T

    /// ``write(_:)`` for a change whose every effect on the identifier index the caller
    /// records itself: `body` also gets the fingerprint taken under the write lock before
    /// anything changed, and the result comes with both fingerprints when no other
    /// connection committed between that moment and the end of the commit (nil otherwise,
    /// or when the backend cannot tell).
    ///
    /// - Throws: as ``write(_:)``.
    func writeSettled<T>(_ body: (any OperationsWriter, OperationsFingerprint) throws -> T) throws
        -> (result: T, settled: SettledWrite?)

    /// Rewrites the database so that no byte of a deleted or replaced value is left in it:
    /// copies that other writers left in unused page space (a page split made without secure
    /// deletion keeps the old cells' bytes) survive any DELETE, and only a rewrite removes them.
    /// Takes the write lock for as long as it runs. Returns what it rewrote (the file's name, or
    /// a server's schema-qualified tables).
    ///
    /// - Throws: ``StoreError`` (75 when another process holds the database).
    @discardableResult
    func compact() throws -> [String]

    /// Closes the connections; the store is not used afterwards.
    func close()

    /// Cheap facts that change whenever the content can have (the index's freshness check).
    func fingerprint() -> OperationsFingerprint

    /// Opens a second, independent connection to the same database, on any thread (the
    /// index build reads on two threads).
    var opener: @Sendable () throws -> any OperationsStore { get }
}

/// A value read with its country hint (``OperationsReader/scan(_:rows:_:)``).
struct ReadValue: Sendable, Equatable {
    let value: CellValue
    let hint: String?
}

/// One row of ``OperationsReader/scanInPlace(_:columns:rows:_:)``, its columns numbered as the
/// scan's `columns`; valid only inside the scan's body.
protocol ScannedRow {
    /// Whether column `index` is NULL.
    func isNull(_ index: Int) -> Bool
    /// Whether column `index` holds text (ask before ``withText(_:_:)``, which may convert).
    func isText(_ index: Int) -> Bool
    /// Column `index` as UTF-8 text, without a copy (a number as its decimal digits; empty for NULL).
    func withText<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T
    /// Column `index` as a value (a copy).
    func cell(_ index: Int) -> CellValue
}

/// What the engine reads, inside one read transaction of an ``OperationsStore``.
protocol OperationsReader: AnyObject {
    /// Calls `body` with the row number, value and country hint of every row of
    /// `read.table` (within `rows` when given), in row-number order.
    func scan(_ read: ColumnRead, rows: RowRange?, _ body: (Int64, CellValue, String?) throws -> Void) throws

    /// Whether one pass reading several columns of a table (``scan(_:rows:_:)``
    /// with many reads) costs much less than a pass per column: true on a server, where each
    /// row read costs decoding its message more than its columns; false on SQLite, which reads
    /// one column of 10 million rows faster alone.
    var readsColumnsTogether: Bool { get }

    /// Calls `body` with the row number and, for each of `reads` (all of one table, in that
    /// order), the value and hint of every row of the table within `rows`, in row-number
    /// order; a row's NULL values come as NULL (a row whose every read is NULL may be left out).
    func scan(_ reads: [ColumnRead], rows: RowRange?, _ body: (Int64, [ReadValue]) throws -> Void) throws

    /// The value and hint of one row; nil when the row does not exist.
    func read(_ read: ColumnRead, row: Int64) throws -> (value: CellValue, hint: String?)?

    /// Calls `body` with the row number and the values of `columns` of every row of `table`
    /// (within `rows` when given), in row-number order.
    func scan(_ table: String, columns: [String], rows: RowRange?, _ body: (Int64, [CellValue]) throws -> Void)
        throws

    /// ``scan(_:columns:rows:_:)`` with each row read in place rather than copied into values:
    /// for scans that look at every row of a large table and keep few (a retention audit dates
    /// 10 million calls). The row is valid only inside `body`.
    func scanInPlace(
        _ table: String, columns: [String], rows: RowRange?, _ body: (Int64, any ScannedRow) throws -> Void)
        throws

    /// The value of `column` in `row`; nil when the row does not exist.
    func value(of column: String, in row: RowHandle) throws -> CellValue?

    /// Row numbers of the rows of `table` whose `column` equals `value` exactly.
    func rows(of table: String, where column: String, equals value: CellValue) throws -> [Int64]

    /// The whole row of `table` whose `primaryKey` is `key`.
    func record(in table: String, primaryKey: String, key: RecordKey) throws -> StoredRecord?

    /// Says that rows `rows` of `table` are about to be read one at a time (``value(of:in:)``,
    /// ``record(in:primaryKey:key:)``): a store whose every read is a round trip to a server
    /// reads them whole in a few statements first; with `locking`, in a write transaction, it
    /// locks them as ``record(in:primaryKey:key:)`` would (for rows the change may change; a
    /// locate's candidates are not locked). Only a hint: what is read afterwards is the same
    /// with or without it, and SQLite, which reads a row in microseconds, ignores it.
    func prefetch(_ table: String, rows: [Int64], locking: Bool) throws

    /// ``prefetch(_:rows:)`` for the rows of `read.table` that ``read(_:row:)`` is about to read
    /// with `read`'s country hint.
    func prefetch(_ read: ColumnRead, rows: [Int64]) throws

    /// ``prefetch(_:rows:locking:)``, locking, for the rows of `table` whose `primaryKey` (the
    /// data map's) is one of `keys`: the records ``record(in:primaryKey:key:)`` reads next.
    func prefetch(_ table: String, primaryKey: String, keys: [RecordKey]) throws

    /// The highest row number of `table` (0 when it is empty).
    func highestRow(in table: String) throws -> Int64

    /// How long the row numbers of `table` hold (see ``RowNumberLifetime``).
    func rowNumbersLast(in table: String) throws -> RowNumberLifetime

    /// The write transactions in progress when this read's snapshot was taken (see
    /// ``WritersInProgress``); none on SQLite.
    func writersInProgress() throws -> WritersInProgress

    /// The row numbers in `rows` that no row of `table` has in this snapshot (at most
    /// `rows.upTo - rows.after` of them), in ascending order.
    func missingRows(in table: String, rows: RowRange) throws -> [Int64]

    /// A text for each of `tables` that changes whenever a committed change to its rows (an
    /// insert, update or delete, or a row moved) becomes visible to this transaction, read in
    /// one statement; a table the store cannot tell of is absent (SQLite tells of none: there a
    /// changed file is all there is to know). The index reads a small table again only when
    /// its version changed.
    func tableVersions(_ tables: [String]) throws -> [String: String]

    /// Whether a second connection that begins reading while this read transaction is open
    /// reads the same state (so that a scan may be split across two connections): true for a
    /// SQLite rollback journal, where this transaction's shared lock keeps every writer from
    /// committing; false in WAL mode, where writers commit beside readers.
    func sharesSnapshotWithNewReaders() throws -> Bool

    /// The tables and views with their columns, in table order.
    func schema() throws -> OperationsSchema

    /// The number of rows of `table`.
    func count(of table: String) throws -> Int

    /// What each column of `table` accepts (NOT NULL, UNIQUE, numbers only).
    func constraints(of table: String) throws -> [ColumnConstraints]

    /// Every single-column foreign key the database declares, in every table.
    func foreignKeys() throws -> [ForeignKey]
}

extension OperationsReader {
    func prefetch(_ table: String, rows: [Int64], locking: Bool) throws {}
    func prefetch(_ read: ColumnRead, rows: [Int64]) throws {}
    func prefetch(_ table: String, primaryKey: String, keys: [RecordKey]) throws {}

    /// ``prefetch(_:rows:locking:)`` without locking.
    func prefetch(_ table: String, rows: [Int64]) throws { try prefetch(table, rows: rows, locking: false) }
    func writersInProgress() throws -> WritersInProgress { .none }
    func tableVersions(_ tables: [String]) throws -> [String: String] { [:] }
    var readsColumnsTogether: Bool { false }

    /// A pass per read over chunks of rows, merged row by row: correct on any store, and no
    /// cheaper than the passes themselves (a store that reads columns together has its own).
    func scan(_ reads: [ColumnRead], rows: RowRange?, _ body: (Int64, [ReadValue]) throws -> Void) throws {
        guard let table = reads.first?.table else { return }
        let upTo = try rows?.upTo ?? highestRow(in: table)
        var after = rows?.after ?? 0
        while after < upTo {
            let chunk = RowRange(after: after, upTo: min(upTo, after + 20_000))
            var found: [Int64: [ReadValue]] = [:]
            let absent = Array(repeating: ReadValue(value: .null, hint: nil), count: reads.count)
            for (index, read) in reads.enumerated() {
                try scan(read, rows: chunk) { row, value, hint in
                    found[row, default: absent][index] = ReadValue(value: value, hint: hint)
                }
            }
            for row in found.keys.sorted() { try body(row, found[row] ?? absent) }
            after = chunk.upTo
        }
    }

    /// ``prefetch(_:primaryKey:keys:)`` for records of several tables of `map`: one call per table.
    func prefetch(_ records: [RecordReference], map: DataMap) throws {
        for (table, records) in Dictionary(grouping: records, by: \.table).sorted(by: { $0.key < $1.key }) {
            guard let primaryKey = map.table(table)?.primaryKey else { continue }
            try prefetch(table, primaryKey: primaryKey, keys: records.map(\.key))
        }
    }
}

/// What erasure, rectification and retention change, inside one write transaction.
///
/// Every write connection deletes securely (freed bytes are zeroed), and after the commit
/// the store removes old copies of changed pages from its journal files, so nothing erased
/// can be recovered from the database's files (CONTRACT.md section 6).
protocol OperationsWriter: OperationsReader {
    /// Sets `column` to `value` in the row of `table` whose `primaryKey` is `key`; returns
    /// the rows changed (0 or 1).
    func update(_ table: String, primaryKey: String, key: RecordKey, set column: String, to value: CellValue) throws
        -> Int

    /// Deletes the row of `table` whose `primaryKey` is `key`; returns the rows deleted.
    func delete(from table: String, primaryKey: String, key: RecordKey) throws -> Int

    /// ``update(_:primaryKey:key:set:to:)`` for every row whose `primaryKey` is one of `keys`
    /// (distinct), in as few statements as the store can; returns how many rows each key
    /// changed (a key that changed none is absent), so that a key matching two rows is seen.
    func update(_ table: String, primaryKey: String, keys: [RecordKey], set column: String, to value: CellValue)
        throws -> [RecordKey: Int]

    /// ``delete(from:primaryKey:key:)`` for every row whose `primaryKey` is one of `keys`
    /// (distinct), in as few statements as the store can; returns how many rows each key deleted.
    func delete(from table: String, primaryKey: String, keys: [RecordKey]) throws -> [RecordKey: Int]
}

extension OperationsWriter {
    /// A statement a row, in `keys`' order: SQLite runs a prepared statement in microseconds.
    func update(_ table: String, primaryKey: String, keys: [RecordKey], set column: String, to value: CellValue)
        throws -> [RecordKey: Int]
    {
        try keys.eachChanging { try update(table, primaryKey: primaryKey, key: $0, set: column, to: value) }
    }

    /// A statement a row, in `keys`' order.
    func delete(from table: String, primaryKey: String, keys: [RecordKey]) throws -> [RecordKey: Int] {
        try keys.eachChanging { try delete(from: table, primaryKey: primaryKey, key: $0) }
    }
}

extension Array where Element == RecordKey {
    /// `change` run for each key in order, and the rows each changed (keys that changed none
    /// left out): the batch writers' answer, a statement a key.
    func eachChanging(_ change: (RecordKey) throws -> Int) rethrows -> [RecordKey: Int] {
        var changed: [RecordKey: Int] = [:]
        for key in self {
            let rows = try change(key)
            if rows > 0 { changed[key, default: 0] += rows }
        }
        return changed
    }
}
