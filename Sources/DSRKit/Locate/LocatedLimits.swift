/// A restriction of processing (Art. 18) in force on the located person, as `locate` shows it.
public struct LocatedRestriction: Sendable, Codable, Equatable {
    /// `R-2026-0001`.
    public var id: String
    /// When it began (ISO 8601 UTC).
    public var since: String
    /// Its last day (`YYYY-MM-DD`); nil (`null`) until lifted.
    public var until: String?

    /// Creates one.
    public init(id: String, since: String, until: String?) {
        self.id = id
        self.since = since
        self.until = until
    }

    private enum CodingKeys: String, CodingKey { case id, since, until }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(since, forKey: .since)
        // Always written: `null` says "until lifted".
        try container.encode(until, forKey: .until)
    }

    var jsonText: JSONText {
        .object([("id", .string(id)), ("since", .string(since)), ("until", until.map(JSONText.string) ?? .null)])
    }
}

/// A legal hold active on the located person's records, as `locate` shows it.
public struct LocatedHold: Sendable, Codable, Equatable {
    /// `H-2026-0001`.
    public var id: String
    /// Its last day (`YYYY-MM-DD`).
    public var until: String

    /// Creates one.
    public init(id: String, until: String) {
        self.id = id
        self.until = until
    }

    var jsonText: JSONText { .object([("id", .string(id)), ("until", .string(until))]) }
}
