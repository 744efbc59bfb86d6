import Foundation

/// A plan with what the residue scan needs: the stored text of every value the plan erases,
/// and of every value it keeps on purpose (retained cells, related context).
struct PlannedErasure {
    var plan = ErasurePlan(steps: [], files: [], processorHeld: [], notify: [], related: [])
    /// How erased cells wrote the subject (stored texts of matching identifier cells, the
    /// subject's addresses as written in address lists): what must be gone afterwards.
    var erasedTexts: Set<String> = []
    /// Stored texts of cells that stay on purpose (retained, or related context that names
    /// the subject): their occurrences are counted apart, not as residue.
    var keptTexts: [String] = []
    /// Per table and row number, the columns the plan changes; empty for a row it deletes
    /// (the index forgets exactly these entries).
    var changedRows: [String: [Int64: ChangedRow]] = [:]
    /// Restrictions in force on the person that `--override-restriction` set aside (ids).
    var overriddenRestrictions: [String] = []
    /// The holds and restrictions that hold records of the plan (ids, sorted).
    var heldBy: [String] = []
    /// Identifiers the plan erases from some rows but not from others (a purge of a caller's
    /// old calls): their remaining cells count as kept, not as residue.
    var stillLive: Set<SubjectIdentifier> = []
}

/// Builds an erasure plan from what locate found and the data map; names no table itself.
///
/// Per own record (related context is left alone and counted):
/// - held as processor and no `--include-processor-data`: listed with the controller to ask;
/// - a row of a person table, a row reached through a reference whose map says `delete-row`
///   for one of its columns (even when that column is NULL: a voicemail whose audio was
///   e-mailed away is still the caller's), or a row whose matching identifier column says
///   `delete-row`: the row is deleted (and its files);
/// - otherwise each personal column gets its rule: identifier columns only where they hold
///   the subject (another party's address stays), `redact` only where the text names the
///   subject; `retain` is listed with its basis and end date; a message file of a redacted
///   row has the subject's mailboxes removed from its headers;
/// - held by a legal hold or a restriction in force (``ErasurePlanner/heldRecords(_:_:_:)``):
///   one `held` step and nothing else, its files left alone.
struct ErasurePlanner {
    let map: DataMap
    let defaultCountry: String
    let subject: Set<SubjectIdentifier>
    let includeProcessorData: Bool
    /// The holds and restrictions not lifted or released, asked for the limits' today.
    let limits: ProcessingLimits
    /// `--override-restriction`: a restriction on the person does not hold their records
    /// (audited); holds still do.
    var overrideRestriction = false

