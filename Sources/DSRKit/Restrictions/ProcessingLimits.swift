import Foundation

/// What keeps a record from being erased or purged: a legal hold or a restriction in force.
public enum ProcessingLimit: Sendable, Equatable {
    case hold(LegalHold)
    case restriction(Restriction)

    /// `H-2026-0001` or `R-2026-0001`.
    public var id: String {
        switch self {
        case .hold(let hold): hold.id
        case .restriction(let restriction): restriction.id
        }
    }

    /// Why the record is kept, as an erasure plan's `held` step states it.
    public var basis: String {
        switch self {
        case .hold(let hold): "legal hold \(hold.id): \(hold.basis)"
        case .restriction(let restriction): "restriction \(restriction.id) (Art. 18): \(restriction.reason)"
        }
    }

    /// The last day it applies; nil for a restriction without an end (until lifted).
    public var until: CalendarDate? {
        switch self {
        case .hold(let hold): hold.until
        case .restriction(let restriction): restriction.until
        }
    }
}

/// The restrictions and legal holds not lifted or released, by keyed identifier hash: loaded
/// once per erasure (or purge) and asked per person and per row.
///
/// Whether one applies depends on the day: each applies through its `until` day inclusive
/// (UTC) and then stops by itself, so a purge run `--as-of` another day asks for that day.
public struct ProcessingLimits: Sendable {
    /// The day the limits were loaded for (the session's today, UTC).
    public let today: CalendarDate
    private let hasher: KeyedHasher
    private let restrictionsByHash: [String: [Restriction]]
    private let holdsByHash: [String: [LegalHold]]

    /// No limits: nothing is held.
    public static func none(today: CalendarDate, hasher: KeyedHasher) -> ProcessingLimits {
        ProcessingLimits(today: today, hasher: hasher, restrictions: [], holds: [])
    }

    /// Limits from the entries of a register (lifted and released ones left out).
    init(
        today: CalendarDate, hasher: KeyedHasher, restrictions: [(Restriction, [String])],
        holds: [(LegalHold, [String])]
    ) {
        self.today = today
        self.hasher = hasher
        var restrictionsByHash: [String: [Restriction]] = [:]
        for (restriction, hashes) in restrictions where restriction.liftedAt == nil {
            for hash in hashes { restrictionsByHash[hash, default: []].append(restriction) }
        }
        var holdsByHash: [String: [LegalHold]] = [:]
        for (hold, hashes) in holds where hold.releasedAt == nil {
            for hash in hashes { holdsByHash[hash, default: []].append(hold) }
        }
        self.restrictionsByHash = restrictionsByHash
        self.holdsByHash = holdsByHash
    }

    /// Loads every restriction and hold of `register` that was not lifted or released.
    ///
    /// - Throws: ``StoreError``; ``StateError/corruptRow(table:row:column:)``.
    public static func load(_ register: LimitsRegister, hasher: KeyedHasher) throws -> ProcessingLimits {
        let (restrictions, holds) = try register.unlifted()
        return ProcessingLimits(today: register.today, hasher: hasher, restrictions: restrictions, holds: holds)
    }

    /// Whether there is nothing to ask (no erasure needs to hash its rows then).
    public var isEmpty: Bool { restrictionsByHash.isEmpty && holdsByHash.isEmpty }

    /// The keyed hash an identifier is stored under.
    public func hash(_ identifier: SubjectIdentifier) -> String { hasher.hex(identifier.canonical) }

    /// The restrictions in force on `day` on any of `hashes`, by id.
    public func restrictions(onAny hashes: some Sequence<String>, on day: CalendarDate) -> [Restriction] {
        var found: [String: Restriction] = [:]
        for hash in hashes {
            for restriction in restrictionsByHash[hash] ?? [] where restriction.status(on: day) == .inForce {
                found[restriction.id] = restriction
            }
        }
        return found.values.sorted { $0.id < $1.id }
    }

    /// The holds active on `day` on any of `hashes`, by id.
    public func holds(onAny hashes: some Sequence<String>, on day: CalendarDate) -> [LegalHold] {
        var found: [String: LegalHold] = [:]
        for hash in hashes {
            for hold in holdsByHash[hash] ?? [] where hold.status(on: day) == .active { found[hold.id] = hold }
        }
        return found.values.sorted { $0.id < $1.id }
    }

    /// What keeps a row on `day` whose identifier cells hash to `hashes`: the first active
    /// hold by id, else the first restriction in force not in `overridden` (the ids an
    /// erasure's `--override-restriction` set aside); nil when nothing does. The retention
    /// purge asks the same question of every row it would purge.
    public func keeping(
        _ hashes: some Sequence<String>, on day: CalendarDate, overriding overridden: Set<String> = []
    ) -> ProcessingLimit? {
        let hashes = Array(hashes)
        if let hold = holds(onAny: hashes, on: day).first { return .hold(hold) }
        if let restriction = restrictions(onAny: hashes, on: day).first(where: { !overridden.contains($0.id) }) {
            return .restriction(restriction)
        }
        return nil
    }

    /// ``keeping(_:on:overriding:)`` for identifiers read from a row.
    public func keeping(
        identifiers: some Sequence<SubjectIdentifier>, on day: CalendarDate, overriding overridden: Set<String> = []
    ) -> ProcessingLimit? {
        keeping(identifiers.map(hash), on: day, overriding: overridden)
    }
}
