extension IdentifierIndex {
    /// What the index must forget of `changes` (table → row number → the columns changed, none
    /// for a deleted row) when the rows hold many people's values (a retention purge, a
    /// re-erasure): each row's own entries in the changed columns, read from the rows as they
    /// are now. Call inside the write transaction, before the rows change.
    ///
    /// A person's erasure uses ``forgetting(_:subjectHashes:)`` instead, which keeps a redacted
    /// address list's co-recipients indexed; here every value of a changed cell goes, as the
    /// whole cell does.
    ///
    /// - Throws: ``StoreError`` when the operations database cannot be read.
    func forgetting(rowsOf changes: [String: [Int64: ChangedRow]], _ operations: any OperationsReader) throws
        -> IndexForgetting
    {
        var builder = IndexBuilder(map: map, hasher: hasher, defaultCountry: defaultCountry)
        var rows: [IndexForgetting.Key: [Int64]] = [:]
        var order: [IndexForgetting.Key] = []
        func add(_ key: IndexForgetting.Key, _ row: Int64) {
            if rows[key] == nil { order.append(key) }
            rows[key, default: []].append(row)
        }
        for (table, changed) in changes.sorted(by: { $0.key < $1.key }) {
            let sources = sourceIDs.filter { $0.key.table == table }.sorted { $0.value < $1.value }
            for (row, change) in changed.sorted(by: { $0.key < $1.key }) {
                for (source, id) in sources where change.columns.isEmpty || change.columns.contains(source.column) {
                    let entries = RowEntries()
                    try builder.index(source, id: id, from: row - 1, upTo: row, operations: operations, into: entries)
                    for hash in entries.hashes.sorted() { add(.init(source: source, hash: hash), row) }
                    if change.columns.isEmpty || entries.isUnreadable { add(.init(source: source, hash: nil), row) }
                }
            }
        }
        return IndexForgetting(groups: order.map { .init(source: $0.source, hash: $0.hash, rows: rows[$0] ?? []) })
    }
}
