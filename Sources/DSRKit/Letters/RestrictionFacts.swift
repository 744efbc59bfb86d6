/// A restriction of processing (Art. 18), as its letters and notices tell it.
public struct RestrictionFacts: Sendable, Equatable {
    /// The restriction's id in dsr (`dsr restrict list`), quoted in the letter.
    public var id: String
    /// Why processing is restricted (one of the grounds of Art. 18(1)), in the DPO's words.
    public var reason: String
    /// Since when it applies.
    public var since: CalendarDate
    /// Until when, if an end was set.
    public var until: CalendarDate?
    /// The day the person was told it would be lifted (Art. 18(3)); needed to lift it.
    public var informedOn: CalendarDate?
    /// The tables whose records it covers (names in the operations database).
    public var tables: [String]
    /// The recipients told of it (Art. 19), from the data map.
    public var recipients: [String]

    /// Creates the facts of a restriction.
    public init(
        id: String, reason: String, since: CalendarDate, until: CalendarDate? = nil, informedOn: CalendarDate? = nil,
        tables: [String], recipients: [String]
    ) {
        self.id = id
        self.reason = reason
        self.since = since
        self.until = until
        self.informedOn = informedOn
        self.tables = tables
        self.recipients = recipients
    }
}

/// What `restriction.txt` (Art. 18(1)–(3)) and `restriction-lifted.txt` (Art. 18(3)) show.
struct RestrictionLetter: TemplateModel {
    static let templateNames = [
        LetterOutcome.restriction.templateName, LetterOutcome.restrictionLifted.templateName,
    ]

    let language: String
    let requestID: String?
    let date: String
    let controller: ControllerInfo
    let subjectIdentifiers: [MaskedIdentifier]
    let restrictionID: String
    let reason: String
    let since: String
    let until: String?
    let informedOn: String?
    /// Titles of the tables covered.
    let tables: [String]
    let recipients: [String]
    let hasTables, hasRecipients: Bool
    /// False when the letter cannot name the person's identifiers: a lift, whose restriction
    /// dsr keeps as keyed hashes only, answers no request that still keeps them.
    let hasIdentifiers: Bool

    init(_ facts: RestrictionFacts, head: LetterHead, identifiers: [SubjectIdentifier], map: DataMap) {
        language = head.language.rawValue
        requestID = head.requestID
        date = head.date
        controller = head.controller
        subjectIdentifiers = identifiers.map(MaskedIdentifier.init)
        restrictionID = facts.id
        reason = facts.reason
        since = head.dates.day(facts.since)
        until = facts.until.map(head.dates.day)
        informedOn = facts.informedOn.map(head.dates.day)
        tables = ErasureLetter.ordered(Set(facts.tables), map).map {
            map.table($0)?.title(in: head.language) ?? TableMap.words($0)
        }
        recipients = facts.recipients
        hasTables = !tables.isEmpty
        hasRecipients = !recipients.isEmpty
        hasIdentifiers = !subjectIdentifiers.isEmpty
    }

    static let fieldNames: Set<String> = {
        let day = CalendarDate(year: 2026, month: 1, day: 1)!
        return collectFieldNames(
            from: RestrictionLetter(
                RestrictionFacts(
                    id: "", reason: "", since: day, until: day, informedOn: day, tables: [""], recipients: [""]),
                head: .sample, identifiers: [.customer(1)], map: DataMap(tables: [])))
    }()
}
