import Foundation

/// Options of `dsr rectify`.
public struct RectificationOptions: Sendable {
    /// Carry the plan out; without it nothing changes.
    public var apply = false
    /// The digest of the plan the DPO read: refuse when the plan computed now differs.
    public var expect: String?
    /// Show the plan and ask before applying (a terminal without `--yes`).
    public var asks = false
    /// Rectify even when the request is not a verified, open rectification request (audited).
    public var force = false
    /// After the apply, `VACUUM` the tables changed on a PostgreSQL server
    /// (``ServerRemnants/vacuumed``); refused on a SQLite file, which needs none.
    public var vacuum = false
    /// The language of the letter the caller writes after the apply (kept in the journal, so a
    /// stopped run's letter is written by the next command); nil when none is due.
    package var letterLanguage: Language?

    /// Default options: a plan only.
    public init() {}
}

extension Session {
    /// Plans the rectification of `subject` (`dsr rectify`, Art. 16) and, with
    /// `options.apply`, carries it out:
    ///
    /// 1. without `apply`, or when it `asks`: the plan from a locate in one read transaction
    ///    (a plan-only run records `rectify.plan` with its digest);
    /// 2. one write transaction on the operations database that locates and plans under the
    ///    lock, refuses another digest than the one shown or `--expect`ed, journals in state.db
    ///    what the index must learn again, and writes every new value through the erasure's
    ///    write path (secure deletion on, the WAL truncated after the commit);
    /// 3. the audit entry (keyed hashes of the old and new values only) and, for an open
    ///    request, its new identifiers; then the index learns the changed rows;
    /// 4. `recorded` (the caller's letter), then the index's journal entry and the
    ///    rectification's own go (a repeated relearning after a stop changes nothing).
    ///    That entry, written in step 2 before the first change, holds the plan: a run stopped
    ///    between the commit and here is finished by ``finishRectifications(letters:)``.
    ///
    /// - Throws: ``RectificationError``, ``StoreError`` (75 when a lock outlasts the busy
    ///   timeout), ``RequestError``, locate errors. Nothing is changed when it throws before
    ///   step 2 ends.
    public func rectify(
        _ subject: Subject, changes: [RectificationChange], options: RectificationOptions,
        confirm: (RectificationPlan) -> Bool = { _ in true }, recorded: (RectificationPlan) -> Void = { _ in }
    ) throws -> RectificationReport {
        if let request = subject.request, options.apply, !options.force,
            let reason = request.notReady(for: .rectification)
        {
            throw RectificationError.requestNotReady(id: request.id, reason: reason)
        }
        try checkVacuum(options.vacuum)
        var expected = options.expect
        if !options.apply || options.asks {
            let plan = try readingOperations { reader, fingerprint in
                try explainingMapMismatch(reader) {
                    try planRectification(subject.identifiers, changes, reader, fingerprint).plan
                }
            }
            if let expected, expected != plan.digest {
                throw RectificationError.staleDigest(expected: expected, actual: plan.digest)
            }
            guard options.apply else {
                try recording(
                    AuditRecord(
                        action: .rectifyPlan, requestID: subject.request?.id,
                        subjects: try auditSubjects(subject.identifiers),
                        details: ["digest": .text(plan.digest), "changes": .int(Int64(plan.steps.count))])
                ) {}
                return RectificationReport(plan: plan, applied: false, server: serverRemnants())
            }
            guard confirm(plan) else { throw RectificationError.notConfirmed }
            expected = plan.digest
        }
        let store = try operations()
        var repair: IndexRepair?
        var journal: RectificationJournalEntry?
        let applied: (planned: PlannedRectification, relearning: IndexRelearning)
        do {
            // The fingerprint of each attempt: PostgreSQL runs the transaction again after a
            // serialization failure, and the index must not take the old one as its state.
            applied = try store.writeSettled { writer, fingerprint in
                // What a rolled-back attempt wrote in state.db goes first.
                if let stale = repair {
                    try state().deleteIndexRepair(stale.id)
                    repair = nil
                }
                if let stale = journal {
                    try state().deleteRectificationJournal(stale.id)
                    journal = nil
                }
                return try explainingMapMismatch(writer) {
                    let planned = try planRectification(subject.identifiers, changes, writer, fingerprint)
                    if let expected, planned.plan.digest != expected {
                        throw RectificationError.staleDigest(expected: expected, actual: planned.plan.digest)
                    }
                    // Under the write lock, before the first change: what a crash leaves the index to do.
                    let relearning = try index().relearning(planned.rows, writer)
                    if !relearning.isEmpty {
                        let entry = IndexRepair(
                            id: UUID().uuidString.lowercased(), startedAt: AuditLog.timestamp(now),
                            relearn: relearning.journalText)
                        try state().insertIndexRepair(entry)
                        repair = entry
                    }
                    // A plan that changes nothing still gets its letter (what could not be changed).
                    if planned.plan.changesAnything || options.letterLanguage != nil {
                        let entry = try rectificationJournal(planned, subject, options)
                        try state().insertRectificationJournal(entry)
                        journal = entry
                    }
                    try write(planned.plan, writer)
                    return (planned, relearning)
                }
            }.result
        } catch {
            // The transaction rolled back: the index has nothing to learn.
            if let repair {
                try? state().deleteIndexRepair(repair.id)
                try? state().checkpoint()
            }
            if let journal { try? state().deleteRectificationJournal(journal.id) }
            throw error
        }
        let plan = applied.planned.plan
        try recordRectification(applied.planned, subject, forced: options.force, journal: journal?.id)
        try readingOperations { reader, _ in try index().relearn(applied.relearning, reader) }
        recorded(plan)
        // One checkpoint for both (the journal's removal makes it): its plain values leave the WAL.
        if let repair { try state().deleteIndexRepair(repair.id) }
        if let journal {
            try state().deleteRectificationJournal(journal.id)
        } else if repair != nil {
            try state().checkpoint()
        }
        return RectificationReport(
            plan: plan, applied: true,
            server: serverRemnants(vacuumed: options.vacuum && plan.changesAnything ? try vacuumOperations() : []))
    }

