/// From restored rows to the rows they own along the data map's references, as locate follows
/// them for the subject's own records: children whose link is `owned` (a call's recordings and
/// voicemails) and parents whose link is `owned` (a voicemail's notification e-mail). Related
/// links are not followed: what they reach is another party's record, which an erasure
/// leaves alone. No identity is learnt on the way (the suppression list says whom to look for).
struct OwnedRecordWalk {
    /// A row reached, and the step that reached it.
    struct Reached {
        let handle: RowHandle
        let from: RowHandle
        let column: String
        let link: ReferenceLink
    }

    let map: DataMap
    let finder: any RowFinder

    /// Every row reached from `starts` (not the starts themselves), in the order found.
    ///
    /// - Throws: ``StoreError``.
    func reached(from starts: [RowHandle], _ operations: any OperationsReader) throws -> [Reached] {
        var seen = Set(starts)
        var pending = starts
        var reached: [Reached] = []
        func arrive(_ handle: RowHandle, from: RowHandle, column: String, link: ReferenceLink) {
            guard seen.insert(handle).inserted else { return }
            reached.append(Reached(handle: handle, from: from, column: column, link: link))
            pending.append(handle)
        }
        while let handle = pending.popLast() {
            guard let table = map.table(handle.table) else { continue }
            for reference in table.references where reference.parent == .owned {
                guard let target = map.table(reference.table),
                    let value = try operations.value(of: reference.column, in: handle), !value.isNull
                else { continue }
                for row in try operations.rows(of: target.name, where: reference.targetColumn, equals: value) {
                    arrive(
                        RowHandle(table: target.name, number: row), from: handle, column: reference.column,
                        link: .parent)
                }
            }
            for child in map.tables {
                for reference in child.references where reference.table == table.name && reference.children == .owned {
                    guard let value = try operations.value(of: reference.targetColumn, in: handle), !value.isNull
                    else { continue }
                    for row in try finder.rows(of: child, where: reference.column, equals: value, operations) {
                        arrive(
                            RowHandle(table: child.name, number: row), from: handle, column: reference.column,
                            link: .child)
                    }
                }
            }
        }
        return reached
    }
}
