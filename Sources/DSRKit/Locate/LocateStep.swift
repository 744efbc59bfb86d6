/// How a record was reached: an identifier matched one of its columns, or another located
/// record leads to it along a reference of the data map.
public enum LocateStep: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// One of the subject's identifiers matched.
    case identifier(SubjectIdentifier)
    /// Reached from another record along a reference.
    case reference(ReferenceStep)

    /// `identifier` or `reference`.
    public var reachedBy: ReachedBy {
        switch self {
        case .identifier: .identifier
        case .reference: .reference
        }
    }

    /// The identifier (`phone:+31…`) or the record (`cdrs:12`), as `via` shows it.
    public var description: String {
        switch self {
        case .identifier(let identifier): identifier.canonical
        case .reference(let step): step.from.description
        }
    }
}

/// One step along a reference: from a located record to the record it leads to.
public struct ReferenceStep: Sendable, Equatable, Hashable {
    /// The record the step starts from (without a column).
    public var from: RecordReference
    /// The referencing column (a column of the child table of the reference).
    public var column: String
    /// Which way the reference was followed.
    public var link: ReferenceLink

    /// Creates a step.
    public init(from: RecordReference, column: String, link: ReferenceLink) {
        self.from = from
        self.column = column
        self.link = link
    }
}

/// Which way a reference was followed; erasure orders its steps by it (children first).
public enum ReferenceLink: String, Sendable, Codable, Equatable, Hashable {
    /// The record reached is the one the starting record's `column` references (its parent).
    case parent
    /// The record reached references the starting record through its `column` (a child).
    case child
}

/// How a record was reached, as `reached_by` says it.
public enum ReachedBy: String, Sendable, Codable, Equatable {
    /// A column matched one of the subject's identifiers.
    case identifier
    /// Another located record leads here.
    case reference
}

/// Where an identifier came from.
public enum IdentifierOrigin: String, Sendable, Codable, Equatable {
    /// Typed by the DPO (or kept by the request).
    case given
    /// Learnt from one of the subject's own records.
    case derived
}

// MARK: - JSON

/// The keys a ``LocateStep`` adds to the object that holds it: `via` and, for references,
/// `from` and `link`, so that the JSON reads back into the same typed value.
enum LocateStepKeys: String, CodingKey {
    case via, from, link
}

extension LocateStep {
    func encode(into container: inout KeyedEncodingContainer<LocateStepKeys>) throws {
        try container.encode(description, forKey: .via)
        if case .reference(let step) = self {
            try container.encode(
                RecordReference(table: step.from.table, key: step.from.key, column: step.column), forKey: .from)
            try container.encode(step.link, forKey: .link)
        }
    }

    init(from container: KeyedDecodingContainer<LocateStepKeys>, reachedBy: ReachedBy) throws {
        switch reachedBy {
        case .reference:
            let from = try container.decode(RecordReference.self, forKey: .from)
            self = .reference(
                ReferenceStep(
                    from: from.row, column: from.column ?? "",
                    link: try container.decode(ReferenceLink.self, forKey: .link)))
        case .identifier:
            let text = try container.decode(String.self, forKey: .via)
            guard let identifier = SubjectIdentifier(canonical: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .via, in: container, debugDescription: "not a canonical kind:value identifier")
            }
            self = .identifier(identifier)
        }
    }
}

extension SubjectIdentifier {
    /// Reads back a canonical `kind:value` string that dsr itself wrote; nil otherwise.
    public init?(canonical text: String) {
        guard let colon = text.firstIndex(of: ":"), let kind = Kind(rawValue: String(text[..<colon])),
            let parsed = try? SubjectIdentifier.parse(
                String(text[text.index(after: colon)...]), as: kind, defaultCountry: "NL"),
            parsed.canonical == text
        else { return nil }
        self = parsed
    }
}
