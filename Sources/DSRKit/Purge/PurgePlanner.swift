/// What one purge run did to what one retention rule found.
public struct PurgeCount: Sendable, Equatable, Codable {
    public let table: String
    /// The column (column rules) or file column (file rules); nil for row rules.
    public let column: String?
    public let scope: RetentionScope
    /// Records purged by this run.
    public var purged: Int
    /// Records past retention that a legal hold or a restriction keeps.
    public var blocked: Int
    /// Records past retention this run did not reach (`--max-rows`), or that are blocked.
    public var left: Int
}

/// A purge plan: the erasure steps and files for what the rules found, with what the run
/// reports and the residue scan needs.
struct PlannedPurge {
    var planned = PlannedErasure()
    var counts: [PurgeCount] = []
}

/// Turns what the retention rules found into erasure steps; names no table itself.
///
/// Oldest first, at most `maxRows` records per run across all rules. Per record: kept when
/// its identifiers, or those of the rows it references (a recording's call), are under a
/// legal hold or a restriction in force (`blocked`); otherwise per the rule's action. A row
/// that a row of the rule's `while_referenced_by` tables still references is pseudonymised
/// instead of deleted; a deleted row takes the rows named by `also_purge` with it and leaves
/// other rows that referenced it with the reference set to NULL, so nothing points at
/// nothing and nothing that names a person outlives the row that ties it to them.
struct PurgePlanner {
    let map: DataMap
    let defaultCountry: String
    let limits: ProcessingLimits
    let today: CalendarDate

    /// The findings with the rules of tables that keep other rows (a call's recordings) before
    /// the rules of the rows they keep, so that rows purged in this run no longer keep anything
    /// and one run leaves nothing that a second run at the same date would find.
    static func referencingFirst(_ findings: [RetentionFinding]) -> [RetentionFinding] {
        let keepers = Set(findings.flatMap(\.source.whileReferencedBy))
        return findings.filter { keepers.contains($0.table) } + findings.filter { !keepers.contains($0.table) }
    }

