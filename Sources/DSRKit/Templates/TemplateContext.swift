/// What templates see: the export document plus the few facts mustache cannot compute itself
/// (flags for empty lists, roles as booleans, categories grouped across tables, link targets).
///
/// swift-mustache reads stored properties by reflection, so every name here is a template field;
/// templates/README.md lists them, and ``fieldNames`` lets the renderer reject unknown ones.
struct TemplateContext: TemplateModel {
    static let templateNames = TemplateRenderer.templateNames

    let language: String
    let isPortability: Bool
    let requestID: String?
    let generatedAt: String
    let date: String
    let timeZone: String
    let controller: ControllerInfo
    let subjectIdentifiers: [Identifier]
    let processing: [Processing]
    let categories: [Category]
    let tables: [Table]
    let audio: [File]
    let files: [File]
    let processorNotes: [Note]
    let filesLeftOut: [LeftOutFile]
    let hasFilesLeftOut: Bool
    let hasProcessing: Bool
    let hasTables: Bool
    let hasAudio: Bool
    let hasFiles: Bool
    let hasProcessorNotes: Bool

    /// An identifier searched for, with a flag per kind for the template's wording.
    struct Identifier {
        let kind, value: String
        let isEmail, isPhone, isIP, isCustomer: Bool
    }

    struct Processing {
        let table, title, purpose, legalBasis, role: String
        let isController, isProcessor: Bool
        let recipients, categories, transfers: [String]
        let hasTransfers: Bool
        let retention: String
        let recordCount: Int
    }

    /// A category of personal data and the tables holding it: the page's "what we hold".
    struct Category {
        let name: String
        let tables: [String]
    }

    struct Table {
        let table, title: String
        let columns: [String]
        let rows: [Row]
        let rowCount: Int
    }

    /// A record: its cells with their column's heading (the narrow page's stacked layout shows
    /// the heading beside each value).
    struct Row {
        let cells: [Cell]
        let isContext: Bool
    }

    struct Cell {
        let label, value: String
    }

    struct File {
        let path, href, label, format: String
        let isAudio, isEmail: Bool
        let details: [FileDetail]
    }

    struct Note {
        let table, title: String
        let count: Int
    }

    init(_ document: ExportDocument) {
        language = document.language
        isPortability = document.isPortability
        requestID = document.requestID
        generatedAt = document.generatedAt
        date = document.date
        timeZone = document.timeZone
        controller = document.controller
        subjectIdentifiers = document.subjectIdentifiers.map { identifier in
            Identifier(
                kind: identifier.kind, value: identifier.value, isEmail: identifier.kind == "email",
                isPhone: identifier.kind == "phone", isIP: identifier.kind == "ip",
                isCustomer: identifier.kind == "customer")
        }
        processing = document.processing.map { section in
            Processing(
                table: section.table, title: section.title, purpose: section.purpose,
                legalBasis: section.legalBasis, role: section.role, isController: section.role != "processor",
                isProcessor: section.role == "processor", recipients: section.recipients,
                categories: section.categories, transfers: section.transfers, hasTransfers: !section.transfers.isEmpty,
                retention: section.retention, recordCount: section.recordCount)
        }
        categories = Self.group(document.processing)
        tables = document.tables.map { table in
            Table(
                table: table.table, title: table.title, columns: table.columns,
                rows: table.rows.map { row in
                    Row(
                        cells: zip(table.columns, row.cells).map { Cell(label: $0, value: $1) },
                        isContext: row.isContext)
                },
                rowCount: table.rows.count)
        }
        audio = document.audio.map(Self.file)
        files = document.files.map(Self.file)
        processorNotes = document.processorNotes.map { Note(table: $0.table, title: $0.title, count: $0.count) }
        hasProcessing = !processing.isEmpty
        hasTables = !tables.isEmpty
        hasAudio = !audio.isEmpty
        hasFiles = !files.isEmpty
        hasProcessorNotes = !processorNotes.isEmpty
        filesLeftOut = document.filesLeftOut
        hasFilesLeftOut = !filesLeftOut.isEmpty
    }

    /// Categories in order of first mention, each with the titles of the tables that hold it.
    private static func group(_ sections: [ProcessingSection]) -> [Category] {
        var order: [String] = []
        var holders: [String: [String]] = [:]
        for section in sections {
            for category in section.categories {
                if holders[category] == nil { order.append(category) }
                if holders[category, default: []].contains(section.title) { continue }
                holders[category, default: []].append(section.title)
            }
        }
        return order.map { Category(name: $0, tables: holders[$0] ?? []) }
    }

    private static func file(_ item: FileItem) -> File {
        File(
            path: item.path, href: href(item.path), label: item.label, format: item.format,
            isAudio: item.format == "audio", isEmail: item.format == "email", details: item.details)
    }

    /// A relative URL for an archive path: every byte but unreserved ones and `/` percent-encoded
    /// (RFC 3986 §2.3), so `#`, `?`, spaces and a `scheme:` can neither break the link nor make
    /// it point outside the archive.
    static func href(_ path: String) -> String {
        var result = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded
            }
        }
        // A leading `//` would be a network-path reference (RFC 3986 §4.2).
        while result.hasPrefix("//") { result.removeFirst() }
        return result
    }

    /// Every field name a template may use, collected from a context with one of everything.
    static let fieldNames: Set<String> = {
        let sample = TemplateContext(
            ExportDocument(
                language: "", requestID: "", generatedAt: "", date: "", timeZone: "",
                controller: ControllerInfo(name: "", address: "", email: "", dpoContact: "", supervisoryAuthority: ""),
                subjectIdentifiers: [SearchedIdentifier(kind: "", value: "")],
                processing: [
                    ProcessingSection(
                        table: "", title: "", purpose: "", legalBasis: "", role: "", recipients: [""],
                        categories: [""], retention: "", recordCount: 0, transfers: [""])
                ],
                tables: [TableSection(table: "", title: "", columns: [""], rows: [RecordRow(cells: [""])])],
                audio: [FileItem(path: "", label: "", format: "", details: [FileDetail(label: "", value: "")])],
                files: [FileItem(path: "", label: "", format: "")],
                processorNotes: [ProcessorNote(table: "", title: "", count: 0)],
                filesLeftOut: [LeftOutFile(label: "", isMissing: true, isRefused: false)]))
        return collectFieldNames(from: sample)
    }()
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
