/// What a retention rule covers: whole rows, one column's values, or the files a column names.
public enum RetentionScope: String, Sendable, Equatable, Codable {
    /// The table's rule: whole rows.
    case row
    /// A column entry's rule: one column's values (the order's IP address).
    case column
    /// A file entry's rule: the files a column names (voicemail audio).
    case file
}

/// How the start and length of a record's retention period are found.
public enum RetentionPeriod: Sendable, Equatable {
    /// A fixed number of days from a timestamp column of the row.
    case days(Int, from: String)
    /// A number of days read per row along references (a recording's period is set on its
    /// service number), from a timestamp column of the row; a NULL period is "unset".
    case daysColumn(ColumnPath, from: String)
    /// Until a timestamp column of the row is set: past once it is set before the cutoff
    /// (voicemail audio once e-mailed).
    case untilSet(String)

    /// The timestamp column the period runs from.
    public var start: String {
        switch self {
        case .days(_, let from), .daysColumn(_, let from): from
        case .untilSet(let column): column
        }
    }
}

/// What the purge does to what a rule selects.
public enum RetentionAction: String, Sendable, Equatable, Encodable {
    /// Delete the row and the files it names.
    case deleteRow = "delete-row"
    /// Keep the row, replace its identifier columns (row rules) or the column with pseudonym tokens.
    case pseudonymise
    /// Set the column to NULL.
    case setNull = "set-null"
    /// Delete the file and set its column to NULL; the row stays.
    case deleteFile = "delete-file"
}

/// One retention rule of the data map in the form the selector and the purge work with.
public struct RetentionRule: Sendable, Equatable {
    /// The table the rule applies to.
    public var table: String
    /// The table's primary key column (what findings name rows by).
    public var primaryKey: String
    /// The column (column rules) or file column (file rules); nil for row rules.
    public var column: String?
    /// Rows, one column's values, or files.
    public var scope: RetentionScope
    /// The rule in words, as the privacy policy states it.
    public var rule: String
    /// How the period is counted.
    public var period: RetentionPeriod
    /// What the purge does once it is over.
    public var action: RetentionAction
    /// Row rules: tables whose rows, while they reference a row, keep it (pseudonymised instead).
    public var whileReferencedBy: [String]
    /// Row rules: what happens to a row past its period that a row of ``whileReferencedBy`` needs.
    public var actionWhileReferenced: RetentionAction?
    /// Row rules: reference columns whose referenced rows are purged with the row.
    public var alsoPurge: [String]
    /// Row rules that pseudonymise: the identifier columns a pseudonymised row no longer holds in clear.
    public var identifierColumns: [String]

    /// Creates a rule.
    public init(
        table: String, primaryKey: String, column: String?, scope: RetentionScope, rule: String,
        period: RetentionPeriod, action: RetentionAction, whileReferencedBy: [String] = [],
        actionWhileReferenced: RetentionAction? = nil, alsoPurge: [String] = [], identifierColumns: [String] = []
    ) {
        self.table = table
        self.primaryKey = primaryKey
        self.column = column
        self.scope = scope
        self.rule = rule
        self.period = period
        self.action = action
        self.whileReferencedBy = whileReferencedBy
        self.actionWhileReferenced = actionWhileReferenced
        self.alsoPurge = alsoPurge
        self.identifierColumns = identifierColumns
    }
}

extension RetentionRule {
    /// Every rule of `map` that can be checked by date, in map order: per table its row rule,
    /// then its column rules, then its file rules.
    public static func rules(of map: DataMap) -> [RetentionRule] {
        map.tables.flatMap { table in rules(of: table) }
    }

    /// The tables whose row rule is words alone ("while the contract lasts"): not checkable by
    /// date, never purged.
    public static func notCheckable(in map: DataMap) -> [String] {
        map.tables.filter { !$0.retention.hasPeriod }.map(\.name)
    }

    private static func rules(of table: TableMap) -> [RetentionRule] {
        var rules: [RetentionRule] = []
        let retention = table.retention
        if let from = retention.from {
            let period: RetentionPeriod? =
                if let days = retention.days {
                    .days(days, from: from)
                } else if let path = retention.daysColumn {
                    .daysColumn(path, from: from)
                } else {
                    nil
                }
            if let period {
                rules.append(
                    RetentionRule(
                        table: table.name, primaryKey: table.primaryKey, column: nil, scope: .row,
                        rule: retention.rule, period: period, action: action(retention.action),
                        whileReferencedBy: retention.whileReferencedBy,
                        actionWhileReferenced: retention.thenReferenced.map(action),
                        alsoPurge: retention.alsoPurge, identifierColumns: table.identifiers.map(\.column)))
            }
        }
        for column in table.columns {
            guard let kept = column.retention else { continue }
            rules.append(
                RetentionRule(
                    table: table.name, primaryKey: table.primaryKey, column: column.column, scope: .column,
                    rule: retention.rule, period: .days(kept.days, from: kept.from),
                    action: kept.then == .setNull ? .setNull : .pseudonymise))
        }
        for file in table.files {
            guard let kept = file.retention else { continue }
            rules.append(
                RetentionRule(
                    table: table.name, primaryKey: table.primaryKey, column: file.column, scope: .file,
                    rule: retention.rule, period: .untilSet(kept.untilSet), action: .deleteFile))
        }
        return rules
    }

    private static func action(_ action: RowRetentionAction) -> RetentionAction {
        switch action {
        case .deleteRow: .deleteRow
        case .pseudonymise: .pseudonymise
        }
    }
}
