/// Whole rows one PostgreSQL transaction has already read, by table and row number, so that
/// the engine's one-row-at-a-time reads after a ``OperationsReader/prefetch(_:rows:)`` cost no
/// round trip each.
///
/// Safe because every transaction dsr runs on PostgreSQL is `REPEATABLE READ`: its snapshot
/// does not move, so a row read once reads the same until this transaction itself changes it
/// (the writer empties the cache whenever it updates or deletes a row). In a write transaction a row counts as
/// read for ``OperationsReader/record(in:primaryKey:key:)`` only when it was read `FOR UPDATE`.
struct PostgresRowCache {
    /// What is known of one row number.
    enum Entry {
        /// The row, its columns in the catalog's order; `locked` when it was read `FOR UPDATE`.
        case row([CellValue], locked: Bool)
        /// No such row in this snapshot.
        case absent
    }

    /// Rows held at most: a prefetch beyond it starts the cache afresh, so memory stays bounded
    /// whatever a command reads in one transaction (a purge of millions of rows).
    static let capacity = 100_000
    /// Bytes of values held at most (text and blobs counted by length): rows with large
    /// columns start the cache afresh sooner.
    static let byteCapacity = 64 << 20

    private var tables: [String: [Int64: Entry]] = [:]
    /// Hints of reads whose hint comes from another table (`ColumnRead.Hint.path`), by row.
    private var hints: [ColumnRead: [Int64: String?]] = [:]
    /// Row numbers of ``OperationsReader/rows(of:where:equals:)`` answers.
    private var lookups: [Lookup: [Int64]] = [:]
    private var held = 0
    private var bytes = 0

    /// One `rows(of:where:equals:)` question.
    struct Lookup: Hashable {
        let table: String
        let column: String
        let value: CellValue
    }

    /// What is known of row `number` of `table`.
    func entry(_ table: String, _ number: Int64) -> Entry? { tables[table]?[number] }

    /// The rows of `table` held, not those known to be absent.
    func rows(of table: String) -> [Int64] {
        tables[table]?.compactMap { number, entry in if case .row = entry { number } else { nil } } ?? []
    }

    /// The hint `read` found for row `number` when a prefetch of `read` stored it: nil when
    /// unknown, `.some(nil)` when the hint is NULL.
    func hint(_ read: ColumnRead, _ number: Int64) -> String?? { hints[read]?[number] }

    /// The rows `lookup` found earlier in this transaction.
    func rows(_ lookup: Lookup) -> [Int64]? { lookups[lookup] }

    mutating func store(_ lookup: Lookup, _ rows: [Int64]) {
        reserve(rows.count + 1)
        if lookups.updateValue(rows, forKey: lookup) == nil { held += rows.count + 1 }
    }

    /// Roughly what `values` take in memory.
    private static func size(of values: [CellValue]) -> Int {
        values.reduce(values.count * 16) { sum, value in
            switch value {
            case .text(let text): sum + text.utf8.count
            case .blob(let bytes): sum + bytes.count
            default: sum
            }
        }
    }

    /// Makes room for `count` more rows.
    mutating func reserve(_ count: Int) {
        if held + count > Self.capacity || bytes > Self.byteCapacity {
            tables = [:]
            hints = [:]
            lookups = [:]
            held = 0
            bytes = 0
        }
    }

    /// Stores what a read found; a row read `FOR UPDATE` stays marked so when read again without.
    mutating func store(_ table: String, _ number: Int64, _ entry: Entry) {
        if case .row(_, locked: false) = entry, case .row(_, locked: true)? = tables[table]?[number] { return }
        if case .row(let values, _) = entry { bytes += Self.size(of: values) }
        if tables[table]?.updateValue(entry, forKey: number) == nil {
            if tables[table] == nil { tables[table] = [number: entry] }
            held += 1
        }
    }

    mutating func storeHint(_ read: ColumnRead, _ number: Int64, _ hint: String?) {
        hints[read, default: [:]][number] = .some(hint)
    }

}
