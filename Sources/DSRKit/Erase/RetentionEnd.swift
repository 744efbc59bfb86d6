import Foundation

/// The day a retained value's keeping ends: `until: {days, from}` or the table's retention
/// period, counted from the row's own timestamp (a day is 86,400 s, CONTRACT.md section 7).
struct RetentionEnd {
    let map: DataMap

    /// `YYYY-MM-DD`, or nil when the map gives no period or the row no start date.
    func date(_ until: RetainUntil, table: TableMap, row: StoredRecord, _ reader: any OperationsReader) throws
        -> String?
    {
        let days: Int?
        let from: String?
        switch until {
        case .days(let count, let column):
            (days, from) = (count, column)
        case .tableRetention:
            from = table.retention.from
            if let fixed = table.retention.days {
                days = fixed
            } else if let path = table.retention.daysColumn {
                days = try value(along: path, from: row, in: table, reader).flatMap { cell -> Int? in
                    if case .integer(let number) = cell { return Int(number) }
                    return nil
                }
            } else {
                days = nil
            }
        }
        guard let days, let from, let start = row[from]?.storedText.flatMap(Timestamp.init) else { return nil }
        let end = Timestamp(seconds: start.seconds + Int64(days) * 86_400, hasTime: true)
        let parts = end.parts(in: TimeZone(secondsFromGMT: 0)!)
        return CalendarDate(year: parts.year, month: parts.month, day: parts.day)?.description
    }

    private func value(
        along path: ColumnPath, from row: StoredRecord, in table: TableMap, _ reader: any OperationsReader
    )
        throws -> CellValue?
    {
        try ReferenceWalk(map: map).end(of: path.via, from: row, in: table, reader)?.row[path.column]
    }
}
