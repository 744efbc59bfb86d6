/// The tables of an operations database and their columns, compared case-insensitively
/// as SQL does.
public struct OperationsSchema: Sendable, Equatable {
    /// Table names as the database spells them, in the database's order.
    public private(set) var tables: [String] = []
    private var columns: [String: [String]] = [:]

    /// An empty schema.
    public init() {}

    /// Adds a table with its columns in table order.
    public mutating func add(_ table: String, columns names: [String]) {
        tables.append(table)
        columns[table.lowercased()] = names
    }

    /// Whether the database has `table`.
    public func hasTable(_ table: String) -> Bool { columns[table.lowercased()] != nil }

    /// Whether `table` has `column`.
    public func has(_ column: String, in table: String) -> Bool {
        columns[table.lowercased()]?.contains { $0.lowercased() == column.lowercased() } ?? false
    }

    /// The columns of `table` in table order (empty when there is no such table).
    public func columns(of table: String) -> [String] { columns[table.lowercased()] ?? [] }
}