    /// Finishes the index work of rectifications a crash interrupted between their journal
    /// entry and the index's update: every command's session does this first. It runs under
    /// the operations database's write lock, so no rectification is between its journal entry
    /// and its commit, and learning the rows as they are now is right whether or not that
    /// commit happened.
    ///
    /// - Returns: how many entries were finished.
    /// - Throws: ``StoreError`` (75 when a rectification holds the lock past the busy timeout).
    public func finishIndexRepairs() throws -> Int {
        guard FileManager.default.fileExists(atPath: workspace.stateDatabase.path(percentEncoded: false)) else {
            return 0
        }
        let repairs = try state().indexRepairs()
        guard !repairs.isEmpty else { return 0 }
        let store = try operations()
        let fingerprint = store.fingerprint()
        try store.write { writer in
            try explainingMapMismatch(writer) {
                let index = try index()
                try index.refresh(writer, fingerprint: fingerprint)
                for repair in repairs {
                    let relearning: IndexRelearning
                    do { relearning = try IndexRelearning(journalText: repair.relearn) } catch {
                        throw StateError.corruptRow(table: "index_repairs", row: repair.id, column: "relearn")
                    }
                    try index.relearn(relearning, writer)
                }
            }
        }
        for repair in repairs { try state().deleteIndexRepair(repair.id) }
        try state().checkpoint()
        return repairs.count
    }

    /// Locates `identifiers` with `reader` and plans `changes` for what was found.
    private func planRectification(
        _ identifiers: [SubjectIdentifier], _ changes: [RectificationChange], _ reader: any OperationsReader,
        _ fingerprint: OperationsFingerprint
    ) throws -> PlannedRectification {
        let result = try locate(identifiers, options: LocateOptions(), reader, fingerprint)
        return try RectificationPlanner(
            map: dataMap(), defaultCountry: defaultCountry, subject: Set(result.subjectIdentifiers), hasher: hasher()
        ).plan(changes, result, reader)
    }

