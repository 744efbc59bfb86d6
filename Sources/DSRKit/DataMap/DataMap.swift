/// What the operations database holds and how dsr may treat it (CONTRACT.md section 4).
///
/// The data map drives everything that touches the operations data: locate finds records
/// only through the identifier columns and references named here, exports take purposes
/// and recipients from here, erasure and rectification take their per-column actions from
/// here. The engine itself names no table or column.
public struct DataMap: Sendable, Equatable {
    /// Every mapped table, in the order of the map file.
    public var tables: [TableMap]

    /// Creates a map from its tables.
    public init(tables: [TableMap]) { self.tables = tables }

    /// The table called `name`, if the map describes it.
    public func table(_ name: String) -> TableMap? { tables.first { $0.name == name } }
}

/// One table of the operations database as the data map describes it.
public struct TableMap: Sendable, Equatable {
    /// The table name in the operations database.
    public var name: String
    /// The primary key column (the `key` of located records).
    public var primaryKey: String
    /// What one row describes, which decides whether identities may be learnt from it.
    public var holds: RowSubject
    /// Why the data is processed (Art. 13(1)(c), Art. 15(1)(a)).
    public var purpose: String
    /// The legal basis under Art. 6(1).
    public var legalBasis: String
    /// Whether the company is controller or processor for this data.
    public var role: ProcessingRole
    /// Who receives the data (Art. 15(1)(c)).
    public var recipients: [String]
    /// How long rows are kept (Art. 15(1)(d)).
    public var retention: Retention
    /// Categories of personal data (Art. 15(1)(b)).
    public var categories: [String]
    /// Columns holding identifiers of people.
    public var identifiers: [IdentifierColumn]
    /// Columns referencing other tables, and how ownership travels along them.
    public var references: [Reference]
    /// Columns naming files under the files root.
    public var files: [FileColumn]
    /// What erasure and rectification do to each personal column.
    public var columns: [PersonalColumn]
    /// What a person calls the table ("Calls", "Gesprekken"); the name in words when absent.
    public var label: LocalizedText?
    /// How the page shows columns: headings and formats.
    public var display: [DisplayColumn]
    /// What a portability export (Art. 20(1)) includes of this table.
    public var portability: Portability
    /// Transfers to third countries or international organisations, each with its safeguard
    /// (Art. 15(1)(c), 15(2), 46); empty: none.
    public var transfers: [String]
    /// Where in the map file this table is described (for messages).
    public var location: MapLocation?

    /// Creates a table description.
    public init(
        name: String, primaryKey: String, holds: RowSubject, purpose: String, legalBasis: String,
        role: ProcessingRole, recipients: [String], retention: Retention, categories: [String],
        identifiers: [IdentifierColumn], references: [Reference], files: [FileColumn], columns: [PersonalColumn],
        label: LocalizedText? = nil, display: [DisplayColumn] = [], portability: Portability = .none,
        transfers: [String] = [], location: MapLocation? = nil
    ) {
        self.label = label
        self.display = display
        self.portability = portability
        self.transfers = transfers
        self.name = name
        self.primaryKey = primaryKey
        self.holds = holds
        self.purpose = purpose
        self.legalBasis = legalBasis
        self.role = role
        self.recipients = recipients
        self.retention = retention
        self.categories = categories
        self.identifiers = identifiers
        self.references = references
        self.files = files
        self.columns = columns
        self.location = location
    }
}

extension TableMap {
    /// The display rule of `column`, if the map gives one.
    public func display(of column: String) -> DisplayColumn? { display.first { $0.column == column } }

    /// The table's heading in `language`: its label, else its name in words.
    public func title(in language: Language) -> String {
        label?.text(in: language) ?? Self.words(name)
    }

    /// A column's heading in `language`: its label, else its name in words.
    public func title(of column: String, in language: Language) -> String {
        display(of: column)?.label?.text(in: language) ?? Self.words(column)
    }

    /// `service_numbers` → `Service numbers`.
    static func words(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// A place in a data map file: `file:line:column` of every message about it.
public struct MapLocation: Sendable, Equatable, Hashable {
    /// Line, from 1.
    public var line: Int
    /// Column, from 1.
    public var column: Int

    /// Creates a location.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// What one row of a table describes.
public enum RowSubject: String, Sendable, Equatable, CaseIterable {
    /// One natural person (a contact): identifiers on a row found for the subject are the
    /// subject's own, so locate learns them (identity expansion).
    case person
    /// An organisation (a customer): never a source of identities, never the subject's own.
    case organisation
    /// An event or document that mentions people (a call, an order, an e-mail): it belongs to
    /// whoever it names, but teaches nothing about who else they are.
    case record
}

/// Controller or processor (Art. 4(7), 4(8)).
public enum ProcessingRole: String, Sendable, Equatable, CaseIterable {
    case controller
    case processor
}
