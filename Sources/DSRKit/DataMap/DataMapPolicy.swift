/// How long a table's rows are kept (Art. 5(1)(e), Art. 15(1)(d)), and what the nightly
/// retention job does once a row is past it (CONTRACT.md section 7).
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
    /// What happens to a row past its period, as written (`then:`); ``action`` applies the default.
    public var then: RowRetentionAction?
    /// Tables whose rows reference this one and still need the row (a call's recordings):
    /// while one does, ``thenReferenced`` applies instead of ``action``.
    public var whileReferencedBy: [String]
    /// What happens to a row past its period that a row of ``whileReferencedBy`` still needs.
    public var thenReferenced: RowRetentionAction?
    /// Reference columns whose referenced rows go with the row, so that no copy outlives the
    /// only row tying it to the person (a voicemail's notification e-mail).
    public var alsoPurge: [String]

    /// Creates a retention rule.
    public init(
        rule: String, days: Int? = nil, from: String? = nil, daysColumn: ColumnPath? = nil,
        then: RowRetentionAction? = nil, whileReferencedBy: [String] = [], thenReferenced: RowRetentionAction? = nil,
        alsoPurge: [String] = []
    ) {
        self.rule = rule
        self.days = days
        self.from = from
        self.daysColumn = daysColumn
        self.then = then
        self.whileReferencedBy = whileReferencedBy
        self.thenReferenced = thenReferenced
        self.alsoPurge = alsoPurge
    }

    /// Whether the rule gives a period that can be counted by date (not words alone).
    public var hasPeriod: Bool { from != nil && (days != nil || daysColumn != nil) }

    /// What happens to a row past its period: ``then``, else delete-row.
    public var action: RowRetentionAction { then ?? .deleteRow }
}

/// What the retention job does to a row past its period.
public enum RowRetentionAction: String, Sendable, Equatable, CaseIterable {
    /// Delete the row (and the files it names).
    case deleteRow = "delete-row"
    /// Keep the row; replace its identifier columns with pseudonym tokens.
    case pseudonymise
}

/// How long one column's value is kept when it is kept shorter than its row (the IP address
/// an order came from: 365 days, against fraud).
public struct ColumnRetention: Sendable, Equatable {
    /// The period in days.
    public var days: Int
    /// The timestamp column of the row the period runs from.
    public var from: String
    /// What happens to the value after it.
    public var then: ColumnRetentionAction

    /// Creates a column retention rule.
    public init(days: Int, from: String, then: ColumnRetentionAction) {
        self.days = days
        self.from = from
        self.then = then
    }
}

/// What the retention job does to a column value past its period.
public enum ColumnRetentionAction: String, Sendable, Equatable, CaseIterable {
    /// Set the column to NULL.
    case setNull = "set-null"
    /// Replace the value with a pseudonym token.
    case pseudonymise
}

/// How long a file named by a row is kept when it goes before its row (voicemail audio, once
/// it has been e-mailed to the number owner).
public struct FileRetention: Sendable, Equatable {
    /// The timestamp column whose being set ends the file's keeping.
    public var untilSet: String
    /// What happens then.
    public var then: FileRetentionAction

    /// Creates a file retention rule.
    public init(untilSet: String, then: FileRetentionAction = .delete) {
        self.untilSet = untilSet
        self.then = then
    }
}

/// What the retention job does to a file past its keeping.
public enum FileRetentionAction: String, Sendable, Equatable, CaseIterable {
    /// Delete the file and set the row's file column to NULL; the row stays.
    case delete
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
    /// How long the value is kept when shorter than its row (`retention:` of the entry).
    public var retention: ColumnRetention?
    /// Where in the map file (for messages).
    public var location: MapLocation?

    /// Creates a personal column rule.
    public init(
        column: String, erasure: ErasureAction, rectifiable: Bool, retention: ColumnRetention? = nil,
        location: MapLocation? = nil
    ) {
        self.column = column
        self.erasure = erasure
        self.rectifiable = rectifiable
        self.retention = retention
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
