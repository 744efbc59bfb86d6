/// Reads identifier columns under the data map's rules: with their country context, into
/// canonical identifiers. Locate, the index, exports and erasure all read values this way,
/// so a value means the same to each of them.
struct IdentifierReader {
    let map: DataMap
    let countries: CountryResolver
    private var reads: [String: ColumnRead] = [:]

    init(map: DataMap, defaultCountry: String) {
        self.map = map
        self.countries = CountryResolver(defaultCountry: defaultCountry)
    }

    /// How to read `column` of `table`, built once.
    ///
    /// - Throws: ``DataMapError`` when a country path cannot be followed.
    mutating func columnRead(_ table: TableMap, _ column: IdentifierColumn) throws -> ColumnRead {
        let key = table.name + "." + column.column
        if let known = reads[key] { return known }
        let read = try ColumnRead(table: table, column: column, map: map)
        reads[key] = read
        return read
    }

    /// What a stored value holds, read with its row's country hint.
    func read(_ value: CellValue, hint: String?, column: IdentifierColumn) -> StoredValue {
        StoredValue.read(value, column: column, country: countries.country(for: column.country, hint: hint))
    }

    /// The identifiers `column` of one row holds now (empty when the row is gone, the value
    /// is empty or unreadable).
    ///
    /// - Throws: ``StoreError``, ``DataMapError``.
    mutating func identifiers(
        in row: Int64, table: TableMap, column: IdentifierColumn, _ operations: any OperationsReader
    ) throws -> [SubjectIdentifier] {
        guard let stored = try operations.read(columnRead(table, column), row: row),
            case .identifiers(let values) = read(stored.value, hint: stored.hint, column: column)
        else { return [] }
        return values
    }
}

/// Stored values of one column that hold no readable identifier (reported, never quoted).
struct UnparseableValues: Sendable, Equatable {
    let table: String
    let column: String
    /// How many rows, and the first of them (row numbers).
    let count: Int
    let rows: [Int64]
    /// The first reason met, naming no value.
    let reason: String

    /// How many row keys a warning lists at most.
    static let sampleSize = 20
}

extension IdentifierKind {
    /// Whether stored values of this kind can match a subject's identifier (names cannot).
    var isMatchable: Bool { self != .name }

    /// Whether a column of this kind can hold an identifier of `kind`.
    func matches(_ kind: SubjectIdentifier.Kind) -> Bool {
        switch self {
        case .email: kind == .email
        case .phone: kind == .phone
        case .ip: kind == .ip
        case .customer: kind == .customer
        case .name: false
        }
    }
}
