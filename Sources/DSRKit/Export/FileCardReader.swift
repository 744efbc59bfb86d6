/// One fact of a file's card, as stored: the column and the table it was read from (whose
/// display rule formats it), and its value.
struct CardValue: Sendable, Equatable {
    let table: TableMap
    let column: String
    let value: CellValue
}

/// Reads what the page's card of each file shows (the map's `card` of the file column): the
/// date, number called and duration of a recording, read from its row or along its references.
struct FileCardReader {
    let map: DataMap

    /// The card values of every file, keyed by the file's record (with its column).
    func cards(for files: [LocatedFile], _ reader: any OperationsReader) throws -> [RecordReference: [CardValue]] {
        var cards: [RecordReference: [CardValue]] = [:]
        for file in files {
            guard let table = map.table(file.table),
                let column = table.files.first(where: { $0.column == file.record.column }), !column.card.isEmpty,
                let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: file.key)
            else { continue }
            cards[file.record] = try column.card.compactMap { try value(of: $0, from: row, in: table, reader) }
        }
        return cards
    }

    /// The value at the end of `path`; nil when a hop finds no row or the value is NULL.
    private func value(of path: ColumnPath, from row: StoredRecord, in table: TableMap, _ reader: any OperationsReader)
        throws -> CardValue?
    {
        guard let end = try ReferenceWalk(map: map).end(of: path.via, from: row, in: table, reader),
            let value = end.row[path.column], value != .null
        else { return nil }
        return CardValue(table: end.table, column: path.column, value: value)
    }
}
