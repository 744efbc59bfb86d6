/// Quotes table and column names from the data map for SQL.
///
/// Names come from a data map the checker has matched against the database, never from
/// user input, and are still quoted so that an odd name cannot change a statement.
enum SQLName {
    /// `"name"` with embedded quotes doubled.
    static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
