/// The kinds of identifier a column can hold.
public enum IdentifierKind: String, Sendable, Equatable, CaseIterable {
    /// One e-mail address, or an RFC 5322 address list when the column is a header.
    case email
    /// A phone number in any form; national forms need a context country.
    case phone
    /// An IPv4 or IPv6 address in any textual form.
    case ip
    /// A customer number (`customer:ID`).
    case customer
    /// A person's name: never an identifier on its own, used for rectification and reports.
    case name
}

/// Whether matching a column makes the row the subject's own or only related context.
public enum MatchRelation: String, Sendable, Equatable, CaseIterable {
    /// The row is the subject's: they called, they are the contact, they sent the e-mail.
    case subject
    /// The row only concerns the subject's business: a call merely forwarded to an owner.
    case related
}

/// A column holding identifiers.
public struct IdentifierColumn: Sendable, Equatable {
    /// The column name.
    public var column: String
    /// What kind of identifier it holds.
    public var kind: IdentifierKind
    /// Whether the column holds an RFC 5322 address list (several addresses, display names).
    public var addressList: Bool
    /// Where a national-form phone number takes its country from (phones only).
    public var country: CountrySource?
    /// What a match here makes of the row.
    public var relation: MatchRelation
    /// Art. 15(4): in an export, a value that is not the subject's own is masked (a phone to
    /// its country code and last three digits), because it is someone else's data.
    public var maskForOthers: Bool
    /// A column that, when 1, means the value was withheld from the recipient (a caller's
    /// presentation restriction): shown as withheld to anyone but the subject themselves.
    public var withheldFlag: String?
    /// In a table of records (`holds: record`): a row the subject owns teaches the subject
    /// the identifier this column holds (the IP address their order came from), which is
    /// then searched too. Rows of person tables teach every identifier anyway; organisation
    /// rows and related context never teach.
    public var learn: Bool
    /// Where in the map file (for messages).
    public var location: MapLocation?

    /// Creates an identifier column.
    public init(
        column: String, kind: IdentifierKind, addressList: Bool = false, country: CountrySource? = nil,
        relation: MatchRelation = .subject, maskForOthers: Bool = false, withheldFlag: String? = nil,
        learn: Bool = false, location: MapLocation? = nil
    ) {
        self.learn = learn
        self.maskForOthers = maskForOthers
        self.withheldFlag = withheldFlag
        self.column = column
        self.kind = kind
        self.addressList = addressList
        self.country = country
        self.relation = relation
        self.location = location
    }
}

/// Where a phone column's national numbers take their country from (CONTRACT.md section 2).
public enum CountrySource: Sendable, Equatable {
    /// A fixed ISO 3166 alpha-2 code.
    case constant(String)
    /// The workspace's `default_country`.
    case workspaceDefault
    /// A column of the same row holding an alpha-2 code (`orders.country`).
    case column(String)
    /// The calling code of an E.164 number in another column of the same row (a CDR's caller
    /// takes the country of the service number called).
    case phonePrefix(column: String)
    /// A column reached by following references: `via` names the referencing columns hop by
    /// hop (`[service_number, customer_id]`), `column` the alpha-2 column at the end.
    case reference(via: [String], column: String)
}

/// A column referencing another table, and how ownership travels along it.
public struct Reference: Sendable, Equatable {
    /// The referencing column in this table.
    public var column: String
    /// The referenced table.
    public var table: String
    /// The referenced column (usually its primary key).
    public var targetColumn: String
    /// When a row of this table belongs to the subject, what the referenced row is
    /// (`.owned`: the subject's too; `.related`: context; `.none`: not followed).
    public var parent: LinkRule
    /// When the referenced row belongs to the subject, what the rows of this table that
    /// reference it are (a CDR's recordings are the caller's: `.owned`).
    public var children: LinkRule
    /// Where in the map file (for messages).
    public var location: MapLocation?

    /// Creates a reference.
    public init(
        column: String, table: String, targetColumn: String, parent: LinkRule = .none, children: LinkRule = .none,
        location: MapLocation? = nil
    ) {
        self.column = column
        self.table = table
        self.targetColumn = targetColumn
        self.parent = parent
        self.children = children
        self.location = location
    }
}

/// What following a reference makes of the row reached.
public enum LinkRule: String, Sendable, Equatable, CaseIterable {
    /// Reached rows share the status of the row they were reached from.
    case owned
    /// Reached rows are related context at most, and context goes no further.
    case related
    /// The reference is not followed.
    case none
}

/// A column naming a file under the files root.
public struct FileColumn: Sendable, Equatable {
    /// The column name.
    public var column: String
    /// What the file is.
    public var format: FileFormat
    /// What the page's card for the file shows ("date, number called, duration"): columns of
    /// the row, or of rows reached along its references.
    public var card: [ColumnPath]
    /// How long the file is kept when it goes before its row (`retention:` of the entry).
    public var retention: FileRetention?
    /// Where in the map file (for messages).
    public var location: MapLocation?

    /// Creates a file column.
    public init(
        column: String, format: FileFormat, card: [ColumnPath] = [], retention: FileRetention? = nil,
        location: MapLocation? = nil
    ) {
        self.card = card
        self.retention = retention
        self.column = column
        self.format = format
        self.location = location
    }
}

/// The formats of files the operations data names.
public enum FileFormat: String, Sendable, Equatable, CaseIterable {
    /// Audio (WAV and the like): recordings, voicemails.
    case audio
    /// An RFC 5322 message (.eml).
    case email
}
