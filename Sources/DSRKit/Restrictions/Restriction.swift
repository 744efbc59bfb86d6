import Foundation

/// A restriction of processing (GDPR Art. 18): while it is in force, dsr erases and purges
/// nothing of the person, and other systems can ask `dsr restrict check` before they use
/// the person's data.
public struct Restriction: Sendable, Codable, Equatable {
    /// `R-2026-0001`: the year and a number that restarts every year.
    public var id: String
    /// The request it answers, if any.
    public var requestID: String?
    /// The DPO's reason (kept in the register, never in the audit trail).
    public var reason: String
    /// When it began (ISO 8601 UTC).
    public var since: String
    /// The last day it applies (UTC, inclusive); nil until lifted.
    public var until: CalendarDate?
    /// When it was lifted (ISO 8601 UTC).
    public var liftedAt: String?
    /// The day the person was told it would be lifted (Art. 18(3)).
    public var informedOn: CalendarDate?
    /// The tables that held the person's own records when it was recorded (their
    /// recipients are told of it, Art. 19).
    public var tables: [String]

    /// Where a restriction stands on a given day.
    public enum Status: String, Sendable, Codable, Equatable {
        /// It applies.
        case inForce = "in-force"
        /// It was lifted (Art. 18(3)).
        case lifted
        /// Its `until` day has passed.
        case expired
    }

    /// The status on `day`: lifted, else in force through its `until` day, else expired.
    public func status(on day: CalendarDate) -> Status {
        if liftedAt != nil { return .lifted }
        if let until, until < day { return .expired }
        return .inForce
    }

    /// The day it began (UTC).
    public var sinceDay: CalendarDate? { CalendarDate(iso: String(since.prefix(10))) }
}

/// A legal hold (GDPR Art. 17(3)(b) and (e): a legal obligation, or legal claims): the
/// matching records are kept out of every erasure and purge through its `until` day.
public struct LegalHold: Sendable, Codable, Equatable {
    /// `H-2026-0001`: the year and a number that restarts every year.
    public var id: String
    /// The request it belongs to, if any.
    public var requestID: String?
    /// Why the records must be kept (a police request, a dispute): the DPO's text.
    public var basis: String
    /// When it was added (ISO 8601 UTC).
    public var addedAt: String
    /// The last day it applies (UTC, inclusive).
    public var until: CalendarDate
    /// When it was released (ISO 8601 UTC).
    public var releasedAt: String?
    /// Why it was released: the DPO's text.
    public var releaseReason: String?

    /// Where a hold stands on a given day.
    public enum Status: String, Sendable, Codable, Equatable {
        /// It applies.
        case active
        /// Its `until` day has passed: it stopped applying by itself.
        case expired
        /// It was released before its date.
        case released
    }

    /// The status on `day`: released, else active through its `until` day, else expired.
    public func status(on day: CalendarDate) -> Status {
        if releasedAt != nil { return .released }
        return until < day ? .expired : .active
    }
}
