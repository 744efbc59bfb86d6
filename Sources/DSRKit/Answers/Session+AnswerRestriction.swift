extension Session {
    /// A restriction (``restrict(_:reason:until:)``, Art. 18) with its letter: the letter is
    /// rendered once before anything is recorded (a missing template or controller detail
    /// stops it, exit 65); after, the letter "restriction in force" and one notice per
    /// recipient are written.
    ///
    /// - Throws: as ``restrict(_:reason:until:)``, and letter errors before it.
    public func answerRestriction(_ subject: Subject, reason: String, until: CalendarDate?, language: Language)
        throws -> Answer<RestrictionResult>
    {
        let today = CalendarDate.today(clock: now)
        _ = try restrictionLetter(
            RestrictionFacts(id: "", reason: reason, since: today, until: until, tables: [], recipients: []),
            lifted: false, for: subject, language: language)
        let result = try restrict(subject, reason: reason, until: until)
        return Answer(
            report: result,
            letters: deliver {
                try restrictionLetter(
                    RestrictionFacts(result, since: today), lifted: false, for: subject, language: language)
            })
    }

    /// The letter of a restriction an earlier run recorded but was stopped before it wrote
    /// (a bulk row's resume): from the restriction as the register holds it, finishing what that
    /// run wrote of the set (``completeLetters(_:)``), nothing written twice.
    ///
    /// - Throws: as ``answerRestriction(_:reason:until:language:)``, letter errors excepted.
    func answerRecordedRestriction(_ restriction: Restriction, for subject: Subject, language: Language) throws
        -> Answer<RestrictionResult>
    {
        let result = RestrictionResult(restriction, map: try dataMap())
        let since = CalendarDate(iso: String(restriction.since.prefix(10))) ?? CalendarDate.today(clock: now)
        return Answer(
            report: result,
            letters: deliver(resuming: true) {
                try restrictionLetter(
                    RestrictionFacts(result, since: since), lifted: false, for: subject, language: language)
            })
    }

    /// A lift (``liftRestriction(_:informedOn:)``, Art. 18(3)) with its letter and notices. dsr
    /// keeps a restriction's subject only as keyed hashes, so the letter names the person by
    /// the request it answers (its identifiers, while the request keeps them), else by the
    /// restriction's id.
    ///
    /// - Throws: as ``liftRestriction(_:informedOn:)``, and letter errors before it.
    public func answerLift(_ id: String, informedOn: CalendarDate, language: Language) throws
        -> Answer<RestrictionResult>
    {
        let restriction = try limitsRegister().restriction(id)
        let subject = try liftedSubject(restriction.requestID)
        let since = CalendarDate(iso: String(restriction.since.prefix(10))) ?? CalendarDate.today(clock: now)
        _ = try restrictionLetter(
            RestrictionFacts(
                id: id, reason: restriction.reason, since: since, informedOn: informedOn, tables: [], recipients: []),
            lifted: true, for: subject, language: language)
        let result = try liftRestriction(id, informedOn: informedOn)
        return Answer(
            report: result,
            letters: deliver {
                try restrictionLetter(
                    RestrictionFacts(result, since: since), lifted: true, for: subject, language: language)
            })
    }

    /// Whom a lift's letter is to: the request's subject while it keeps identifiers.
    private func liftedSubject(_ requestID: String?) throws -> Subject {
        guard let requestID else { return Subject(identifiers: [], request: nil) }
        let request = try register().show(requestID)
        return Subject(identifiers: try request.keptIdentifiers(defaultCountry: defaultCountry), request: request)
    }
}

extension RestrictionFacts {
    /// The facts of a restriction as recorded.
    init(_ result: RestrictionResult, since: CalendarDate) {
        self.init(
            id: result.id, reason: result.reason, since: since, until: result.until, informedOn: result.informedOn,
            tables: result.tables, recipients: result.recipients)
    }
}
