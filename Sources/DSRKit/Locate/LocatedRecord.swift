/// A located record and how it was reached.
public struct LocatedRecord: Sendable, Codable, Equatable {
    /// The record; its column is the one that matched (for a record reached as a parent,
    /// the referenced column; for a child, its referencing column).
    public var record: RecordReference
    /// The subject's own record, or related context (the owner's business).
    public var relation: MatchRelation
    /// How it was reached.
    public var step: LocateStep

    /// Creates a located record.
    public init(record: RecordReference, relation: MatchRelation, step: LocateStep) {
        self.record = record
        self.relation = relation
        self.step = step
    }

    /// The table.
    public var table: String { record.table }
    /// The row's primary key.
    public var key: RecordKey { record.key }
    /// The column that matched, or the referencing column that led here.
    public var matchedOn: String {
        switch step {
        case .identifier: record.column ?? ""
        case .reference(let reference): reference.column
        }
    }
    /// The identifier that matched (`phone:+31…`), or the record that led here (`cdrs:12`).
    public var via: String { step.description }
    /// Whether a column matched or another record led here.
    public var reachedBy: ReachedBy { step.reachedBy }

    private enum CodingKeys: String, CodingKey {
        case relation, matchedOn, reachedBy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        record = try RecordReference(flatFrom: decoder)
        relation = try container.decode(MatchRelation.self, forKey: .relation)
        step = try LocateStep(
            from: try decoder.container(keyedBy: LocateStepKeys.self),
            reachedBy: try container.decode(ReachedBy.self, forKey: .reachedBy))
    }

    public func encode(to encoder: any Encoder) throws {
        try record.encodeFlat(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(relation, forKey: .relation)
        try container.encode(matchedOn, forKey: .matchedOn)
        try container.encode(reachedBy, forKey: .reachedBy)
        var steps = encoder.container(keyedBy: LocateStepKeys.self)
        try step.encode(into: &steps)
    }
}

/// An identifier of the subject and where it came from.
public struct LocatedIdentifier: Sendable, Codable, Equatable {
    /// The identifier.
    public var identifier: SubjectIdentifier
    /// Given by the DPO, or learnt from one of the subject's records.
    public var origin: IdentifierOrigin
    /// For learnt identifiers: the record and column it was read from.
    public var source: RecordReference?
    /// For learnt identifiers: how that record was reached (the identifier that found it,
    /// or the record it belongs to: an order of the subject's contact row).
    public var sourceStep: LocateStep?

    /// Creates a located identifier.
    public init(
        identifier: SubjectIdentifier, origin: IdentifierOrigin, source: RecordReference? = nil,
        sourceStep: LocateStep? = nil
    ) {
        self.identifier = identifier
        self.origin = origin
        self.source = source
        self.sourceStep = sourceStep
    }

    /// `email`, `phone`, `ip` or `customer`.
    public var kind: SubjectIdentifier.Kind { identifier.kind }
    /// The canonical value (`+31703111050`).
    public var value: String { identifier.value }
    /// `kind:value`, the form that is displayed and hashed (as ``SubjectIdentifier/canonical``).
    public var canonical: String { identifier.canonical }
    /// For learnt identifiers: the identifier or record that led to the source, as text.
    public var via: String? { sourceStep?.description }

    private enum CodingKeys: String, CodingKey {
        case kind, value, origin, source
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(SubjectIdentifier.Kind.self, forKey: .kind)
        let value = try container.decode(String.self, forKey: .value)
        guard let identifier = SubjectIdentifier(canonical: kind.rawValue + ":" + value) else {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container, debugDescription: "not a canonical \(kind.rawValue) value")
        }
        self.identifier = identifier
        origin = try container.decode(IdentifierOrigin.self, forKey: .origin)
        source = try container.decodeIfPresent(RecordReference.self, forKey: .source)
        let steps = try decoder.container(keyedBy: LocateStepKeys.self)
        if steps.contains(.via) {
            sourceStep = try LocateStep(from: steps, reachedBy: steps.contains(.from) ? .reference : .identifier)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(value, forKey: .value)
        try container.encode(origin, forKey: .origin)
        try container.encodeIfPresent(source, forKey: .source)
        if let sourceStep {
            var steps = encoder.container(keyedBy: LocateStepKeys.self)
            try sourceStep.encode(into: &steps)
        }
    }
}

extension SubjectIdentifier.Kind: Codable {}
