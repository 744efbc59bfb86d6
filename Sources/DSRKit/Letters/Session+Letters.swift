import Foundation

/// The response letters of issue 11 (section 4): one to the person for every outcome, and one
/// Art. 19 notice per recipient beside it, rendered from `templates/<lang>/` and written into
/// `exports_dir`.
///
/// Each `…Letter` function renders only (so a command can check the letter can be made before
/// it records what the letter reports); each `write…Letter` renders and writes.
extension Session {
    // MARK: - Erasure (Art. 17, 19)

    /// Renders the letter on an erasure carried out (`plan` as applied) and one notice per
    /// recipient of `plan.notify`. Records held as processor name the organisation to ask,
    /// read from the data map's `name` column of the controller's row.
    ///
    /// - Throws: ``LetterError``, ``TemplateError``, ``StoreError`` reading the organisations.
    public func erasureLetter(_ plan: ErasurePlan, for subject: Subject, language: Language) throws
        -> RenderedLetters
    {
        let head = try LetterHead(self, language: language, requestID: subject.request?.id)
        let map = try dataMap()
        let letter = ErasureLetter(
            plan, head: head, identifiers: subject.identifiers, map: map,
            organisations: try organisations(Set(plan.processorHeld.compactMap(\.controller)), map: map))
        let changed = ErasureLetter.changedTables(plan, map: map)
        let about = Notice.Subject(outcome: .erasure, identifiers: subject.identifiers)
        let notices = plan.notify.map { recipient in
            let tables = Notice.tables(for: recipient, among: changed.map(\.table), map: map)
            return Notice(
                to: recipient, about: about,
                tables: changed.filter { tables.contains($0.table) }.map {
                    TableCount(
                        title: map.table($0.table)?.title(in: language) ?? TableMap.words($0.table), records: $0.records
                    )
                }, head: head)
        }
        return try render(.erasure, letter, notices, head: head)
    }

    /// Writes the letter on an erasure carried out and its notices (``erasureLetter(_:for:language:)``).
    ///
    /// - Throws: as ``erasureLetter(_:for:language:)`` and ``writeLetters(_:)``.
    public func writeErasureLetter(_ plan: ErasurePlan, for subject: Subject, language: Language) throws
        -> WrittenLetters
    {
        try writeLetters(erasureLetter(plan, for: subject, language: language))
    }

    // MARK: - Rectification (Art. 16, 19)

    /// Renders the letter on a rectification carried out and one notice per recipient, each
    /// with the new values the recipient must put in its copy.
    ///
    /// - Throws: ``LetterError``, ``TemplateError``.
    public func rectificationLetter(_ facts: RectificationFacts, for subject: Subject, language: Language) throws
        -> RenderedLetters
    {
        let head = try LetterHead(self, language: language, requestID: subject.request?.id)
        let map = try dataMap()
        let letter = RectificationLetter(facts, head: head, identifiers: subject.identifiers, map: map)
        let changed = ErasureLetter.ordered(Set(facts.changes.map(\.table)), map)
        let notices = facts.recipients.map { recipient in
            let tables = Notice.tables(for: recipient, among: changed, map: map)
            let changes = facts.changes.filter { tables.contains($0.table) }
            return Notice(
                to: recipient,
                about: Notice.Subject(
                    outcome: .rectification, identifiers: subject.identifiers,
                    changes: changes.map { RectificationLetter.ChangeLine($0, map: map, language: language) }),
                tables: tables.map { table in
                    TableCount(
                        title: map.table(table)?.title(in: language) ?? TableMap.words(table),
                        records: changes.filter { $0.table == table }.map(\.records).max())
                }, head: head)
        }
        return try render(.rectification, letter, notices, head: head)
    }

    /// Writes the letter on a rectification and its notices.
    ///
    /// - Throws: as ``rectificationLetter(_:for:language:)`` and ``writeLetters(_:)``.
    public func writeRectificationLetter(_ facts: RectificationFacts, for subject: Subject, language: Language)
        throws -> WrittenLetters
    {
        try writeLetters(rectificationLetter(facts, for: subject, language: language))
    }

    // MARK: - Restriction (Art. 18, 19)

