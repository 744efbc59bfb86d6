/// Finds rows through the identifier index, re-reading every candidate to confirm it.
final class IndexFinder: RowFinder {
    private let index: IdentifierIndex
    private var reader: IdentifierReader
    /// Keyed hashes computed so far: an identifier is looked up in every column of its kind.
    private var hashes: [String: Int64] = [:]

    init(index: IdentifierIndex, map: DataMap, defaultCountry: String) {
        self.index = index
        self.reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
    }

    func rows(
        matching identifiers: Set<SubjectIdentifier>, table: TableMap, column: IdentifierColumn,
        _ operations: any OperationsReader
    ) throws -> [(row: Int64, identifier: SubjectIdentifier)] {
        let source = IndexSource(table: table.name, column: column.column, purpose: .identifier)
        let candidates = try identifiers.sorted(by: { $0.canonical < $1.canonical }).map { identifier in
            (identifier, try index.candidates(source, hash: hash(identifier.canonical)))
        }
        try operations.prefetch(reader.columnRead(table, column), rows: candidates.flatMap(\.1))
        var found: [(Int64, SubjectIdentifier)] = []
        for (identifier, rows) in candidates {
            for row in rows {
                // Confirm against the row as it is now: a changed or deleted row is not a match.
                let current = try reader.identifiers(in: row, table: table, column: column, operations)
                if current.contains(identifier) { found.append((row, identifier)) }
            }
        }
        return found
    }

    func rows(of table: TableMap, where column: String, equals value: CellValue, _ operations: any OperationsReader)
        throws -> [Int64]
    {
        let source = IndexSource(table: table.name, column: column, purpose: .reference)
        guard let text = IndexSource.referenceText(value), index.covers(source) else {
            // Not a reference the map follows to children: the store's own search.
            return try operations.rows(of: table.name, where: column, equals: value)
        }
        let candidates = try index.candidates(source, hash: hash(text))
        try operations.prefetch(table.name, rows: candidates)
        return try candidates.filter { row in
            guard let stored = try operations.value(of: column, in: RowHandle(table: table.name, number: row)) else {
                return false
            }
            return IndexSource.referenceEquals(stored, value)
        }
    }

    func unparseable() throws -> [UnparseableValues] { try index.unparseable() }

    private func hash(_ text: String) -> Int64 {
        if let known = hashes[text] { return known }
        let hash = index.hasher.index64(text)
        hashes[text] = hash
        return hash
    }
}
