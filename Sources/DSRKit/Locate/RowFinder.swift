/// Finds rows for the locate engine: by identifier, or by a referencing column's value.
///
/// Two implementations answer the same questions: ``ScanFinder`` normalises every stored
/// value (slow, needs nothing), ``IndexFinder`` looks keyed hashes up in dsr's index and
/// re-reads each candidate to confirm it (fast, never stale). Tests run both and compare.
protocol RowFinder {
    /// Rows of `table` whose `column` holds any of `identifiers`, with the identifier matched.
    func rows(
        matching identifiers: Set<SubjectIdentifier>, table: TableMap, column: IdentifierColumn,
        _ operations: any OperationsReader
    ) throws -> [(row: Int64, identifier: SubjectIdentifier)]

    /// Rows of `table` whose `column` equals `value` exactly (children along a reference).
    func rows(of table: TableMap, where column: String, equals value: CellValue, _ operations: any OperationsReader)
        throws -> [Int64]

    /// Stored values of identifier columns that could not be read, per table and column.
    func unparseable() throws -> [UnparseableValues]
}
