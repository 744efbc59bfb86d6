/// Everything the letter and the page show; built by the export engine, rendered by templates.
///
/// The fields follow Art. 15 GDPR: `processing` answers Art. 15(1)(a)–(d) per table, `tables`,
/// `audio` and `files` are the copy of Art. 15(3), and `processorNotes` name the controller to ask
/// for data we hold only as processor (Art. 28) and did not include.
public struct ExportDocument: Sendable {
    /// The letter's language: `en`, `nl` or `bg` (a folder of the templates).
    public var language: String
    /// A portability export (Art. 20): `portability.txt` is its letter, and it holds only the
    /// data Art. 20(1) covers.
    public var isPortability: Bool
    /// The request register's id, when the export answers a registered request.
    public var requestID: String?
    /// When the export was made, ISO 8601 UTC (`2026-03-01T14:05:09Z`).
    public var generatedAt: String
    /// The letter's date in its language (`1 maart 2026`).
    public var date: String
    /// The IANA time zone the page's times are in (`Europe/Amsterdam`).
    public var timeZone: String
    /// Who we are: the controller answering the request.
    public var controller: ControllerInfo
    /// The identifiers searched for.
    public var subjectIdentifiers: [SearchedIdentifier]
    /// One section per table with located records: Art. 15(1)(a)–(d).
    public var processing: [ProcessingSection]
    /// The records themselves, one table each, for the page.
    public var tables: [TableSection]
    /// Recordings and voicemails included in the archive: the page plays them.
    public var audio: [FileItem]
    /// Every file included in the archive, linked from the page.
    public var files: [FileItem]
    /// Data held as processor and not included: who its controller is (Art. 15(4), Art. 28).
    public var processorNotes: [ProcessorNote]
    /// Files of the person's records that could not be included, and why.
    public var filesLeftOut: [LeftOutFile]

    /// Creates a document from all its parts.
    public init(
        language: String, isPortability: Bool = false, requestID: String?, generatedAt: String, date: String,
        timeZone: String, controller: ControllerInfo, subjectIdentifiers: [SearchedIdentifier],
        processing: [ProcessingSection], tables: [TableSection], audio: [FileItem], files: [FileItem],
        processorNotes: [ProcessorNote], filesLeftOut: [LeftOutFile] = []
    ) {
        self.isPortability = isPortability
        self.date = date
        self.timeZone = timeZone
        self.filesLeftOut = filesLeftOut
        self.language = language
        self.requestID = requestID
        self.generatedAt = generatedAt
        self.controller = controller
        self.subjectIdentifiers = subjectIdentifiers
        self.processing = processing
        self.tables = tables
        self.audio = audio
        self.files = files
        self.processorNotes = processorNotes
    }
}

/// An identifier the search used, by kind, as the letter lists it ("Phone number: +31681234567").
public struct SearchedIdentifier: Sendable {
    /// `email`, `phone`, `ip` or `customer`.
    public var kind: String
    /// The value in canonical form, without the kind prefix.
    public var value: String

    /// Creates an identifier line.
    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }
}

/// A file a located record names that the archive could not hold.
public struct LeftOutFile: Sendable {
    /// How the page names the record (`Recordings 7`).
    public var label: String
    /// The file does not exist under the files root.
    public var isMissing: Bool
    /// The stored path leaves the files root, so it was never opened.
    public var isRefused: Bool

    /// Creates the note of one file left out.
    public init(label: String, isMissing: Bool, isRefused: Bool) {
        self.label = label
        self.isMissing = isMissing
        self.isRefused = isRefused
    }
}

/// Who we are: the controller's identity and contacts (Art. 13(1)(a)–(b), Art. 15(1)(f)).
public struct ControllerInfo: Sendable {
    /// The company's name.
    public var name: String
    /// The postal address.
    public var address: String
    /// Where the subject writes about their data.
    public var email: String
    /// How to reach the Data Protection Officer.
    public var dpoContact: String
    /// The supervisory authority the subject may complain to, by name (Art. 77).
    public var supervisoryAuthority: String

