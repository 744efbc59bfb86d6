/// What `notice.txt` shows: one Art. 19 notice to one recipient of the person's data, asking
/// them to act on their copies.
///
/// The person appears only masked; the recipient quotes `reference` to ask for the full
/// identifiers, so that a notice lying in a mailbox or a folder discloses no one.
struct Notice: TemplateModel {
    static let templateNames = [LetterOutcome.noticeTemplateName]

    let language: String
    let requestID: String?
    let reference: String
    let date: String
    let controller: ControllerInfo
    /// Whom the notice is for, as the data map names the recipient.
    let recipient: String
    let isErasure, isRectification, isRestriction, isRestrictionLifted: Bool
    let subjectIdentifiers: [MaskedIdentifier]
    /// The tables concerned, with the records where they are counted.
    let tables: [TableCount]
    /// For a rectification: the new values, for the recipient to correct their copy.
    let changes: [RectificationLetter.ChangeLine]
    let hasChanges: Bool
    /// For a restriction: its id and dates.
    let restrictionID: String?
    let since: String?
    let until: String?
    let informedOn: String?

    /// The facts a notice tells besides its recipient and tables.
    struct Subject {
        var outcome: LetterOutcome
        var identifiers: [SubjectIdentifier]
        var changes: [RectificationLetter.ChangeLine] = []
        var restriction: RestrictionLetter?
    }

    init(to recipient: String, about subject: Subject, tables: [TableCount], head: LetterHead) {
        language = head.language.rawValue
        requestID = head.requestID
        reference = head.reference
        date = head.date
        controller = head.controller
        self.recipient = recipient
        isErasure = subject.outcome == .erasure
        isRectification = subject.outcome == .rectification
        isRestriction = subject.outcome == .restriction
        isRestrictionLifted = subject.outcome == .restrictionLifted
        subjectIdentifiers = subject.identifiers.map(MaskedIdentifier.init)
        self.tables = tables
        changes = subject.changes
        hasChanges = !changes.isEmpty
        restrictionID = subject.restriction?.restrictionID
        since = subject.restriction?.since
        until = subject.restriction?.until
        informedOn = subject.restriction?.informedOn
    }

    /// The tables of `tables` (names) that the map says `recipient` receives; all of them when
    /// none does (a recipient the map does not name).
    static func tables(for recipient: String, among tables: [String], map: DataMap) -> [String] {
        let received = tables.filter { map.table($0)?.recipients.contains(recipient) == true }
        return received.isEmpty ? tables : received
    }

    static let fieldNames: Set<String> = {
        let day = CalendarDate(year: 2026, month: 1, day: 1)!
        let restriction = RestrictionLetter(
            RestrictionFacts(id: "", reason: "", since: day, until: day, informedOn: day, tables: [], recipients: []),
            head: .sample, identifiers: [], map: DataMap(tables: []))
        let change = RectificationLetter.ChangeLine(
            .init(table: "", column: "", records: 0, newValue: ""), map: DataMap(tables: []), language: .english)
        return collectFieldNames(
            from: Notice(
                to: "",
                about: Subject(
                    outcome: .erasure, identifiers: [.customer(1)], changes: [change], restriction: restriction),
                tables: [TableCount(title: "", records: 0)], head: .sample))
    }()
}