    /// Renders the letter on a restriction now in force (`lifted` false: Art. 18(1)–(3)) or
    /// lifted (`lifted` true: Art. 18(3), which needs `facts.informedOn`), and one notice per
    /// recipient.
    ///
    /// - Throws: ``LetterError`` (`.informedOnMissing` for a lifted restriction without the
    ///   day the person was told), ``TemplateError``.
    public func restrictionLetter(_ facts: RestrictionFacts, lifted: Bool, for subject: Subject, language: Language)
        throws -> RenderedLetters
    {
        if lifted, facts.informedOn == nil { throw LetterError.informedOnMissing(restriction: facts.id) }
        let head = try LetterHead(self, language: language, requestID: subject.request?.id)
        let map = try dataMap()
        let outcome: LetterOutcome = lifted ? .restrictionLifted : .restriction
        let letter = RestrictionLetter(facts, head: head, identifiers: subject.identifiers, map: map)
        let covered = ErasureLetter.ordered(Set(facts.tables), map)
        let about = Notice.Subject(outcome: outcome, identifiers: subject.identifiers, restriction: letter)
        let notices = facts.recipients.map { recipient in
            Notice(
                to: recipient, about: about,
                tables: Notice.tables(for: recipient, among: covered, map: map).map {
                    TableCount(title: map.table($0)?.title(in: language) ?? TableMap.words($0), records: nil)
                }, head: head)
        }
        return try render(outcome, letter, notices, head: head)
    }

    /// Writes the letter on a restriction in force or lifted, and its notices.
    ///
    /// - Throws: as ``restrictionLetter(_:lifted:for:language:)`` and ``writeLetters(_:)``.
    public func writeRestrictionLetter(
        _ facts: RestrictionFacts, lifted: Bool, for subject: Subject, language: Language
    ) throws -> WrittenLetters {
        try writeLetters(restrictionLetter(facts, lifted: lifted, for: subject, language: language))
    }

    // MARK: - Refusal (Art. 12(4))

    /// Renders the letter refusing `request`, with `reason` and the person's remedies
    /// (a complaint to the supervisory authority, Art. 77; a court, Art. 79). No notices.
    ///
    /// - Throws: ``LetterError``, ``TemplateError``.
    public func refusalLetter(for request: Request, reason: String, language: Language) throws -> RenderedLetters {
        let head = try LetterHead(self, language: language, requestID: request.id)
        return try render(.refusal, RefusalLetter(request, reason: reason, head: head), [Notice](), head: head)
    }

    /// Writes the letter refusing `request`.
    ///
    /// - Throws: as ``refusalLetter(for:reason:language:)`` and ``writeLetters(_:)``.
    public func writeRefusalLetter(for request: Request, reason: String, language: Language) throws
        -> WrittenLetters
    {
        try writeLetters(refusalLetter(for: request, reason: reason, language: language))
    }

    // MARK: - Writing

    /// Writes rendered letters into the workspace's `exports_dir` (made 0700 when absent), each
    /// file created exclusively with mode 0600; a name already taken moves the set on to `-2`, `-3`, ….
    ///
    /// - Throws: ``WorkspaceError/cannotWrite(path:reason:)``; nothing is left behind then.
    public func writeLetters(_ letters: RenderedLetters) throws -> WrittenLetters {
        try LetterFiles(folder: workspace.exportsDir).write(letters)
    }

    /// ``writeLetters(_:)`` for an answer a stopped run began to deliver (its resume): what that
    /// run wrote of the set is finished, not written a second time under `-2` names.
    ///
    /// - Throws: as ``writeLetters(_:)``.
    func completeLetters(_ letters: RenderedLetters) throws -> WrittenLetters {
        try LetterFiles(folder: workspace.exportsDir, completing: true).write(letters)
    }

    // MARK: - Helpers

    private func render<Letter: TemplateModel>(
        _ outcome: LetterOutcome, _ letter: Letter, _ notices: [Notice], head: LetterHead
    ) throws -> RenderedLetters {
        let templates = Exporter.templatesDir(workspace)
        let language = head.language.rawValue
        return RenderedLetters(
            outcome: outcome, stem: head.reference,
            letter: try TemplateRenderer.render(
                outcome.templateName, language: language, model: letter, templatesDir: templates),
            notices: try notices.map {
                try TemplateRenderer.render(
                    LetterOutcome.noticeTemplateName, language: language, model: $0, templatesDir: templates)
            })
    }

    /// `customers:2` → the organisation's name, from the map's `kind: name` identifier column of
    /// that table, read in one read transaction; a controller without a readable name is left out.
    private func organisations(_ controllers: Set<String>, map: DataMap) throws -> [String: String] {
        guard !controllers.isEmpty else { return [:] }
        return try readingOperations { reader, _ in
            var names: [String: String] = [:]
            for controller in controllers.sorted() {
                guard let colon = controller.lastIndex(of: ":"),
                    let table = map.table(String(controller[..<colon])),
                    let column = table.identifiers.first(where: { $0.kind == .name })?.column
                else { continue }
                let text = String(controller[controller.index(after: colon)...])
                let key = Int64(text).map(RecordKey.integer) ?? .text(text)
                guard let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: key),
                    case .text(let name)? = row[column],
                    !name.trimmingCharacters(in: .whitespaces).isEmpty
                else { continue }
                names[controller] = name.trimmingCharacters(in: .whitespaces)
            }
            return names
        }
    }
}
