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
        matching identifiers: Set<SubjectIdentifier>, table: TableMap, column: IdentifierColumn,
        _ operations: any OperationsReader
    ) throws -> [(row: Int64, identifier: SubjectIdentifier)] {
        var found: [(Int64, SubjectIdentifier)] = []
        try operations.scan(reader.columnRead(table, column), rows: nil) { row, value, hint in
            switch reader.read(value, hint: hint, column: column) {
            case .identifiers(let values):
                for value in values where identifiers.contains(value) { found.append((row, value)) }
            case .unparseable(let reason):
                note(table: table.name, column: column.column, row: row, reason: reason)
            case .empty:
                break
            }
        }
        return found
    }

    func rows(of table: TableMap, where column: String, equals value: CellValue, _ operations: any OperationsReader)
        throws -> [Int64]
    {
        try operations.rows(of: table.name, where: column, equals: value)
    }

    func unparseable() throws -> [UnparseableValues] {
        problems.keys.sorted().compactMap { key in problems[key] }
    }

    /// Counts each unreadable row once per column (a column is scanned once per round).
    private func note(table: String, column: String, row: Int64, reason: String) {
        let key = table + "." + column
        guard seen.insert(RowHandle(table: key, number: row)).inserted else { return }
        let entry = problems[key] ?? UnparseableValues(table: table, column: column, count: 0, rows: [], reason: reason)
        problems[key] = UnparseableValues(
            table: table, column: column, count: entry.count + 1,
            rows: entry.rows.count < UnparseableValues.sampleSize ? entry.rows + [row] : entry.rows,
            reason: entry.reason)
    }
}
