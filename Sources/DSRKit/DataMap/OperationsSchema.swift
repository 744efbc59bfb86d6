/// The tables of an operations database and their columns, compared case-insensitively
/// as SQL does.
public struct OperationsSchema: Sendable, Equatable {
    /// Table names as the database spells them, in the database's order.
    public private(set) var tables: [String] = []
    private var columns: [String: [String]] = [:]
    private var types: [String: [String: String]] = [:]
    private var refusals: [String: [String: String]] = [:]

    /// An empty schema.
    public init() {}

    /// Adds a table with its columns in table order and, when known, their declared types
    /// (`TEXT`, `INTEGER`; empty for none), one per column.
    public mutating func add(_ table: String, columns names: [String], types declared: [String] = []) {
        tables.append(table)
        columns[table.lowercased()] = names
        for (name, type) in zip(names, declared) { types[table.lowercased(), default: [:]][name.lowercased()] = type }
    }

    /// Marks `column` of `table` (nil: the table itself) as one dsr cannot use on this
    /// database, with the reason a map that uses it is refused for.
    public mutating func refuse(_ column: String?, in table: String, because reason: String) {
        refusals[table.lowercased(), default: [:]][column?.lowercased() ?? ""] = reason
    }

    /// Why dsr cannot use `column` of `table` (nil: the table itself), or nil when it can.
    public func refusal(of column: String?, in table: String) -> String? {
        refusals[table.lowercased()]?[column?.lowercased() ?? ""]
    }

    /// The declared type of `column` in `table` as the database spells it; nil when unknown.
    public func declaredType(of column: String, in table: String) -> String? {
        types[table.lowercased()]?[column.lowercased()]
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
