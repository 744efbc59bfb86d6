import Foundation

/// The kinds of data-subject request (GDPR Art. 15–21).
public enum RequestType: String, Sendable, Codable, CaseIterable {
    case access, portability, erasure, rectification, restriction, objection
}

/// Where a request is in its life: `open` until it is closed, then `closed` for good.
public enum RequestStatus: String, Sendable, Codable, CaseIterable {
    case open, closed
}

/// How a request ended.
public enum RequestOutcome: String, Sendable, Codable, CaseIterable {
    case completed, refused, withdrawn
}

/// One request of the register, as `dsr request show` reports it.
public struct Request: Sendable, Codable, Equatable {
    /// `DSR-YYYY-NNNN`, sequential per year of registration.
    public var id: String
    public var type: RequestType
    /// Open until it is closed.
    public var status: RequestStatus
    /// The day the request was received (the deadline runs from it).
    public var received: CalendarDate
    /// One month after receipt (Art. 12(3)).
    public var due: CalendarDate
    /// Two further months, when extended.
    public var extendedDue: CalendarDate?
    public var extensionReason: String?
    public var reference: String?
    public var channel: String?
    public var note: String?
    /// When identity was verified (Art. 12(6)), how, and by whom.
    public var verifiedAt: String?
    public var verificationMethod: String?
    public var verifiedBy: String?
    public var closedAt: String?
    public var outcome: RequestOutcome?
    public var closeReason: String?
    /// The day the identifiers are replaced by keyed hashes.
    public var forgetIdentifiersOn: CalendarDate?
    public var openedAt: String
    /// The subject's identifiers: canonical while kept, only their kind once forgotten.
    public var subjects: [RequestSubject]

    /// The date that counts now: the extended one when there is one.
    public var effectiveDue: CalendarDate { extendedDue ?? due }

    /// Whether the request is open and its deadline has passed on `today`.
    public func isOverdue(on today: CalendarDate) -> Bool { status == .open && today > effectiveDue }

    /// Why the request may not be carried out as a `type` request without `--force`: another
    /// type, an identity not verified (Art. 12(6)), or closed; nil when it may.
    public func notReady(for type: RequestType) -> String? {
        if self.type != type { return "it is \(self.type == .access ? "an" : "a") \(self.type.rawValue) request" }
        if verifiedAt == nil { return "the subject's identity is not verified" }
        if status != .open { return "it is closed" }
        return nil
    }
}

/// An identifier of a request's subject.
public struct RequestSubject: Sendable, Codable, Equatable {
    /// `email`, `phone`, `ip` or `customer`.
    public var kind: String
    /// The canonical value while the request needs it; nil once replaced by its hash.
    public var value: String?
    /// HMAC-SHA-256 of the canonical `kind:value` with the workspace secret.
    public var hash: String
}

extension Request {
    /// The identifiers the register still keeps for this request (none once forgotten).
    ///
    /// - Throws: ``StateError/corruptRow(table:row:column:)`` for a kind dsr does not know;
    ///   ``IdentityError`` if a stored value no longer parses (a bug).
    public func keptIdentifiers(defaultCountry: String) throws -> [SubjectIdentifier] {
        try subjects.compactMap { subject in
            guard let value = subject.value else { return nil }
            guard let kind = SubjectIdentifier.Kind(rawValue: subject.kind) else {
                throw StateError.corruptRow(table: "request_subjects", row: id, column: "kind")
            }
            return try SubjectIdentifier.parse(value, as: kind, defaultCountry: defaultCountry)
        }
    }
}
