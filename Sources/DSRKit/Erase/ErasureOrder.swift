/// The order of an erasure's steps: children before parents along the map's references,
/// so a row that points at a deleted row has been deleted or unlinked first.
struct ErasureOrder {
    let map: DataMap

    /// Tables from the most dependent to the least: a table comes before every table it
    /// references (map order breaks ties and cycles).
    var tables: [String] {
        var parentsFirst: [String] = []
        var visiting: Set<String> = []
        func visit(_ table: TableMap) {
            guard visiting.insert(table.name).inserted else { return }
            for reference in table.references where reference.table != table.name {
                if let parent = map.table(reference.table) { visit(parent) }
            }
            parentsFirst.append(table.name)
        }
        for table in map.tables { visit(table) }
        return parentsFirst.reversed()
    }

    /// `steps` in table order, each table's column steps before its row deletions, then by key.
    func sorted(_ steps: [ErasureStep]) -> [ErasureStep] {
        let rank = Dictionary(uniqueKeysWithValues: tables.enumerated().map { ($1, $0) })
        return steps.enumerated().sorted { left, right in
            let (a, b) = (left.element, right.element)
            let rankA = rank[a.table] ?? Int.max
            let rankB = rank[b.table] ?? Int.max
            if rankA != rankB { return rankA < rankB }
            if (a.action == .deleteRow) != (b.action == .deleteRow) { return b.action == .deleteRow }
            if a.key != b.key { return a.key < b.key }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// Refuses a plan that would leave a row pointing at a deleted row: every row that
    /// references a deleted row, through the map's references or a foreign key the database
    /// declares (a table the map does not describe included, whose rows would otherwise be
    /// orphaned or cascaded), must be deleted too, or its reference column set to NULL.
    ///
    /// - Throws: ``ErasureError/wouldOrphan(table:column:parent:count:)``.
    ///
    /// - Parameter rows: how to find the rows of a table whose column holds a value (a purge
    ///   passes a cached lookup; by default the reader is asked).
    func checkNoOrphans(
        _ steps: [ErasureStep], deleted: [String: Set<Int64>], _ reader: any OperationsReader,
        rows: ((String, String, CellValue) throws -> [Int64])? = nil
    ) throws {
        let referencing = rows ?? { try reader.rows(of: $0, where: $1, equals: $2) }
        guard !deleted.isEmpty else { return }
        var unlinked: Set<String> = []
        for step in steps where step.action == .setNull {
            if let column = step.column { unlinked.insert("\(step.table)\u{1F}\(step.key)\u{1F}\(column)") }
        }
        var links: [(child: String, column: String, parent: String, target: String?)] = []
        for child in map.tables {
            for reference in child.references {
                links.append((child.name, reference.column, reference.table, reference.targetColumn))
            }
        }
        for key in try reader.foreignKeys()
        where !links.contains(where: {
            $0.child.lowercased() == key.table.lowercased() && $0.column.lowercased() == key.column.lowercased()
        }) {
            links.append((key.table, key.column, key.parent, key.parentColumn))
        }
        for link in links {
            guard let parent = map.table(link.parent), let rows = deleted[parent.name] else { continue }
            let child = map.table(link.child)
            let target = link.target ?? parent.primaryKey
            var orphans = 0
            for number in rows {
                guard let value = try reader.value(of: target, in: RowHandle(table: parent.name, number: number)),
                    value != .null
                else { continue }
                for childRow in try referencing(link.child, link.column, value) {
                    if deleted[link.child]?.contains(childRow) == true { continue }
                    if let child,
                        let key = try reader.value(
                            of: child.primaryKey, in: RowHandle(table: child.name, number: childRow)
                        )
                        .flatMap({ RecordKey($0) }),
                        unlinked.contains("\(child.name)\u{1F}\(key)\u{1F}\(link.column)")
                    {
                        continue
                    }
                    orphans += 1
                }
            }
            if orphans > 0 {
                throw ErasureError.wouldOrphan(
                    table: link.child, column: link.column, parent: parent.name, count: orphans)
            }
        }
    }
}
