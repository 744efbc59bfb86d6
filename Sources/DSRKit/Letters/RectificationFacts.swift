/// What a rectification did (Art. 16), as its letter and notices tell it.
public struct RectificationFacts: Sendable, Equatable {
    /// A column changed on the person's records.
    public struct Change: Sendable, Equatable {
        /// The table and column names in the operations database (the letter shows their titles).
        public var table: String
        public var column: String
        /// How many records were changed.
        public var records: Int
        /// The value now stored, as the person gave it: recipients must correct their copy to it.
        public var newValue: String

        /// Creates a change.
        public init(table: String, column: String, records: Int, newValue: String) {
            self.table = table
            self.column = column
            self.records = records
            self.newValue = newValue
        }
    }

    /// A column that holds the person's data but that dsr may not change (the map's
    /// `rectify: false`): a record of what happened, such as a call or an e-mail header.
    public struct NotChangeable: Sendable, Equatable {
        public var table: String
        public var column: String
        public var records: Int
        /// Why it is not changed, as the letter explains it.
        public var reason: String

        /// Creates a column left unchanged.
        public init(table: String, column: String, records: Int, reason: String) {
            self.table = table
            self.column = column
            self.records = records
            self.reason = reason
        }
    }

    public var changes: [Change]
    public var notChangeable: [NotChangeable]
    /// The recipients told of the rectification (Art. 19), from the data map.
    public var recipients: [String]

    /// Creates the facts of a rectification.
    public init(changes: [Change], notChangeable: [NotChangeable] = [], recipients: [String]) {
        self.changes = changes
        self.notChangeable = notChangeable
        self.recipients = recipients
    }
}

/// What `rectification.txt` shows (Art. 16, 19).
struct RectificationLetter: TemplateModel {
    static let templateNames = [LetterOutcome.rectification.templateName]

    let language: String
    let requestID: String?
    let date: String
    let controller: ControllerInfo
    let subjectIdentifiers: [MaskedIdentifier]
    let changes: [ChangeLine]
    let notChangeable: [NotChangeableLine]
    let recipients: [String]
    let hasChanges, hasNotChangeable, hasRecipients: Bool

    /// A change with the titles of its table and column.
    struct ChangeLine {
        let table, column: String
        let records: Int
        let newValue: String

        init(_ change: RectificationFacts.Change, map: DataMap, language: Language) {
            let entry = map.table(change.table)
            table = entry?.title(in: language) ?? TableMap.words(change.table)
            column = entry?.title(of: change.column, in: language) ?? TableMap.words(change.column)
            records = change.records
            newValue = change.newValue
        }
    }

    struct NotChangeableLine {
        let table, column: String
        let records: Int
        let reason: String
    }

    init(_ facts: RectificationFacts, head: LetterHead, identifiers: [SubjectIdentifier], map: DataMap) {
        language = head.language.rawValue
        requestID = head.requestID
        date = head.date
        controller = head.controller
        subjectIdentifiers = identifiers.map(MaskedIdentifier.init)
        changes = facts.changes.map { ChangeLine($0, map: map, language: head.language) }
        notChangeable = facts.notChangeable.map { item in
            let entry = map.table(item.table)
            return NotChangeableLine(
                table: entry?.title(in: head.language) ?? TableMap.words(item.table),
                column: entry?.title(of: item.column, in: head.language) ?? TableMap.words(item.column),
                records: item.records, reason: item.reason)
        }
        recipients = facts.recipients
        hasChanges = !changes.isEmpty
        hasNotChangeable = !notChangeable.isEmpty
        hasRecipients = !recipients.isEmpty
    }

    static let fieldNames: Set<String> = collectFieldNames(
        from: RectificationLetter(
            RectificationFacts(
                changes: [.init(table: "", column: "", records: 0, newValue: "")],
                notChangeable: [.init(table: "", column: "", records: 0, reason: "")], recipients: [""]),
            head: .sample, identifiers: [.customer(1)], map: DataMap(tables: [])))
}
