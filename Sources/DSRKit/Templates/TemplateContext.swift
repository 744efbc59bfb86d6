/// What templates see: the export document plus the few facts mustache cannot compute itself
/// (flags for empty lists, roles as booleans, categories grouped across tables, link targets).
///
/// swift-mustache reads stored properties by reflection, so every name here is a template field;
/// templates/README.md lists them, and ``fieldNames`` lets the renderer reject unknown ones.
struct TemplateContext {
    let language: String
    let requestID: String?
    let generatedAt: String
    let controller: ControllerInfo
    let subjectIdentifiers: [String]
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

    struct Processing {
        let table, title, purpose, legalBasis, role: String
        let isController, isProcessor: Bool
        let recipients, categories: [String]
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

    struct Row {
        let cells: [String]
    }

    struct File {
        let path, href, label, format: String
        let isAudio, isEmail: Bool
    }

    struct Note {
        let table, title: String
        let count: Int
        let controller: String
    }

    init(_ document: ExportDocument) {
        language = document.language
        requestID = document.requestID
        generatedAt = document.generatedAt
        controller = document.controller
        subjectIdentifiers = document.subjectIdentifiers
        processing = document.processing.map { section in
            Processing(
                table: section.table, title: section.title, purpose: section.purpose,
                legalBasis: section.legalBasis, role: section.role, isController: section.role != "processor",
                isProcessor: section.role == "processor", recipients: section.recipients,
                categories: section.categories, retention: section.retention, recordCount: section.recordCount)
        }
        categories = Self.group(document.processing)
        tables = document.tables.map { table in
            Table(
                table: table.table, title: table.title, columns: table.columns, rows: table.rows.map(Row.init),
                rowCount: table.rows.count)
        }
        audio = document.audio.map(Self.file)
        files = document.files.map(Self.file)
        let titles = Dictionary(
            document.processing.map { ($0.table, $0.title) } + document.tables.map { ($0.table, $0.title) },
            uniquingKeysWith: { first, _ in first })
        processorNotes = document.processorNotes.map { note in
            Note(
                table: note.table, title: titles[note.table] ?? note.table, count: note.count,
                controller: note.controller)
        }
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
            isAudio: item.format == "audio", isEmail: item.format == "email")
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
                language: "", requestID: "", generatedAt: "",
                controller: ControllerInfo(name: "", address: "", email: "", dpoContact: "", supervisoryAuthority: ""),
                subjectIdentifiers: [""],
                processing: [
                    ProcessingSection(
                        table: "", title: "", purpose: "", legalBasis: "", role: "", recipients: [""],
                        categories: [""], retention: "", recordCount: 0)
                ],
                tables: [TableSection(table: "", title: "", columns: [""], rows: [[""]])],
                audio: [FileItem(path: "", label: "", format: "")], files: [FileItem(path: "", label: "", format: "")],
                processorNotes: [ProcessorNote(table: "", count: 0, controller: "")],
                filesLeftOut: [LeftOutFile(label: "", isMissing: true, isRefused: false)]))
        var names: Set<String> = []
        func collect(_ value: Any) {
            for child in Mirror(reflecting: value).children {
                if let label = child.label { names.insert(label) }
                collect(child.value)
            }
        }
        collect(sample)
        return names
    }()
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
