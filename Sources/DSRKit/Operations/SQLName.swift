/// Quotes table and column names from the data map for SQL.
///
/// Names come from a data map the checker has matched against the database, never from
/// user input, and are still quoted so that an odd name cannot change a statement.
enum SQLName {
    /// `"name"` with embedded quotes doubled.
    static func quote(_ name: String) -> String {
        // Foundation's replacingOccurrences is slow on Linux; names rarely hold a quote.
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `text` as a SQL string literal (single quotes doubled), for the few statements that
    /// take no parameters (`COMMENT ON`); only for dsr's own constants, never for data.
    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
