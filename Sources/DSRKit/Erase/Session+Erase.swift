import Foundation

extension Session {
    /// Plans the erasure of `subject` (`dsr erase`) and, with `options.apply`, carries it out:
    ///
    /// 1. without `apply`, or when it `asks`: the plan from a locate in one read transaction
    ///    (a plan-only run records `erase.plan` with its digest and stops there);
    /// 2. one `BEGIN IMMEDIATE` transaction on the operations database that locates and plans
    ///    under the lock, refuses another digest than the one shown or `--expect`ed, writes the
    ///    journal entry in state.db (what to finish after a crash) and runs every step,
    ///    children first; secure_delete is on and the WAL is truncated after the commit;
    /// 3. the audit entry, the suppression list and the request's outcome in one state.db
    ///    transaction; then the index forgets the rows changed;
    /// 4. the files, then the journal entry is removed;
    /// 5. the residue scan.
    ///
    /// - Parameters:
    ///   - confirm: asked with the plan before anything changes (a terminal prompt);
    ///     returning false stops with ``ErasureError/notConfirmed``.
    ///   - recorded: called with the plan carried out once the erasure is recorded and its
    ///     files are done, before its journal entry goes (the letter, which a resume writes
    ///     when a stop came first: ``ErasureOptions/letterLanguage``).
    /// - Throws: ``ErasureError``, ``StoreError`` (75 when a lock outlasts the busy timeout),
    ///   ``RequestError``, locate errors. Nothing is changed when it throws before step 2 ends.
    public func erase(
        _ subject: Subject, options: ErasureOptions, confirm: (ErasurePlan) -> Bool = { _ in true },
        recorded: (ErasurePlan) -> Void = { _ in }
    ) throws -> ErasureReport {
        if let request = subject.request, options.apply, !options.force { try Self.ready(request) }
        try checkVacuum(options.vacuum)
        // Loaded once: the plan shown and the plan applied ask the same holds and restrictions.
        let limits = try processingLimits()
        var expected = options.expect
        if !options.apply || options.asks {
            // A plan to show (or to ask about) comes from a read transaction: nothing is locked
            // while the DPO reads it. The apply below plans again under the write lock and
            // carries out only a plan with the same digest.
            let plan = try planErasure(subject.identifiers, options: options, limits: limits).plan
            if let expected, expected != plan.digest {
                throw ErasureError.staleDigest(expected: expected, actual: plan.digest)
            }
            guard options.apply else {
                try recording(
                    AuditRecord(
                        action: .erasePlan, requestID: subject.request?.id,
                        subjects: try auditSubjects(subject.identifiers),
                        details: ["digest": .text(plan.digest), "steps": .int(Int64(plan.steps.count))])
                ) {}
                var report = ErasureReport(plan: plan, applied: false)
                report.server = serverRemnants()
                return report
            }
            guard confirm(plan) else { throw ErasureError.notConfirmed }
            expected = plan.digest
        }
        // Set inside the transaction, before its first change: removed again if it rolls back.
        var written: ErasureJournalEntry?
        let applied: Applied
        do {
            applied = try applyInOneTransaction(
                subject.identifiers, options: options, limits: limits, expected: expected
            ) { planned, located, reader in
                // A transaction run again (PostgreSQL, after a serialization failure): the
                // rolled-back attempt's journal entry goes, or a resume would take it for a crash.
                if let stale = written {
                    try state().write { db in try state().deleteJournal(stale.id, db) }
                    written = nil
                }
                // Under the write lock, before the first change: what a crash leaves to finish.
                var forgetting = try index().forgetting(planned.changedRows, subjectHashes: indexHashes(located))
                // A deleted row's every entry, read before it goes: removing entries of a row
                // that no longer exists is right whatever happens next.
                let deleted = planned.changedRows.mapValues { $0.filter { $0.value.columns.isEmpty } }
                forgetting.groups += try index().forgetting(rowsOf: deleted.filter { !$0.value.isEmpty }, reader).groups
                let entry = ErasureJournalEntry(
                    id: UUID().uuidString.lowercased(), startedAt: AuditLog.timestamp(now),
                    requestID: subject.request?.id, digest: planned.plan.digest,
                    identifiers: subject.identifiers.map(\.canonical),
                    includeProcessorData: options.includeProcessorData,
                    phase: "planned",
                    files: planned.plan.files.map {
                        ErasureJournalEntry.File(
                            table: $0.table, column: $0.column, path: $0.path, action: $0.action.rawValue)
                    }, indexForget: forgetting.journalText, overrideRestriction: options.overrideRestriction,
                    applied: AppliedErasure(
                        plan: planned.plan, forced: options.force,
                        overriddenRestrictions: planned.overriddenRestrictions, heldBy: planned.heldBy,
                        letterLanguage: options.letterLanguage
                    ).journalText)
                try state().write { db in try state().insertJournal(entry, db) }
                written = entry
                return (entry, forgetting)
            }
        } catch {
            // The transaction rolled back: nothing changed, nothing to finish.
            if let written {
                try? state().write { db in try state().deleteJournal(written.id, db) }
                try? state().checkpoint()
            }
            throw error
        }
        let journal = applied.journal
        let plan = applied.planned.plan
        // Recorded right after the commit, before anything slower: the audit entry and the
        // journal's `committed` phase must not wait for the index or the files.
        try recordApplied(
            plan, subject, options: options, overridden: applied.planned.overriddenRestrictions,
            heldBy: applied.planned.heldBy, journalID: journal.id)
        try forget(applied.forgetting, settling: applied.settled, applied.planned.changedRows)
        let (refused, mentioning) = try finishFiles(journal, subject: Set(subject.identifiers))
        recorded(plan)
        try state().write { db in try state().deleteJournal(journal.id, db) }
        try state().checkpoint()
        var report = ErasureReport(plan: plan, applied: true)
        report.server = serverRemnants(vacuumed: options.vacuum ? try vacuumOperations() : [])
        report.filesRefused = refused
        report.bodiesMentioning = plan.files.filter { mentioning.contains($0.path) }.map {
            RecordReference(table: $0.table, key: $0.key)
        }
        guard options.scansResidue else {
            report.residueQuestion = residueQuestion(applied.planned, subject.identifiers)
            return report
        }
        let (residue, kept) = try scanResidue(applied.planned, subject.identifiers)
        report.residue = residue
        report.kept = kept
        return report
    }

