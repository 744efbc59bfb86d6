/// What `dsr rectify` reports: the plan, and whether it was applied.
///
/// Encoded (`--json`), old and new values are masked: the document goes to scripts and logs.
/// Only the text report on the DPO's own terminal shows them in full.
public struct RectificationReport: Sendable, Encodable {
    public var plan: RectificationPlan
    public var applied: Bool
    /// On a PostgreSQL server: what it keeps of the old values beyond dsr's reach.
    public var server: ServerRemnants?

    public init(plan: RectificationPlan, applied: Bool, server: ServerRemnants? = nil) {
        self.plan = plan
        self.applied = applied
        self.server = server
    }

    enum CodingKeys: String, CodingKey {
        case digest, applied, changes, not_changeable, notify, server
    }

    private struct Change: Encodable {
        let table: String
        let key: RecordKey
        let column: String
        let old: String?
        let new: String
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan.digest, forKey: .digest)
        try container.encode(applied, forKey: .applied)
        try container.encode(
            plan.steps.map {
                Change(table: $0.table, key: $0.key, column: $0.column, old: $0.maskedOld, new: $0.maskedNew)
            }, forKey: .changes)
        try container.encode(plan.notChangeable, forKey: .not_changeable)
        try container.encode(plan.notify, forKey: .notify)
        try container.encodeIfPresent(server, forKey: .server)
    }
}

extension RectificationStep {
    /// The old value masked (an identifier as ``SubjectIdentifier/masked``, text to the first
    /// letter of each word); nil for NULL.
    public var maskedOld: String? {
        if let identifiers { return identifiers.old.masked }
        return old.map(Self.masked)
    }

    /// The new value masked the same way.
    public var maskedNew: String {
        if let identifiers { return identifiers.new.masked }
        return Self.masked(new)
    }

    /// `Jan de Vries` → `J** d* V****`.
    static func masked(_ text: String) -> String {
        text.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.isEmpty ? "" : String(word.prefix(1)) + String(repeating: "*", count: word.count - 1)
        }.joined(separator: " ")
    }
}
