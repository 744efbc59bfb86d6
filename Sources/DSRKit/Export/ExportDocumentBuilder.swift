import Foundation

/// Fills the letter's and the page's ``ExportDocument`` from the data map and what locate found.
struct ExportDocumentBuilder {
    let workspace: Workspace
    let map: DataMap
    let result: LocateResult
    let tables: [ExportTable]
    let plan: ExportFilePlan
    let options: ExportOptions
    let requestID: String?
    let now: Date

    func document() -> ExportDocument {
        let settings = workspace.configuration.controller
        let processing = tables.compactMap { table -> ProcessingSection? in
            guard let entry = map.table(table.name) else { return nil }
            return ProcessingSection(
                table: entry.name, title: Self.title(entry.name), purpose: entry.purpose, legalBasis: entry.legalBasis,
                role: entry.role.rawValue, recipients: entry.recipients, categories: entry.categories,
                retention: entry.retention.rule, recordCount: table.rows.count)
        }
        let sections = tables.map { table in
            TableSection(
                table: table.name, title: Self.title(table.name), columns: table.columns,
                rows: table.rows.map { $0.map(\.text) })
        }
        let files = plan.included.map { file in
            FileItem(
                path: "files/" + file.path, label: "\(Self.title(file.table)) \(file.key)", format: file.format.rawValue
            )
        }
        let notes = Dictionary(grouping: plan.leftOut, by: \.table).sorted { $0.key < $1.key }.map { table, left in
            ProcessorNote(
                table: table, count: left.count,
                controller: "the owner of the service number you called (we hold these on their behalf)")
        }
        return ExportDocument(
            language: options.language, requestID: requestID, generatedAt: AuditLog.timestamp(now),
            controller: ControllerInfo(
                name: settings.name, address: settings.address, email: settings.email, dpoContact: settings.dpoContact,
                supervisoryAuthority: settings.supervisoryAuthority),
            subjectIdentifiers: result.identifiers.map(\.canonical), processing: processing,
            tables: sections, audio: files.filter { $0.format == FileFormat.audio.rawValue }, files: files,
            processorNotes: notes,
            filesLeftOut: plan.unusable.map { file in
                LeftOutFile(
                    label: "\(Self.title(file.table)) \(file.key)", isMissing: file.status == .missing,
                    isRefused: file.status == .refused)
            })
    }

    /// `service_numbers` → `Service numbers`.
    static func title(_ table: String) -> String {
        let words = table.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