    /// Finishes every erasure a crash interrupted (`dsr erase --resume`):
    ///
    /// - stopped after the operations commit but before the audit entry: the entry, the
    ///   suppression list and the request's outcome are written from the plan the journal
    ///   kept, as the stopped run would have written them (with `resumes`);
    /// - stopped before that commit: the erasure is carried out again from a fresh plan,
    ///   with the stopped run's choices;
    ///
    /// and the entry's index entries and files are finished where no row needs them any more.
    ///
    /// - Parameter letters: called for an erasure whose letter was due and may not have been
    ///   written (with the plan carried out and the language), before its journal entry goes.
    /// - Throws: as ``erase(_:options:confirm:recorded:)``; ``StateError/corruptRow(table:row:column:)``
    ///   for a journal entry dsr did not write.
    public func resumeErasures(letters: (ErasurePlan, Subject, Language) -> Void = { _, _, _ in }) throws
        -> [ErasureReport]
    {
        var reports: [ErasureReport] = []
        for entry in try state().journal() {
            let identifiers = try entry.identifiers.map {
                try SubjectIdentifier.parse($0, defaultCountry: defaultCountry)
            }
            let request = try entry.requestID.map { try register().show($0) }
            let applied = try appliedErasure(of: entry)
            var options = ErasureOptions()
            options.apply = true
            options.force = applied?.forced ?? true
            options.includeProcessorData = entry.includeProcessorData
            options.overrideRestriction = entry.overrideRestriction
            options.resumes = entry.digest
            options.letterLanguage = applied?.letterLanguage
            let subject = Subject(identifiers: identifiers, request: request)
            // Recorded before anything else is finished: the audit entry must not wait.
            let recorded = try recordIfCommitted(entry, applied, subject, options: options)
            // Index entries and files of rows that are gone (the commit happened) first; rows
            // that still hold the values keep their entries, and rows that still name their
            // files keep them, until the erasure below deletes the rows.
            try forgetWhatIsGone(entry)
            try finishFiles(entry, subject: Set(identifiers))
            if let recorded, let language = options.letterLanguage { letters(recorded, subject, language) }
            try state().write { db in try state().deleteJournal(entry.id, db) }
            try state().checkpoint()
            // A plan made from rows (a purge, a re-erasure) is made again by its next run.
            guard entry.kind == "erasure" else { continue }
            if let recorded {
                var report = ErasureReport(plan: recorded, applied: true)
                report.resumedRequest = entry.requestID
                if options.scansResidue {
                    (report.residue, report.kept) = try scanResidue(
                        planErasure(identifiers, options: options, limits: processingLimits()), identifiers)
                }
                reports.append(report)
                continue
            }
            // What the interrupted run did not get to. It writes its own journal entry before
            // it changes anything.
            var report = try erase(
                subject, options: options,
                recorded: { plan in
                    if let language = options.letterLanguage { letters(plan, subject, language) }
                })
            report.resumedRequest = entry.requestID
            reports.append(report)
        }
        return reports
    }

    /// The index forgets what an erasure made stale; after one nobody else wrote beside
    /// (`settling`), in the same transaction, it relearns the rows changed in place and takes
    /// the database's new state as its own (no table is read again by the next locate).
    func forget(
        _ forgetting: IndexForgetting, settling: SettledWrite?, _ changedRows: [String: [Int64: ChangedRow]]
    ) throws {
        let index = try index()
        guard let settling else { return try index.forget(forgetting) }
        let changed = changedRows.mapValues { rows in rows.filter { !$0.value.columns.isEmpty }.mapValues(\.columns) }
        try readingOperations { reader, _ in
            try index.forget(forgetting, settling: (settling, index.relearningAfterForgetting(changed), reader))
        }
    }

