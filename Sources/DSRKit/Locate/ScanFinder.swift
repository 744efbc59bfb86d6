import GRDB

/// Finds rows by normalising every stored value of a column: the reference behaviour that
/// the index must reproduce, and the fallback when no index is wanted (`--scan`).
final class ScanFinder: RowFinder {
    private var reader: IdentifierReader
    private var problems: [String: UnparseableValues] = [:]
    private var seen: Set<RowHandle> = []

    init(map: DataMap, defaultCountry: String) {
        reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
    }

    func rows(
        matching identifiers: Set<SubjectIdentifier>, table: TableMap, column: IdentifierColumn, _ db: Database
    ) throws -> [(rowid: Int64, identifier: SubjectIdentifier)] {
        let query = try reader.query(table, column)
        var found: [(Int64, SubjectIdentifier)] = []
        let cursor = try Row.fetchCursor(db, sql: query.select)
        while let row = try cursor.next() {
            let rowid: Int64 = row[0]
            switch reader.read(row, column: column) {
            case .identifiers(let values):
                for value in values where identifiers.contains(value) { found.append((rowid, value)) }
            case .unparseable(let reason):
                note(table: table.name, column: column.column, rowid: rowid, reason: reason)
            case .empty:
                break
            }
        }
        return found
    }

    func rows(of table: TableMap, where column: String, equals value: DatabaseValue, _ db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db, sql: "SELECT rowid FROM \(SQLName.quote(table.name)) WHERE \(SQLName.quote(column)) = ?",
            arguments: [value])
    }

    func unparseable(_ db: Database) throws -> [UnparseableValues] {
        problems.keys.sorted().compactMap { key in problems[key] }
    }

    /// Counts each unreadable row once per column (a column is scanned once per round).
    private func note(table: String, column: String, rowid: Int64, reason: String) {
        let key = table + "." + column
        var entry =
            problems[key] ?? UnparseableValues(table: table, column: column, count: 0, rowids: [], reason: reason)
        guard !seen.contains(RowHandle(table: key, rowid: rowid)) else { return }
        seen.insert(RowHandle(table: key, rowid: rowid))
        entry = UnparseableValues(
            table: table, column: column, count: entry.count + 1,
            rowids: entry.rowids.count < UnparseableValues.sampleSize ? entry.rowids + [rowid] : entry.rowids,
            reason: entry.reason)
        problems[key] = entry
    }
}
