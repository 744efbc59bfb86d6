import Foundation

extension Session {
    /// The register of restrictions and holds, on this session's state database and clock.
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``.
    public func limitsRegister() throws -> LimitsRegister {
        LimitsRegister(state: try state(), actor: actor, now: now)
    }

    /// The restrictions and holds not lifted or released, for one erasure or purge.
    ///
    /// - Throws: ``StoreError``, ``PrivacyError``.
    public func processingLimits() throws -> ProcessingLimits {
        try ProcessingLimits.load(limitsRegister(), hasher: hasher())
    }

    /// Restricts processing of `subject` (`dsr restrict`, Art. 18): locates the person first
    /// and stores the keyed hashes of every located identifier (given and learnt), so a
    /// check by a phone learnt from a contact row answers too.
    ///
    /// - Throws: ``RestrictionError``, locate errors, ``StoreError``.
    public func restrict(_ subject: Subject, reason: String, until: CalendarDate?) throws -> RestrictionResult {
        let (identifiers, tables) = try locateForLimit(subject)
        let map = try dataMap()
        let restriction = try limitsRegister().restrict(
            hashes: try auditSubjects(identifiers), requestID: subject.request?.id, reason: reason, until: until,
            tables: tables,
            details: ["recipients": .int(Int64(RestrictionResult.recipients(of: tables, in: map).count))])
        return RestrictionResult(restriction, map: map)
    }

    /// Lifts restriction `id` (`dsr restrict lift`), the person told on `informedOn`.
    ///
    /// - Throws: ``RestrictionError``, ``StoreError``.
    public func liftRestriction(_ id: String, informedOn: CalendarDate) throws -> RestrictionResult {
        RestrictionResult(try limitsRegister().lift(id, informedOn: informedOn), map: try dataMap())
    }

    /// Puts a legal hold on the records of `subject` (`dsr hold add`): locates the person
    /// and stores the keyed hashes of every located identifier.
    ///
    /// - Throws: ``RestrictionError``, locate errors, ``StoreError``.
    public func hold(_ subject: Subject, basis: String, until: CalendarDate) throws -> LegalHold {
        let (identifiers, tables) = try locateForLimit(subject)
        return try limitsRegister().hold(
            hashes: try auditSubjects(identifiers), requestID: subject.request?.id, basis: basis, until: until,
            details: ["tables": .list(tables.map(AuditValue.text))])
    }

    /// The restrictions in force today on any of the identifiers typed (`dsr restrict check`):
    /// they are only parsed, canonicalised and hashed, never located, so every stored form of
    /// a number answers alike.
    ///
    /// - Throws: ``IdentityError`` for an identifier that does not read; ``StoreError``.
    public func restrictionsInForce(typed: [String]) throws -> [Restriction] {
        for (index, text) in typed.enumerated() where SubjectIdentifier.containsControlCharacter(text) {
            throw IdentityError.controlCharacter(argument: index + 1, of: typed.count)
        }
        let identifiers = try typed.map { try SubjectIdentifier.parse($0, defaultCountry: defaultCountry) }
        guard !identifiers.isEmpty else { throw SessionError.noIdentifiers }
        return try limitsInForce(on: identifiers).restrictions
    }

    /// The restrictions and holds that apply today to any of `identifiers` (a located
    /// person's, for `locate` and `export`).
    ///
    /// - Throws: ``StoreError``, ``PrivacyError``.
    public func limitsInForce(on identifiers: [SubjectIdentifier]) throws -> LimitsInForce {
        let limits = try processingLimits()
        let hashes = identifiers.map(limits.hash)
        return LimitsInForce(
            restrictions: limits.restrictions(onAny: hashes, on: limits.today),
            holds: limits.holds(onAny: hashes, on: limits.today))
    }

    /// Notes in `result` the restrictions and holds that apply today to the located person
    /// (`dsr locate` shows them).
    ///
    /// - Throws: ``StoreError``, ``PrivacyError``.
    public func noteLimits(in result: inout LocateResult) throws -> LimitsInForce {
        let limits = try limitsInForce(on: result.subjectIdentifiers)
        result.restrictions = limits.restrictions.map {
            LocatedRestriction(id: $0.id, since: $0.since, until: $0.until?.description)
        }
        result.holds = limits.holds.map { LocatedHold(id: $0.id, until: $0.until.description) }
        return limits
    }

    /// Locates `subject` in one read transaction: every located identifier, and the tables
    /// holding the person's own records (map order).
    private func locateForLimit(_ subject: Subject) throws -> ([SubjectIdentifier], [String]) {
        let map = try dataMap()
        let result = try readingOperations { reader, fingerprint in
            try locate(subject.identifiers, options: LocateOptions(), reader, fingerprint)
        }
        let own = Set(result.records.filter { $0.relation == .subject }.map(\.table))
        var identifiers = subject.identifiers
        for identifier in result.subjectIdentifiers where !identifiers.contains(identifier) {
            identifiers.append(identifier)
        }
        return (identifiers, map.tables.map(\.name).filter(own.contains))
    }
}
