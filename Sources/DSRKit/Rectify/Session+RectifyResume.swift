import Foundation

extension Session {
    /// The journal entry of `planned`, written before its first change.
    ///
    /// - Throws: ``PrivacyError`` (the hasher).
    func rectificationJournal(_ planned: PlannedRectification, _ subject: Subject, _ options: RectificationOptions)
        throws -> RectificationJournalEntry
    {
        let applied = AppliedRectification(
            plan: planned.plan, newIdentifiers: planned.newIdentifiers, forced: options.force,
            letterLanguage: options.letterLanguage)
        return RectificationJournalEntry(
            id: UUID().uuidString.lowercased(), startedAt: AuditLog.timestamp(now), requestID: subject.request?.id,
            identifiers: subject.identifiers.map(\.canonical), applied: applied.journalText)
    }

    /// Finishes the rectifications a stop interrupted after their journal entry (every
    /// command's session does this first). Under the operations database's write lock, so no
    /// rectification is between its journal entry and its commit:
    ///
    /// - one whose cells hold the new values committed: its audit entry is written from the
    ///   stored plan as the stopped run would have (with `resumes`), unless that run wrote it,
    ///   and `letters` is called for its letter (when one was due);
    /// - one whose cells do not committed nothing: its entry goes, and the request stays as
    ///   it was for the next run to rectify.
    ///
    /// - Returns: how many entries were finished.
    /// - Throws: ``StoreError``, ``StateError/corruptRow(table:row:column:)``.
    public func finishRectifications(letters: (RectificationPlan, Subject, Language) -> Void = { _, _, _ in }) throws
        -> Int
    {
        guard FileManager.default.fileExists(atPath: workspace.stateDatabase.path(percentEncoded: false)) else {
            return 0
        }
        let entries = try state().rectificationJournal()
        guard !entries.isEmpty else { return 0 }
        let hasher = try hasher()
        for entry in entries {
            let applied: AppliedRectification
            let identifiers: [SubjectIdentifier]
            do {
                applied = try AppliedRectification(
                    journalText: entry.applied, defaultCountry: defaultCountry, valueHash: hasher.hex)
                identifiers = try entry.identifiers.map {
                    try SubjectIdentifier.parse($0, defaultCountry: defaultCountry)
                }
            } catch {
                throw StateError.corruptRow(table: "rectification_journal", row: entry.id, column: "applied")
            }
            let subject = Subject(
                identifiers: identifiers, request: try entry.requestID.map { try register().show($0) })
            let recorded = try operations().write { writer in
                guard !entry.recorded else { return true }
                guard try holdsNewValues(applied.plan, writer) else { return false }
                try recordRectification(
                    PlannedRectification(plan: applied.plan, rows: [:], newIdentifiers: applied.newIdentifiers),
                    subject, forced: applied.forced, journal: entry.id, resumes: true)
                return true
            }
            if recorded, let language = applied.letterLanguage { letters(applied.plan, subject, language) }
            try state().deleteRectificationJournal(entry.id)
        }
        return entries.count
    }

    /// Whether the plan's transaction committed: a cell it changes holds its new value (the
    /// steps change nothing that already held it, and one transaction wrote them all).
    private func holdsNewValues(_ plan: RectificationPlan, _ reader: any OperationsReader) throws -> Bool {
        let map = try dataMap()
        for step in plan.steps where step.old != step.new {
            guard let table = map.table(step.table) else { continue }
            let stored = try reader.record(in: table.name, primaryKey: table.primaryKey, key: step.key)?[step.column]
            if stored?.storedText == step.new { return true }
        }
        return false
    }
}
