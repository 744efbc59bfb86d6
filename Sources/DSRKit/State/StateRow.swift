import GRDB

/// One row of the state database, read column by column: a value that does not parse is a
/// ``StateError/corruptRow(table:row:column:)`` naming this row, never a default.
struct StateRow {
    /// The row as SQLite returned it.
    let row: Row
    /// The table it comes from.
    let table: String
    /// The row's name in errors: its request id (never a personal value).
    let name: String

    /// The value of `column` parsed by `parse`; a NULL or a value `parse` refuses is corrupt.
    func required<T>(_ column: String, _ parse: (String) -> T?) throws -> T {
        guard let value = try optional(column, parse) else { throw corrupt(column) }
        return value
    }

    /// The value of `column` parsed by `parse`, nil for NULL; a value `parse` refuses is corrupt.
    func optional<T>(_ column: String, _ parse: (String) -> T?) throws -> T? {
        let stored: DatabaseValue = row[column]
        if stored.isNull { return nil }
        guard let text = String.fromDatabaseValue(stored), let value = parse(text) else { throw corrupt(column) }
        return value
    }

    /// The error for `column` of this row.
    func corrupt(_ column: String) -> StateError {
        .corruptRow(table: table, row: name, column: column)
    }
}
