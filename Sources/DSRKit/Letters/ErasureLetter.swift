/// What `erasure.txt` shows (Art. 17, 17(3), 19): built from the plan as applied.
///
/// swift-mustache reads the stored properties by reflection: every name here is a template
/// field, listed in templates/README.md.
struct ErasureLetter: TemplateModel {
    static let templateNames = [LetterOutcome.erasure.templateName]

    let language: String
    let requestID: String?
    let date: String
    let controller: ControllerInfo
    let subjectIdentifiers: [MaskedIdentifier]
    /// Per table: what was deleted or changed.
    let erased: [ErasedTable]
    /// What the map keeps (Art. 17(3)), grouped per table, column and basis.
    let kept: [KeptItems]
    /// What a legal hold or a restriction keeps, grouped the same way.
    let held: [KeptItems]
    /// What we hold as processor and did not erase, per controller to ask.
    let processorHeld: [ProcessorHeldItems]
    /// The recipients told of the erasure (Art. 19).
    let recipients: [String]
    let hasErased, hasKept, hasHeld, hasProcessorHeld, hasRecipients: Bool

    /// A table's records erased: rows deleted, rows whose details were removed or
    /// pseudonymised, files deleted or rewritten.
    struct ErasedTable {
        let title: String
        let rowsDeleted, detailsRemoved, filesDeleted, filesRedacted: Int
        let hasRowsDeleted, hasDetailsRemoved, hasFilesDeleted, hasFilesRedacted: Bool
    }

    /// Cells of one column kept on one basis: how many records, until when (the span of
    /// their end dates when they differ), and how many have no end date.
    struct KeptItems {
        let table, column, basis: String
        let records: Int
        let firstUntil, lastUntil: String
        let hasUntil, hasSpan: Bool
        let undatedRecords: Int
        let hasUndated: Bool
    }

    /// Records held for one controller: the organisation, when its row names it.
    struct ProcessorHeldItems {
        let organisation: String
        let isNamed: Bool
        let tables: [TableCount]
    }

    init(
        _ plan: ErasurePlan, head: LetterHead, identifiers: [SubjectIdentifier], map: DataMap,
        organisations: [String: String]
    ) {
        language = head.language.rawValue
        requestID = head.requestID
        date = head.date
        controller = head.controller
        subjectIdentifiers = identifiers.map(MaskedIdentifier.init)
        let title = { (table: String) in map.table(table)?.title(in: head.language) ?? TableMap.words(table) }
        erased = Self.erased(plan, map: map, title: title)
        kept = Self.grouped(plan.steps.filter { $0.action == .retain }, map: map, head: head)
        held = Self.grouped(plan.steps.filter { $0.action == .held }, map: map, head: head)
        let byController = Dictionary(grouping: plan.processorHeld) { $0.controller ?? "" }
        processorHeld = byController.keys.sorted().map { controller in
            let records = byController[controller] ?? []
            let name = organisations[controller]
            return ProcessorHeldItems(
                organisation: name ?? "", isNamed: name != nil,
                tables: Self.ordered(Set(records.map(\.table)), map).map { table in
                    TableCount(title: title(table), records: Set(records.filter { $0.table == table }.map(\.key)).count)
                })
        }
        recipients = plan.notify
        hasErased = !erased.isEmpty
        hasKept = !kept.isEmpty
        hasHeld = !held.isEmpty
        hasProcessorHeld = !processorHeld.isEmpty
        hasRecipients = !recipients.isEmpty
    }

    /// The tables a plan changed, with the records changed in each (what a notice lists).
    static func changedTables(_ plan: ErasurePlan, map: DataMap) -> [(table: String, records: Int)] {
        let changing = plan.steps.filter(\.changes)
        return ordered(Set(changing.map(\.table)), map).map { table in
            (table, Set(changing.filter { $0.table == table }.map(\.key)).count)
        }
    }

    // MARK: - Grouping

    private static func erased(_ plan: ErasurePlan, map: DataMap, title: (String) -> String) -> [ErasedTable] {
        let changing = plan.steps.filter(\.changes)
        let tables = Set(changing.map(\.table)).union(plan.files.map(\.table))
        return ordered(tables, map).map { table in
            let steps = changing.filter { $0.table == table }
            let deleted = Set(steps.filter { $0.action == .deleteRow }.map(\.key))
            let changed = Set(steps.filter { $0.action != .deleteRow }.map(\.key)).subtracting(deleted)
            let files = plan.files.filter { $0.table == table }
            let filesDeleted = files.filter { $0.action == .delete }.count
            let filesRedacted = files.filter { $0.action == .redact }.count
            return ErasedTable(
                title: title(table), rowsDeleted: deleted.count, detailsRemoved: changed.count,
                filesDeleted: filesDeleted, filesRedacted: filesRedacted, hasRowsDeleted: !deleted.isEmpty,
                hasDetailsRemoved: !changed.isEmpty, hasFilesDeleted: filesDeleted > 0,
                hasFilesRedacted: filesRedacted > 0)
        }
    }

    /// Kept cells per table, column and basis, in map order; the dates of each group's records
    /// as a span.
    private static func grouped(_ steps: [ErasureStep], map: DataMap, head: LetterHead) -> [KeptItems] {
        let position = Dictionary(uniqueKeysWithValues: map.tables.enumerated().map { ($1.name, $0) })
        let inMapOrder = steps.enumerated().sorted { lhs, rhs in
            (position[lhs.element.table] ?? Int.max, lhs.offset) < (position[rhs.element.table] ?? Int.max, rhs.offset)
        }
        var order: [String] = []
        var groups: [String: [ErasureStep]] = [:]
        for (_, step) in inMapOrder {
            let key = [step.table, step.column ?? "", step.basis ?? ""].joined(separator: "\u{1F}")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(step)
        }
        return order.compactMap { key -> KeptItems? in
            guard let group = groups[key], let first = group.first else { return nil }
            let table = map.table(first.table)
            let dates = group.compactMap(\.until).sorted()
            let undated = Set(group.filter { $0.until == nil }.map(\.key)).count
            return KeptItems(
                table: table?.title(in: head.language) ?? TableMap.words(first.table),
                column: first.column.map { table?.title(of: $0, in: head.language) ?? TableMap.words($0) } ?? "",
                basis: first.basis ?? "", records: Set(group.map(\.key)).count,
                firstUntil: dates.first.map(head.dates.day) ?? "", lastUntil: dates.last.map(head.dates.day) ?? "",
                hasUntil: !dates.isEmpty, hasSpan: dates.first != dates.last, undatedRecords: undated,
                hasUndated: undated > 0)
        }
    }

    /// Table names in the data map's order (names the map lacks last, sorted).
    static func ordered(_ tables: Set<String>, _ map: DataMap) -> [String] {
        map.tables.map(\.name).filter(tables.contains) + tables.subtracting(map.tables.map(\.name)).sorted()
    }

    static let fieldNames: Set<String> = collectFieldNames(
        from: ErasureLetter(
            ErasurePlan(
                steps: [
                    ErasureStep(table: "t", key: .integer(1), action: .deleteRow),
                    ErasureStep(table: "t", key: .integer(1), column: "c", action: .retain, basis: "b", until: "u"),
                    ErasureStep(table: "t", key: .integer(1), column: "c", action: .held, basis: "b", until: "u"),
                ],
                files: [], processorHeld: [ProcessorHeldRecord(table: "t", key: .integer(1), controller: "c:1")],
                notify: ["r"], related: []),
            head: .sample, identifiers: [.customer(1)], map: DataMap(tables: []), organisations: ["c:1": "o"]))
}