    func plan(_ findings: [RetentionFinding], maxRows: Int, _ reader: any OperationsReader) throws -> PlannedPurge {
        var purge = PlannedPurge()
        var steps: [ErasureStep] = []
        var files: [ErasureFile] = []
        var deleted: [String: Set<Int64>] = [:]
        var touched: Set<String> = []
        var identifiers = IdentifierReader(map: map, defaultCountry: defaultCountry)
        var budget = max(0, maxRows)
        let links = ReferencingRows(reader)

        /// The identifiers a row holds, and those of the rows it references (one hop).
        func identifiersAround(_ row: StoredRecord, _ table: TableMap) throws -> [SubjectIdentifier] {
            var found: [SubjectIdentifier] = []
            for column in table.identifiers where column.kind.isMatchable {
                found += try identifiers.identifiers(in: row.number, table: table, column: column, reader)
            }
            for reference in table.references {
                guard let parent = map.table(reference.table), let value = row[reference.column], value != .null else {
                    continue
                }
                for number in try reader.rows(of: parent.name, where: reference.targetColumn, equals: value) {
                    for column in parent.identifiers where column.kind.isMatchable {
                        found += try identifiers.identifiers(in: number, table: parent, column: column, reader)
                    }
                }
            }
            return found
        }

        func change(_ table: TableMap, _ row: StoredRecord, _ column: String?, _ action: ErasureStepAction) throws {
            guard let key = row[table.primaryKey].flatMap({ RecordKey($0) }) else { return }
            if action == .deleteRow {
                guard deleted[table.name, default: []].insert(row.number).inserted else { return }
                steps.append(ErasureStep(table: table.name, key: key, action: .deleteRow))
                purge.planned.changedRows[table.name, default: [:]][row.number] = ChangedRow(
                    columns: [], values: Dictionary(zip(row.columns, row.values)) { first, _ in first })
                for column in table.identifiers where column.kind.isMatchable {
                    try note(table, row, column.column)
                }
                for file in table.files {
                    guard let path = row[file.column]?.storedText, !path.isEmpty else { continue }
                    files.append(
                        ErasureFile(
                            table: table.name, key: key, column: file.column, path: path, action: .delete,
                            format: file.format))
                }
                return
            }
            guard let column, deleted[table.name]?.contains(row.number) != true,
                touched.insert("\(table.name)\u{1F}\(row.number)\u{1F}\(column)").inserted
            else { return }
            steps.append(ErasureStep(table: table.name, key: key, column: column, action: action))
            purge.planned.changedRows[table.name, default: [:]][
                row.number, default: ChangedRow(columns: [], values: [:])
            ].columns.insert(column)
            try note(table, row, column)
        }

        /// What the residue scan looks for: the stored text of a purged cell that holds an
        /// identifier (not `anonymous` or other words a withheld caller is written as, which
        /// live rows hold too).
        func note(_ table: TableMap, _ row: StoredRecord, _ column: String) throws {
            guard let identifier = table.identifiers.first(where: { $0.column == column }), identifier.kind.isMatchable,
                try !identifiers.identifiers(in: row.number, table: table, column: identifier, reader).isEmpty,
                let text = row[column]?.storedText
            else { return }
            purge.planned.erasedTexts.insert(text)
        }

        /// Rows of other tables that reference `row` of `table` through a map reference.
        func referencing(_ row: StoredRecord, _ table: TableMap, from tables: Set<String>?) throws
            -> [(TableMap, Reference, StoredRecord)]
        {
            var found: [(TableMap, Reference, StoredRecord)] = []
            for child in map.tables where tables?.contains(child.name) ?? true {
                for reference in child.references where reference.table == table.name {
                    guard let value = row[reference.targetColumn], value != .null else { continue }
                    for number in try links.rows(of: child.name, where: reference.column, equals: value) {
                        guard
                            let key = try reader.value(
                                of: child.primaryKey, in: RowHandle(table: child.name, number: number)
                            )
                            .flatMap({ RecordKey($0) }),
                            let record = try reader.record(in: child.name, primaryKey: child.primaryKey, key: key)
                        else { continue }
                        found.append((child, reference, record))
                    }
                }
            }
            return found
        }

        for finding in Self.referencingFirst(findings) where finding.count > 0 || !finding.waiting.isEmpty {
            let rule = finding.source
            guard let table = map.table(rule.table) else { continue }
            var count = PurgeCount(
                table: table.name, column: rule.column, scope: rule.scope, purged: 0, blocked: 0, left: finding.count)
            try reader.prefetch(table.name, rows: finding.rows.prefix(budget).map(\.number), locking: true)
            try reader.prefetch(
                table.name, primaryKey: table.primaryKey, keys: finding.waiting.prefix(budget).map(\.key))
            for past in finding.rows {
                guard budget > 0 else { break }
                // Already deleted with another rule's row in this plan (a voicemail's notification
                // e-mail): gone, not purged by this rule, and no longer left.
                if deleted[table.name]?.contains(past.number) == true {
                    count.left -= 1
                    continue
                }
                guard
                    let key = try reader.value(
                        of: table.primaryKey, in: RowHandle(table: table.name, number: past.number)
                    )
                    .flatMap({ RecordKey($0) }),
                    let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: key)
                else { continue }
                if limits.keeping(identifiers: try identifiersAround(row, table), on: today) != nil {
                    count.blocked += 1
                    continue
                }
                budget -= 1
                count.purged += 1
                count.left -= 1
                switch rule.action {
                case .deleteRow:
                    let needed = try referencing(row, table, from: Set(rule.whileReferencedBy)).filter {
                        deleted[$0.0.name]?.contains($0.2.number) != true
                    }
                    if !needed.isEmpty, rule.actionWhileReferenced == .pseudonymise {
                        for column in rule.identifierColumns where (row[column] ?? .null) != .null {
                            try change(table, row, column, .pseudonymise)
                        }
                        continue
                    }
                    try change(table, row, nil, .deleteRow)
                    for column in rule.alsoPurge {
                        guard let reference = table.references.first(where: { $0.column == column }),
                            let parent = map.table(reference.table), let value = row[column], value != .null
                        else { continue }
                        for number in try reader.rows(of: parent.name, where: reference.targetColumn, equals: value) {
                            guard
                                let parentKey = try reader.value(
                                    of: parent.primaryKey, in: RowHandle(table: parent.name, number: number)
                                ).flatMap({ RecordKey($0) }),
                                let parentRow = try reader.record(
                                    in: parent.name, primaryKey: parent.primaryKey, key: parentKey)
                            else { continue }
                            try change(parent, parentRow, nil, .deleteRow)
                        }
                    }
                case .pseudonymise:
                    for column in (rule.column.map { [$0] } ?? rule.identifierColumns)
                    where (row[column] ?? .null) != .null {
                        try change(table, row, column, .pseudonymise)
                    }
                case .setNull:
                    if let column = rule.column { try change(table, row, column, .setNull) }
                case .deleteFile:
                    guard let column = rule.column, let path = row[column]?.storedText, !path.isEmpty,
                        let file = table.files.first(where: { $0.column == column })
                    else { continue }
                    files.append(
                        ErasureFile(
                            table: table.name, key: key, column: column, path: path, action: .delete,
                            format: file.format))
                    try change(table, row, column, .setNull)
                }
            }
            // Rows that stayed only for rows this run deletes go now too.
            if rule.action == .deleteRow, !rule.whileReferencedBy.isEmpty {
                for past in finding.waiting {
                    guard budget > 0,
                        let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: past.key),
                        try referencing(row, table, from: Set(rule.whileReferencedBy)).allSatisfy({
                            deleted[$0.0.name]?.contains($0.2.number) == true
                        }),
                        limits.keeping(identifiers: try identifiersAround(row, table), on: today) == nil
                    else { continue }
                    budget -= 1
                    count.purged += 1
                    try change(table, row, nil, .deleteRow)
                }
            }
            purge.counts.append(count)
        }
        // Rows that referenced a deleted row, and are not deleted themselves, lose the reference.
        for (tableName, numbers) in deleted {
            guard let table = map.table(tableName) else { continue }
            try reader.prefetch(table.name, rows: Array(numbers), locking: true)
            for number in numbers {
                guard
                    let key = try reader.value(of: table.primaryKey, in: RowHandle(table: table.name, number: number))
                        .flatMap({ RecordKey($0) }),
                    let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: key)
                else { continue }
                for (child, reference, childRow) in try referencing(row, table, from: nil)
                where deleted[child.name]?.contains(childRow.number) != true {
                    try change(child, childRow, reference.column, .setNull)
                }
            }
        }
        let order = ErasureOrder(map: map)
        steps = order.sorted(steps)
        try order.checkNoOrphans(steps, deleted: deleted, reader, rows: links.rows)
        purge.planned.plan = ErasurePlan(steps: steps, files: files, processorHeld: [], notify: [], related: [])
        return purge
    }
}

/// The rows of a table whose column holds a value, for the many lookups of one purge: a small
/// table's column is read once into memory (a column without an index would otherwise be read
/// once per purged row); a large one is asked row by row.
final class ReferencingRows {
    /// Tables up to this many rows are read into memory.
    static let cachedRows: Int64 = 1_000_000
    private let reader: any OperationsReader
    private var columns: [String: [CellValue: [Int64]]] = [:]

    init(_ reader: any OperationsReader) { self.reader = reader }

    /// Row numbers of `table` whose `column` equals `value`.
    ///
    /// - Throws: ``StoreError``.
    func rows(of table: String, where column: String, equals value: CellValue) throws -> [Int64] {
        let name = table.lowercased() + "\u{1F}" + column.lowercased()
        if let known = columns[name] { return known[value] ?? [] }
        guard try reader.highestRow(in: table) <= Self.cachedRows else {
            return try reader.rows(of: table, where: column, equals: value)
        }
        var values: [CellValue: [Int64]] = [:]
        try reader.scan(table, columns: [column], rows: nil) { number, cells in
            if cells[0] != .null { values[cells[0], default: []].append(number) }
        }
        columns[name] = values
        return values[value] ?? []
    }
}
