/// What one retention rule found as of a cutoff: how many records are past it, the oldest
/// start, and (internally) the oldest rows for the purge. Counts and dates only: never a value.
public struct RetentionFinding: Sendable, Encodable {
    /// The table.
    public let table: String
    /// The column (column rules) or file column (file rules); nil for row rules.
    public let column: String?
    /// Rows, one column's values, or files.
    public let scope: RetentionScope
    /// The rule in words.
    public let rule: String
    /// How many records are past retention.
    public let count: Int
    /// The oldest start among them, `2025-01-03T08:12:00Z` (UTC); nil when there are none.
    public let oldest: String?
    /// Records whose start is NULL or not a readable timestamp: reported, never purged.
    public let undated: Int
    /// Records whose per-row period is NULL (a number without `recording_retention_days`),
    /// or cannot be read: reported as unset, never purged.
    public let unsetPeriod: Int

    /// The rule the finding is of (what the purge does to ``rows``).
    let source: RetentionRule
    /// The oldest rows past retention, oldest first, at most the selector's `limit`.
    let rows: [RetentionRow]
    /// Rows past their period that stay only because a row of `while_referenced_by` still
    /// needs them (their identifiers already pseudonymised): a purge that deletes those rows
    /// deletes these in the same run. Not counted as past retention.
    let waiting: [RetentionRow]
    /// Records past retention after the selection's cursor: more than ``rows`` holds means a
    /// later window of the same purge has rows to take.
    let beyond: Int

    init(
        source: RetentionRule, count: Int, oldest: Int64?, undated: Int, unsetPeriod: Int, rows: [RetentionRow],
        waiting: [RetentionRow] = [], beyond: Int? = nil
    ) {
        self.waiting = waiting
        self.beyond = beyond ?? count
        self.source = source
        table = source.table
        column = source.column
        scope = source.scope
        rule = source.rule
        self.count = count
        self.oldest = oldest.map(RetentionCutoff.iso)
        self.undated = undated
        self.unsetPeriod = unsetPeriod
        self.rows = rows
    }

    private enum CodingKeys: String, CodingKey {
        case table, column, scope, rule, count, oldest
    }

    /// Encodes the report fields (`table`, `column` (null for row rules), `scope`, `rule`,
    /// `count`, `oldest`); the rows stay internal.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(table, forKey: .table)
        try container.encode(column, forKey: .column)
        try container.encode(scope, forKey: .scope)
        try container.encode(rule, forKey: .rule)
        try container.encode(count, forKey: .count)
        try container.encode(oldest, forKey: .oldest)
    }
}