    /// Writes every step; a step that finds no row means the data changed under the plan.
    private func write(_ plan: RectificationPlan, _ writer: any OperationsWriter) throws {
        let map = try dataMap()
        for step in plan.steps {
            guard let table = map.table(step.table) else { continue }
            let value: CellValue =
                Int64(step.new).map { step.kind == nil ? .integer($0) : .text(step.new) }
                ?? .text(step.new)
            let changed: Int
            do {
                changed = try writer.update(
                    table.name, primaryKey: table.primaryKey, key: step.key, set: step.column, to: value)
            } catch let error as StoreError {
                // SQLITE_CONSTRAINT (19): the new value does not fit (NOT NULL, CHECK, UNIQUE).
                if case .sqlite(_, let code, let message) = error, code & 0xFF == 19 {
                    throw RectificationError.badNewValue(
                        table: table.name, column: step.column, key: step.key.forMessages,
                        problem: "does not fit the column (\(message))")
                }
                throw error
            }
            guard changed == 1 else { throw ErasureError.stepFailed(table: table.name, key: step.key.forMessages) }
        }
        // Verified before the commit: every cell reads back as the plan wrote it (a trigger or
        // a column affinity that changed it would otherwise go unnoticed).
        for step in plan.steps {
            guard let table = map.table(step.table) else { continue }
            let stored = try writer.record(in: table.name, primaryKey: table.primaryKey, key: step.key)?[step.column]
            guard stored?.storedText == step.new else {
                throw RectificationError.badNewValue(
                    table: table.name, column: step.column, key: step.key.forMessages,
                    problem: "did not read back as written (a trigger or the column's type changed it)")
            }
        }
    }

    /// The audit entry (per column: records changed, keyed hashes of the old and the new
    /// values) and, for an open request, its new identifiers.
    func recordRectification(
        _ planned: PlannedRectification, _ subject: Subject, forced: Bool, journal: String?, resumes: Bool = false
    ) throws {
        let hasher = try hasher()
        let plan = planned.plan
        var columns: [String: AuditValue] = [:]
        for (name, steps) in Dictionary(grouping: plan.steps, by: { "\($0.table).\($0.column)" }) {
            let old = Set(
                steps.compactMap { step in
                    step.identifiers.map { hasher.hex($0.old.canonical) } ?? step.old.map(hasher.hex)
                })
            let new = Set(
                steps.map { step in step.identifiers.map { hasher.hex($0.new.canonical) } ?? hasher.hex(step.new) })
            columns[name] = .map([
                "records": .int(Int64(steps.count)), "old": .list(old.sorted().map(AuditValue.text)),
                "new": .list(new.sorted().map(AuditValue.text)),
            ])
        }
        let record = AuditRecord(
            action: .rectifyApply, requestID: subject.request?.id, subjects: try auditSubjects(subject.identifiers),
            details: [
                "digest": .text(plan.digest), "columns": .map(columns),
                "not_changeable": .int(Int64(plan.notChangeable.count)), "forced": .bool(forced),
            ].merging(resumes ? ["resumes": .text(plan.digest)] : [:]) { old, _ in old })
        struct RecordedElsewhere: Error {}
        do {
            try recording(record) { db in
                // Exactly one entry when the stopped run and the command finishing it race.
                if let journal, try !state().markRectificationRecorded(journal, db) { throw RecordedElsewhere() }
                if resumes, let id = subject.request?.id {
                    try state().noteBulkStep(ofRequest: id, action: AuditAction.rectifyApply.rawValue, db)
                }
            }
        } catch is RecordedElsewhere {
            return
        }
        if let request = subject.request, request.status == .open {
            try register().addSubjects(request.id, planned.newIdentifiers)
        }
    }
}
