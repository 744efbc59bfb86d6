import GRDB

/// Finds rows through the identifier index, re-reading every candidate to confirm it.
final class IndexFinder: RowFinder {
    private let index: IdentifierIndex
    private var reader: IdentifierReader

    init(index: IdentifierIndex, map: DataMap, defaultCountry: String) {
        self.index = index
        self.reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
    }

    func rows(
        matching identifiers: Set<SubjectIdentifier>, table: TableMap, column: IdentifierColumn, _ db: Database
    ) throws -> [(rowid: Int64, identifier: SubjectIdentifier)] {
        let source = IndexSource(table: table.name, column: column.column, purpose: .identifier)
        let query = try reader.query(table, column)
        var found: [(Int64, SubjectIdentifier)] = []
        for identifier in identifiers.sorted(by: { $0.canonical < $1.canonical }) {
            for rowid in try index.candidates(source, hash: index.hasher.index64(identifier.canonical)) {
                // Confirm against the row as it is now: a changed or deleted row is not a match.
                guard let row = try Row.fetchOne(db.cachedStatement(sql: query.byRowID), arguments: [rowid]),
                    case .identifiers(let values) = reader.read(row, column: column), values.contains(identifier)
                else { continue }
                found.append((rowid, identifier))
            }
        }
        return found
    }

    func rows(of table: TableMap, where column: String, equals value: DatabaseValue, _ db: Database) throws -> [Int64] {
        let sql = "SELECT \(SQLName.quote(column)) FROM \(SQLName.quote(table.name)) WHERE rowid = ?"
        guard let text = IndexSource.referenceText(value) else { return [] }
        let source = IndexSource(table: table.name, column: column, purpose: .reference)
        guard index.sourceIDs[source] != nil else {
            // Not a reference the map follows to children: fall back to SQLite's own search.
            return try Int64.fetchAll(
                db, sql: "SELECT rowid FROM \(SQLName.quote(table.name)) WHERE \(SQLName.quote(column)) = ?",
                arguments: [value])
        }
        return try index.candidates(source, hash: index.hasher.index64(text)).filter { rowid in
            try DatabaseValue.fetchOne(db.cachedStatement(sql: sql), arguments: [rowid]) == value
        }
    }

    func unparseable(_ db: Database) throws -> [UnparseableValues] { try index.unparseable() }
}
