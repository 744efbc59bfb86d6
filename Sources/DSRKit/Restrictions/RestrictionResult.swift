/// What `dsr restrict` and `dsr restrict lift` did, with what Art. 19 notices need: the
/// recipients of the tables that held the person's records, and those tables.
public struct RestrictionResult: Sendable, Codable, Equatable {
    /// `R-2026-0001`.
    public var id: String
    /// The request it answers, if any.
    public var requestID: String?
    /// The DPO's reason.
    public var reason: String
    /// When it began (ISO 8601 UTC).
    public var since: String
    /// Its last day, if it has one.
    public var until: CalendarDate?
    /// When it was lifted, for a lift.
    public var liftedAt: String?
    /// The day the person was told of the lift (Art. 18(3)).
    public var informedOn: CalendarDate?
    /// Whom to inform (Art. 19): the data map's recipients of ``tables``, without repeats.
    public var recipients: [String]
    /// The tables that hold the person's own records.
    public var tables: [String]

    /// The result for `restriction`, with the recipients of its tables in `map`.
    public init(_ restriction: Restriction, map: DataMap) {
        id = restriction.id
        requestID = restriction.requestID
        reason = restriction.reason
        since = restriction.since
        until = restriction.until
        liftedAt = restriction.liftedAt
        informedOn = restriction.informedOn
        tables = restriction.tables
        recipients = Self.recipients(of: restriction.tables, in: map)
    }

    /// The recipients of `tables` in the map's order, each once.
    static func recipients(of tables: [String], in map: DataMap) -> [String] {
        var recipients: [String] = []
        for table in map.tables where tables.contains(table.name) {
            for recipient in table.recipients where !recipients.contains(recipient) { recipients.append(recipient) }
        }
        return recipients
    }
}

/// The restrictions and holds that apply to a located person today: what `locate` and
/// `export` show.
public struct LimitsInForce: Sendable, Codable, Equatable {
    /// Restrictions in force on any of the person's identifiers.
    public var restrictions: [Restriction]
    /// Active holds on any of the person's identifiers.
    public var holds: [LegalHold]

    /// Creates one (empty: nothing applies).
    public init(restrictions: [Restriction] = [], holds: [LegalHold] = []) {
        self.restrictions = restrictions
        self.holds = holds
    }

    /// Whether nothing applies.
    public var isEmpty: Bool { restrictions.isEmpty && holds.isEmpty }
}
