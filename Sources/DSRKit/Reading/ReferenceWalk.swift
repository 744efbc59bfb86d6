/// Follows a `via` path of the data map row by row: each hop reads the row its reference
/// column points at (a recording's call, that call's service number).
struct ReferenceWalk {
    let map: DataMap

    /// The row and table at the end of `via`, starting from `row` of `table`; nil when a hop
    /// is not a reference, its value is NULL, or the row it names does not exist.
    func end(of via: [String], from row: StoredRecord, in table: TableMap, _ reader: any OperationsReader) throws
        -> (row: StoredRecord, table: TableMap)?
    {
        var current = (row: row, table: table)
        for hop in via {
            guard let reference = current.table.references.first(where: { $0.column == hop }),
                let next = map.table(reference.table), let key = current.row[hop].flatMap({ RecordKey($0) }),
                let found = try reader.record(in: next.name, primaryKey: reference.targetColumn, key: key)
            else { return nil }
            current = (found, next)
        }
        return current
    }
}
