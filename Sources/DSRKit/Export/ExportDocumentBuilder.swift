import Foundation

/// Fills the letter's and the page's ``ExportDocument`` from the data map and what locate found:
/// headings from the map's labels in the letter's language, values in the map's formats, cards
/// for files, and the facts of Art. 15(1) per table.
struct ExportDocumentBuilder {
    let workspace: Workspace
    let map: DataMap
    let result: LocateResult
    let tables: [ExportTable]
    let plan: ExportFilePlan
    let cards: [RecordReference: [CardValue]]
    let options: ExportOptions
    let kind: ExportKind
    let requestID: String?
    let now: Date
    /// Made once: every cell of every table goes through it.
    private let formatter: ValueFormatter

    init(
        workspace: Workspace, map: DataMap, result: LocateResult, tables: [ExportTable], plan: ExportFilePlan,
        cards: [RecordReference: [CardValue]], options: ExportOptions, kind: ExportKind, requestID: String?, now: Date
    ) {
        self.workspace = workspace
        self.map = map
        self.result = result
        self.tables = tables
        self.plan = plan
        self.cards = cards
        self.options = options
        self.kind = kind
        self.requestID = requestID
        self.now = now
        // The workspace's `time_zone` was checked when dsr.yaml was read.
        let zone = TimeZone(identifier: workspace.configuration.timeZone) ?? .gmt
        formatter = ValueFormatter(language: options.language, timeZone: zone)
    }

    private var language: Language { options.language }

    func document() -> ExportDocument {
        let settings = workspace.configuration.controller
        let processing = tables.compactMap { table -> ProcessingSection? in
            guard let entry = map.table(table.name) else { return nil }
            return ProcessingSection(
                table: entry.name, title: entry.title(in: language), purpose: entry.purpose,
                legalBasis: entry.legalBasis, role: entry.role.rawValue, recipients: entry.recipients,
                categories: entry.categories, retention: entry.retention.rule, recordCount: table.rows.count,
                transfers: entry.transfers)
        }
        let files = plan.included.map(item)
        let notes = Dictionary(grouping: plan.leftOut, by: \.table).sorted { $0.key < $1.key }.map { table, left in
            ProcessorNote(table: table, title: title(of: table), count: left.count)
        }
        return ExportDocument(
            language: language.rawValue, isPortability: kind == .portability, requestID: requestID,
            generatedAt: AuditLog.timestamp(now), date: formatter.date(now), timeZone: workspace.configuration.timeZone,
            controller: ControllerInfo(
                name: settings.name, address: settings.address, email: settings.email, dpoContact: settings.dpoContact,
                supervisoryAuthority: settings.supervisoryAuthority),
            subjectIdentifiers: result.identifiers.map {
                SearchedIdentifier(kind: $0.identifier.kind.rawValue, value: $0.identifier.value)
            },
            processing: processing, tables: tables.compactMap(section),
            audio: files.filter { $0.format == FileFormat.audio.rawValue }, files: files,
            processorNotes: notes,
            filesLeftOut: plan.unusable.map { file in
                LeftOutFile(
                    label: "\(title(of: file.table)) \(file.key.forMessages)", isMissing: file.status == .missing,
                    isRefused: file.status == .refused)
            })
    }

    /// A table as the page shows it: labelled columns without hidden ones, formatted values.
    private func section(_ table: ExportTable) -> TableSection? {
        guard let entry = map.table(table.name) else { return nil }
        let shown = table.columns.indices.filter { index in
            let column = table.columns[index]
            return column != ExportTable.relationColumn && format(of: column, in: entry) != .hidden
        }
        let relation = table.columns.firstIndex(of: ExportTable.relationColumn)
        return TableSection(
            table: table.name, title: entry.title(in: language),
            columns: shown.map { entry.title(of: table.columns[$0], in: language) },
            rows: table.rows.map { row in
                RecordRow(
                    cells: shown.map { formatter.text(row[$0], as: format(of: table.columns[$0], in: entry)) },
                    isContext: relation.map { row[$0] == .text(MatchRelation.related.rawValue) } ?? false)
            })
    }

    /// A file of the archive with its card: the first fact names it, the others are listed.
    private func item(_ file: LocatedFile) -> FileItem {
        let facts = (cards[file.record] ?? []).map { value in
            FileDetail(
                label: value.table.title(of: value.column, in: language),
                value: formatter.text(ExportValue(value.value), as: format(of: value.column, in: value.table)))
        }
        let title = title(of: file.table)
        return FileItem(
            path: "files/" + file.path,
            label: facts.first.map { "\(title): \($0.value)" } ?? "\(title) \(file.key.forMessages)",
            format: file.format.rawValue, details: Array(facts.dropFirst()))
    }

    /// The map's format of a column; an address-list column is a mail header unless it says otherwise.
    private func format(of column: String, in table: TableMap) -> DisplayFormat {
        if let rule = table.display(of: column) { return rule.format }
        if table.identifiers.contains(where: { $0.column == column && $0.addressList }) { return .mailHeader }
        return .text
    }

    private func title(of table: String) -> String {
        map.table(table)?.title(in: language) ?? TableMap.words(table)
    }
}