    func plan(_ result: LocateResult, _ reader: any OperationsReader) throws -> PlannedErasure {
        var planned = PlannedErasure()
        var steps: [ErasureStep] = []
        var files: [ErasureFile] = []
        var processorHeld: [ProcessorHeldRecord] = []
        var identifiers = IdentifierReader(map: map, defaultCountry: defaultCountry)
        var related: [String: Int] = [:]
        var deletedRows: [String: Set<Int64>] = [:]
        let processorTables = Set(map.tables.filter { $0.role == .processor }.map(\.name))
        let reachedFromProcessor = result.rows(reachedFrom: processorTables)
        var own: [OwnRecord] = []
        try reader.prefetch(result.records.map(\.record), map: map)
        for record in result.records {
            guard let table = map.table(record.table),
                let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: record.key)
            else { continue }
            if record.relation == .related {
                related[table.name, default: 0] += 1
                try keepMatchingCells(row, table, &identifiers, reader, into: &planned)
                continue
            }
            if processorTables.contains(table.name) || reachedFromProcessor.contains(record.record.row),
                !includeProcessorData
            {
                processorHeld.append(
                    ProcessorHeldRecord(
                        table: table.name, key: record.key, controller: try controller(of: row, in: table, reader)))
                try keepMatchingCells(row, table, &identifiers, reader, into: &planned)
                continue
            }
            let matching = try matchingColumns(row, table, &identifiers, reader)
            let byReference = if case .reference = record.step { true } else { false }
            let deletes =
                table.holds == .person
                || table.columns.contains { column in
                    column.erasure == .deleteRow && (byReference || matching.contains(column.column))
                }
            own.append(OwnRecord(record: record, table: table, row: row, matching: matching, deletes: deletes))
        }
        let held = try heldRecords(own, &identifiers, reader)
        planned.overriddenRestrictions = held.overridden
        planned.heldBy = Set(held.limits.values.map(\.id)).sorted()
        for entry in own {
            let (record, table, row, matching) = (entry.record, entry.table, entry.row, entry.matching)
            if let limit = held.limits[record.record.row] {
                steps.append(
                    ErasureStep(
                        table: table.name, key: record.key, action: .held, basis: limit.basis,
                        until: limit.until?.description))
                for column in matching { planned.keptTexts += forms(in: row, column, table) }
                continue
            }
            if entry.deletes {
                steps.append(ErasureStep(table: table.name, key: record.key, action: .deleteRow))
                deletedRows[table.name, default: []].insert(row.number)
                planned.changedRows[table.name, default: [:]][row.number] = ChangedRow(
                    columns: [], values: Dictionary(zip(row.columns, row.values)) { first, _ in first })
                for column in matching { planned.erasedTexts.formUnion(forms(in: row, column, table)) }
                files += self.files(of: row, table, record.key, .delete)
                continue
            }
            var redacted = false
            for column in table.columns {
                guard let value = row[column.column], value != .null else { continue }
                let isIdentifier = table.identifiers.contains { $0.column == column.column }
                if isIdentifier, !matching.contains(column.column) { continue }
                let step = ErasureStep(table: table.name, key: record.key, column: column.column, action: .retain)
                switch column.erasure {
                case .deleteRow:
                    continue
                case .setNull:
                    steps.append(with(step, .setNull))
                case .pseudonymise:
                    steps.append(with(step, .pseudonymise))
                case .redact:
                    guard let text = value.storedText, Redaction.mentions(text, subject) else { continue }
                    steps.append(with(step, .redact))
                    redacted = true
                case .retain(let basis, let until):
                    var kept = step
                    kept.basis = basis
                    kept.until = try RetentionEnd(map: map).date(until, table: table, row: row, reader)
                    steps.append(kept)
                    if isIdentifier { planned.keptTexts += forms(in: row, column.column, table) }
                    continue
                }
                if isIdentifier { planned.erasedTexts.formUnion(forms(in: row, column.column, table)) }
                planned.changedRows[table.name, default: [:]][
                    row.number,
                    default: ChangedRow(
                        columns: [], values: Dictionary(zip(row.columns, row.values)) { first, _ in first })
                ].columns.insert(column.column)
            }
            if redacted {
                files += self.files(of: row, table, record.key, .redact).filter { $0.format == .email }
            }
        }
        steps = ErasureOrder(map: map).sorted(steps)
        try checkValuesFit(steps, reader)
        try ErasureOrder(map: map).checkNoOrphans(steps, deleted: deletedRows, reader)
        let changed = Set(steps.filter(\.changes).map(\.table))
        var notify: [String] = []
        for table in map.tables where changed.contains(table.name) {
            for recipient in table.recipients where !notify.contains(recipient) { notify.append(recipient) }
        }
        planned.plan = ErasurePlan(
            steps: steps, files: files, processorHeld: processorHeld, notify: notify,
            related: map.tables.compactMap { table in
                related[table.name].map { RelatedContext(table: table.name, count: $0) }
            })
        return planned
    }

    /// Refuses a plan whose new values their columns would refuse: NULL in a NOT NULL column,
    /// one pseudonym in several rows of a UNIQUE column, text in a STRICT numeric column.
    ///
    /// - Throws: ``ErasureError/valuesDoNotFit(_:)`` naming every such column.
    private func checkValuesFit(_ steps: [ErasureStep], _ reader: any OperationsReader) throws {
        var problems: [String] = []
        let changing = Dictionary(grouping: steps.filter { $0.changes && $0.column != nil }) {
            "\($0.table)\u{1F}\($0.column!)"
        }
        var constraints: [String: [ColumnConstraints]] = [:]
        for (_, group) in changing.sorted(by: { $0.key < $1.key }) {
            let step = group[0]
            guard let column = step.column else { continue }
            if constraints[step.table] == nil { constraints[step.table] = try reader.constraints(of: step.table) }
            guard let rule = constraints[step.table]?.first(where: { $0.column.lowercased() == column.lowercased() })
            else { continue }
            let name = "\(step.table).\(column)"
            let actions = Set(group.map(\.action))
            if actions.contains(.setNull), rule.notNull {
                problems.append("\(name): set-null, but the column is NOT NULL")
            }
            if actions.contains(.pseudonymise), rule.unique, group.count > 1 {
                problems.append("\(name): pseudonymise writes one token to \(group.count) rows of a UNIQUE column")
            }
            if rule.numericOnly, !actions.isDisjoint(with: [.pseudonymise, .redact]) {
                problems.append(
                    "\(name): \(actions.contains(.redact) ? "redact" : "pseudonymise") writes text to a numeric STRICT column"
                )
            }
        }
        if !problems.isEmpty { throw ErasureError.valuesDoNotFit(problems) }
    }

    private func with(_ step: ErasureStep, _ action: ErasureStepAction) -> ErasureStep {
        var step = step
        step.action = action
        return step
    }

    /// The identifier columns of `row` that hold one of the subject's identifiers.
    private func matchingColumns(
        _ row: StoredRecord, _ table: TableMap, _ identifiers: inout IdentifierReader, _ reader: any OperationsReader
    ) throws -> Set<String> {
        var matching: Set<String> = []
        for column in table.identifiers where column.kind.isMatchable {
            let values = try identifiers.identifiers(in: row.number, table: table, column: column, reader)
            if values.contains(where: subject.contains) { matching.insert(column.column) }
        }
        return matching
    }

    /// Cells of a row left alone that still name the subject: counted apart by the residue scan.
    private func keepMatchingCells(
        _ row: StoredRecord, _ table: TableMap, _ identifiers: inout IdentifierReader, _ reader: any OperationsReader,
        into planned: inout PlannedErasure
    ) throws {
        for column in try matchingColumns(row, table, &identifiers, reader) {
            planned.keptTexts += forms(in: row, column, table)
        }
    }

    /// How a cell that holds the subject writes them: the stored text, or in an address list
    /// each of the subject's addresses as written (`Jan.DeVries+support@Example.NL`).
    private func forms(in row: StoredRecord, _ column: String, _ table: TableMap) -> [String] {
        guard let text = row[column]?.storedText else { return [] }
        guard table.identifiers.contains(where: { $0.column == column && $0.addressList }) else { return [text] }
        return AddressList.parse(text).mailboxes.filter { subject.contains(.email($0.address)) }.map(\.written)
    }

    private func files(of row: StoredRecord, _ table: TableMap, _ key: RecordKey, _ action: ErasureFile.Action)
        -> [ErasureFile]
    {
        table.files.compactMap { column in
            guard let path = row[column.column]?.storedText, !path.isEmpty else { return nil }
            return ErasureFile(
                table: table.name, key: key, column: column.column, path: path, action: action, format: column.format)
        }
    }

    /// `table:key` of the first organisation row reached from `row` along its references:
    /// the number owner whose recordings these are.
    private func controller(of row: StoredRecord, in table: TableMap, _ reader: any OperationsReader) throws
        -> String?
    {
        var queue: [(StoredRecord, TableMap, Int)] = [(row, table, 0)]
        var seen: Set<String> = []
        while !queue.isEmpty {
            let (current, currentTable, depth) = queue.removeFirst()
            if currentTable.holds == .organisation,
                let key = current[currentTable.primaryKey].flatMap({ RecordKey($0) })
            {
                return "\(currentTable.name):\(key)"
            }
            guard depth < 4 else { continue }
            for reference in currentTable.references {
                guard let next = map.table(reference.table),
                    let key = current[reference.column].flatMap({ RecordKey($0) }),
                    seen.insert("\(next.name):\(key)").inserted,
                    let found = try reader.record(in: next.name, primaryKey: reference.targetColumn, key: key)
                else { continue }
                queue.append((found, next, depth + 1))
            }
        }
        return nil
    }
}

extension CellValue {
    /// The value as the database file holds it in text form (numbers as digits); nil for NULL
    /// and blobs.
    var storedText: String? {
        switch self {
        case .text(let text): text
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .null, .blob: nil
        }
    }
}
