/// A row's own date, which tells a restored record from a new one: the table's retention
/// `from` column in the data map, else the first column the map displays as a date or a
/// date and time.
struct RecordDate {
    let map: DataMap

    /// The column that dates rows of `table`; nil when the map names none.
    func column(of table: TableMap) -> String? {
        if let from = table.retention.from { return from }
        return table.display.first { column in
            switch column.format {
            case .date, .dateTime: true
            default: false
            }
        }?.column
    }

    /// The moment `row` of `table` is dated; nil when the map names no date column or the
    /// row's value is NULL or not an ISO 8601 date.
    ///
    /// - Throws: ``StoreError``.
    func date(of row: Int64, in table: TableMap, _ reader: any OperationsReader) throws -> Timestamp? {
        guard let column = column(of: table),
            let value = try reader.value(of: column, in: RowHandle(table: table.name, number: row))
        else { return nil }
        return value.storedText.flatMap(Timestamp.init)
    }
}
