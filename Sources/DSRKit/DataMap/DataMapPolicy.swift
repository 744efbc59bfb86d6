/// How long a table's rows are kept (Art. 5(1)(e), Art. 15(1)(d)).
public struct Retention: Sendable, Equatable {
    /// The rule in words, as the privacy policy states it.
    public var rule: String
    /// A fixed period in days, when there is one.
    public var days: Int?
    /// The timestamp column the period runs from.
    public var from: String?
    /// A column holding the period in days, set per row or per owner; `via` follows
    /// references to reach it (a recording's retention is set on the service number).
    public var daysColumn: ColumnPath?

    /// Creates a retention rule.
    public init(rule: String, days: Int? = nil, from: String? = nil, daysColumn: ColumnPath? = nil) {
        self.rule = rule
        self.days = days
        self.from = from
        self.daysColumn = daysColumn
    }
}

/// A column reached from a row by following references hop by hop.
public struct ColumnPath: Sendable, Equatable {
    /// The referencing columns, hop by hop; empty for a column of the row itself.
    public var via: [String]
    /// The column at the end of the path.
    public var column: String

    /// Creates a path.
    public init(via: [String], column: String) {
        self.via = via
        self.column = column
    }
}

/// What erasure and rectification may do to one personal column.
public struct PersonalColumn: Sendable, Equatable {
    /// The column name.
    public var column: String
    /// What erasure does to it (Art. 17).
    public var erasure: ErasureAction
    /// Whether rectification may change it (Art. 16).
    public var rectifiable: Bool
    /// Where in the map file (for messages).
    public var location: MapLocation?

    /// Creates a personal column rule.
    public init(column: String, erasure: ErasureAction, rectifiable: Bool, location: MapLocation? = nil) {
        self.column = column
        self.erasure = erasure
        self.rectifiable = rectifiable
        self.location = location
    }
}

/// What erasure does to a personal column.
public enum ErasureAction: Sendable, Equatable {
    /// Delete the whole row.
    case deleteRow
    /// Set the column to NULL.
    case setNull
    /// Replace the value with a fixed redaction marker.
    case redact
    /// Replace the value with a keyed hash (HMAC-SHA-256 with the workspace secret).
    case pseudonymise
    /// Keep it, on a legal basis, until a date or for a period (Art. 17(3)).
    case retain(basis: String, until: RetainUntil)
}

/// How long a retained column stays after an erasure request.
public enum RetainUntil: Sendable, Equatable {
    /// A fixed period in days, counted from a timestamp column of the row.
    case days(Int, from: String)
    /// Until the row's retention rule ends it.
    case tableRetention
}
