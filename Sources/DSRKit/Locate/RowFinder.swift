import GRDB

/// A row of the operations database, by table and rowid (the engine's internal handle).
struct RowHandle: Hashable, Sendable {
    let table: String
    let rowid: Int64
}

/// Finds rows for the locate engine: by identifier, or by a referencing column's value.
///
/// Two implementations answer the same questions: ``ScanFinder`` normalises every stored
/// value (slow, needs nothing), ``IndexFinder`` looks keyed hashes up in dsr's index and
/// re-reads each candidate to confirm it (fast, never stale). Tests run both and compare.
protocol RowFinder {
    /// Rows of `table` whose `column` holds any of `identifiers`, with the identifier matched.
    func rows(
        matching identifiers: Set<SubjectIdentifier>, table: TableMap, column: IdentifierColumn, _ db: Database
    ) throws -> [(rowid: Int64, identifier: SubjectIdentifier)]

    /// Rows of `table` whose `column` equals `value` exactly (children along a reference).
    func rows(of table: TableMap, where column: String, equals value: DatabaseValue, _ db: Database) throws -> [Int64]

    /// Stored values of identifier columns that could not be read, per table and column.
    func unparseable(_ db: Database) throws -> [UnparseableValues]
}

/// Stored values of one column that hold no readable identifier (reported, never quoted).
struct UnparseableValues: Sendable, Equatable {
    let table: String
    let column: String
    /// How many rows, and the first of them (rowids).
    let count: Int
    let rowids: [Int64]
    /// The first reason met, naming no value.
    let reason: String

    /// How many row keys a warning lists at most.
    static let sampleSize = 20
}

/// Reads identifier columns with their country context and turns values into identifiers.
struct IdentifierReader {
    let map: DataMap
    let countries: CountryResolver
    private var queries: [String: ColumnQuery] = [:]

    init(map: DataMap, defaultCountry: String) {
        self.map = map
        self.countries = CountryResolver(defaultCountry: defaultCountry)
    }

    /// The query of a column, built once.
    mutating func query(_ table: TableMap, _ column: IdentifierColumn) throws -> ColumnQuery {
        let key = table.name + "." + column.column
        if let query = queries[key] { return query }
        let query = try ColumnQuery(table: table, column: column, map: map)
        queries[key] = query
        return query
    }

    /// What a fetched `(rowid, value, hint)` row holds.
    func read(_ row: Row, column: IdentifierColumn) -> StoredValue {
        let hint: String? = row[2]
        return StoredValue.read(
            row[1] as DatabaseValue, column: column, country: countries.country(for: column.country, hint: hint))
    }
}
