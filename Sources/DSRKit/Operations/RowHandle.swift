/// A row of the operations database as the engine addresses it while it works: the table
/// and the store's row number (SQLite's row id), which stays the same while the row exists.
///
/// Row numbers are the engine's internal handles: everything it reports names rows by
/// their primary key (``RecordReference``).
struct RowHandle: Hashable, Sendable {
    let table: String
    let number: Int64
}

/// How long a store's row numbers of a table stay the same.
enum RowNumberLifetime: Sendable, Equatable {
    /// As long as the row exists (SQLite's rowid, a PostgreSQL table's integer primary key):
    /// rows added later get higher numbers than the index's watermark, or the mark shows reuse.
    case whileTheRowExists
    /// Within one transaction only (a PostgreSQL table keyed by text, numbered in key order):
    /// the index reads such a table again whenever the database changed.
    case oneTransaction
}

/// A half-open range of row numbers, `after < number <= upTo` (an incremental index pass).
struct RowRange: Sendable, Equatable {
    let after: Int64
    let upTo: Int64
}

/// A whole row read by its key: its row number and every column in table order.
struct StoredRecord: Sendable, Equatable {
    let number: Int64
    let columns: [String]
    let values: [CellValue]

    /// The value of `column`, nil when the table has no such column.
    subscript(column: String) -> CellValue? {
        columns.firstIndex(of: column).map { values[$0] }
    }
}