    /// The plan and choices `entry` kept; nil for plans made from rows and older entries.
    func appliedErasure(of entry: ErasureJournalEntry) throws -> AppliedErasure? {
        try entry.applied.map { text in
            do { return try AppliedErasure(journalText: text, digest: entry.digest) } catch {
                throw StateError.corruptRow(table: "erasure_journal", row: entry.id, column: "applied")
            }
        }
    }

    /// When `entry`'s erasure committed in the operations database: its audit entry, as
    /// ``recordApplied(_:_:options:overridden:heldBy:journalID:)`` writes it, unless an
    /// earlier run wrote it (phase `committed`). Returns the plan carried out, or nil when the
    /// erasure did not commit (the data still holds what the plan changes) or the entry does
    /// not say (a plan made from rows, an entry of an older version).
    private func recordIfCommitted(
        _ entry: ErasureJournalEntry, _ applied: AppliedErasure?, _ subject: Subject, options: ErasureOptions
    ) throws -> ErasurePlan? {
        guard entry.kind == "erasure", let applied else { return nil }
        guard entry.phase == "planned" else { return applied.plan }
        guard applied.plan.changesAnything else { return nil }
        // One transaction changed all of it or none: a fresh plan that changes nothing means
        // the commit happened. Rows written since for the person are erased by the next run.
        let fresh = try planErasure(subject.identifiers, options: options, limits: processingLimits()).plan
        guard fresh.digest != applied.plan.digest, !fresh.changesAnything else { return nil }
        try recordApplied(
            applied.plan, subject, options: options, overridden: applied.overriddenRestrictions,
            heldBy: applied.heldBy, journalID: entry.id)
        return applied.plan
    }

    /// Locates in one read transaction and plans, holding what `limits` keep.
    func planErasure(_ identifiers: [SubjectIdentifier], options: ErasureOptions, limits: ProcessingLimits) throws
        -> PlannedErasure
    {
        let map = try dataMap()
        return try readingOperations { reader, fingerprint in
            let result = try locate(identifiers, options: LocateOptions(), reader, fingerprint)
            return try ErasurePlanner(
                map: map, defaultCountry: defaultCountry, subject: Set(result.subjectIdentifiers),
                includeProcessorData: options.includeProcessorData, limits: limits,
                overrideRestriction: options.overrideRestriction
            ).plan(result, reader)
        }
    }

    /// Step 3: locate and plan inside the write transaction, refuse another digest than
    /// `expected`, write the journal (`beforeChanges`), run the steps.
    private func applyInOneTransaction(
        _ identifiers: [SubjectIdentifier], options: ErasureOptions, limits: ProcessingLimits, expected: String?,
        beforeChanges: (PlannedErasure, Set<SubjectIdentifier>, any OperationsReader) throws -> (
            ErasureJournalEntry, IndexForgetting
        )
    ) throws -> Applied {
        let map = try dataMap()
        let store = try operations()
        let token = Pseudonym.token()
        let (applied, settled) = try store.writeSettled { writer, fingerprint in
            try explainingMapMismatch(writer) {
                let result = try locate(identifiers, options: LocateOptions(), writer, fingerprint)
                let subject = Set(result.subjectIdentifiers)
                let planned = try ErasurePlanner(
                    map: map, defaultCountry: defaultCountry, subject: subject,
                    includeProcessorData: options.includeProcessorData, limits: limits,
                    overrideRestriction: options.overrideRestriction
                ).plan(result, writer)
                if let expected, planned.plan.digest != expected {
                    throw ErasureError.staleDigest(expected: expected, actual: planned.plan.digest)
                }
                let (journal, forgetting) = try beforeChanges(planned, subject, writer)
                try run(planned.plan.steps, map: map, token: token, subject: subject, writer)
                return Applied(planned: planned, journal: journal, forgetting: forgetting)
            }
        }
        var done = applied
        done.settled = settled
        return done
    }

    /// What the write transaction did: the plan it carried out, its journal entry, and what
    /// the index forgets of it.
    private struct Applied {
        let planned: PlannedErasure
        let journal: ErasureJournalEntry
        let forgetting: IndexForgetting
        /// Set when nobody else wrote to the operations database while it ran.
        var settled: SettledWrite?
    }

    /// The index hashes of the subject's identifiers as located (learnt ones included).
    private func indexHashes(_ subject: Set<SubjectIdentifier>) throws -> [Int64] {
        let hasher = try hasher()
        return subject.map { hasher.index64($0.canonical) }.sorted()
    }

    /// After a crash: the index forgets the journal entry's entries that their rows, read now,
    /// no longer back (whether or not the operations database committed).
    func forgetWhatIsGone(_ entry: ErasureJournalEntry) throws {
        guard let text = entry.indexForget else { return }
        let recorded: IndexForgetting
        do { recorded = try IndexForgetting(journalText: text) } catch {
            throw StateError.corruptRow(table: "erasure_journal", row: entry.id, column: "index_forget")
        }
        let index = try index()
        let stale = try readingOperations { reader, fingerprint in
            try explainingMapMismatch(reader) {
                try index.refresh(reader, fingerprint: fingerprint)
                return try index.leftStale(recorded, reader)
            }
        }
        try index.forget(stale)
    }
}