    /// Creates the controller's details.
    public init(name: String, address: String, email: String, dpoContact: String, supervisoryAuthority: String) {
        self.name = name
        self.address = address
        self.email = email
        self.dpoContact = dpoContact
        self.supervisoryAuthority = supervisoryAuthority
    }
}

/// The facts about one table's processing that Art. 15(1)(a)–(d) require, from the data map.
public struct ProcessingSection: Sendable {
    /// The table name in the operations database.
    public var table: String
    /// What a person calls it ("Calls", "Orders").
    public var title: String
    /// Why we process it (Art. 15(1)(a)).
    public var purpose: String
    /// The legal basis (Art. 6(1)).
    public var legalBasis: String
    /// `controller` or `processor` (Art. 4(7), 4(8)).
    public var role: String
    /// Who receives it (Art. 15(1)(c)).
    public var recipients: [String]
    /// Categories of personal data (Art. 15(1)(b)).
    public var categories: [String]
    /// How long it is kept, or the criteria (Art. 15(1)(d)).
    public var retention: String
    /// How many of the subject's records the table holds.
    public var recordCount: Int
    /// Transfers outside the EU/EEA and their safeguards (Art. 15(1)(c), 15(2)); empty: none.
    public var transfers: [String]

    /// Creates a processing section.
    public init(
        table: String, title: String, purpose: String, legalBasis: String, role: String, recipients: [String],
        categories: [String], retention: String, recordCount: Int, transfers: [String] = []
    ) {
        self.transfers = transfers
        self.table = table
        self.title = title
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.role = role
        self.recipients = recipients
        self.categories = categories
        self.retention = retention
        self.recordCount = recordCount
    }
}

/// The subject's records of one table, as the page shows them.
public struct TableSection: Sendable {
    /// The table name in the operations database.
    public var table: String
    /// What a person calls it.
    public var title: String
    /// Column headings.
    public var columns: [String]
    /// One entry per record, one value per column, already formatted as text.
    public var rows: [RecordRow]

    /// Creates a table section.
    public init(table: String, title: String, columns: [String], rows: [RecordRow]) {
        self.table = table
        self.title = title
        self.columns = columns
        self.rows = rows
    }
}

/// One record as the page shows it.
public struct RecordRow: Sendable {
    /// One formatted value per column.
    public var cells: [String]
    /// The record is not the subject's own, only context (a call forwarded to the subject).
    public var isContext: Bool

    /// Creates a row.
    public init(cells: [String], isContext: Bool = false) {
        self.cells = cells
        self.isContext = isContext
    }
}

/// One fact on a file's card ("Number called: +31 800 020 0123").
public struct FileDetail: Sendable {
    public var label: String
    public var value: String

    /// Creates a fact.
    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// A file inside the archive.
public struct FileItem: Sendable {
    /// The path inside the archive, `/`-separated (`files/recordings/2026/03/7.wav`).
    public var path: String
    /// What a person reads as the link ("Call of 1 March 2026, 14:05").
    public var label: String
    /// `audio` or `email`, as the data map's file columns say.
    public var format: String
    /// What the card shows besides the label, from the map's `card` of the file column.
    public var details: [FileDetail]

    /// Creates a file item.
    public init(path: String, label: String, format: String, details: [FileDetail] = []) {
        self.details = details
        self.path = path
        self.label = label
        self.format = format
    }
}

/// Records held as processor and left out of the archive: the subject asks their controller.
public struct ProcessorNote: Sendable {
    /// The table name in the operations database.
    public var table: String
    /// What a person calls the table.
    public var title: String
    /// How many records were left out.
    public var count: Int

    /// Creates a processor note.
    public init(table: String, title: String, count: Int) {
        self.table = table
        self.title = title
        self.count = count
    }
}
