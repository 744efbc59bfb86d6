import Foundation
import GRDB

/// What a plan made from rows did once carried out (``Session/carryOut(_:identifiers:requestID:audit:plan:)``).
struct CarriedOut {
    let planned: PlannedErasure
    let filesRefused: [FileRefusal]
    /// The residue dsr's byte scan found of what the plan erased, and the occurrences in cells
    /// kept on purpose.
    let residue: ResidueReport
    let kept: Int
}

extension Session {
    /// Carries out a plan made from rows rather than from a person (a retention purge, the
    /// re-erasure of records a restored backup brought back) with an erasure's guarantees:
    ///
    /// 1. one write transaction on the operations database in which `plan` is made under the
    ///    lock, the journal entry (`kind`, the files, what the index forgets: each changed
    ///    row's own entries) is written, and every step runs, children first;
    /// 2. the journal's `committed` phase and what `committed` writes (the audit entry, or a
    ///    purge run's progress) in one state.db transaction;
    /// 3. the index forgets, the files are deleted or rewritten, the journal entry goes;
    /// 4. the residue scan of what the plan erased, unless `scansResidue` is false (a purge
    ///    scans once for several batches).
    ///
    /// A plan that changes nothing writes no journal entry and scans nothing; `committed` is
    /// still called (a nightly purge records every run).
    ///
    /// A crash before the commit changed nothing (the next run plans again); after it, the next
    /// command finishes the index and the files from the journal.
    ///
    /// - Parameter identifiers: the people the plan erases, when known (a re-erasure's): their
    ///   forms are scanned for, and a redacted message loses their mailboxes. Identifiers whose
    ///   other rows stay are the plan's ``PlannedErasure/stillLive``.
    /// - Throws: ``ErasureError``, ``StoreError`` (75 when a lock outlasts the busy timeout);
    ///   errors of `plan` and `committed`. Nothing is changed when it throws before step 2.
    func carryOut(
        _ kind: String, identifiers: [SubjectIdentifier], requestID: String?, scansResidue: Bool = true,
        committed: (ErasurePlan, Database) throws -> Void, plan: (any OperationsWriter) throws -> PlannedErasure
    ) throws -> CarriedOut {
        let map = try dataMap()
        let store = try operations()
        let token = Pseudonym.token()
        let subject = Set(identifiers)
        var written: ErasureJournalEntry?
        let done: (planned: PlannedErasure, journal: ErasureJournalEntry?, forgetting: IndexForgetting)
        let settled: SettledWrite?
        do {
            (done, settled) = try store.writeSettled { writer, fingerprint in
                // A transaction run again after a serialization failure: the rolled-back
                // attempt's journal entry goes first.
                if let stale = written {
                    try state().write { db in try state().deleteJournal(stale.id, db) }
                    written = nil
                }
                return try explainingMapMismatch(writer) {
                    // Up to date before the plan: what it forgets is read from the index's sources.
                    try index().refresh(writer, fingerprint: fingerprint)
                    let planned = try plan(writer)
                    // Nothing to change (a nightly run that finds nothing): no journal, no scan.
                    guard planned.plan.changesAnything else { return (planned, nil, IndexForgetting(groups: [])) }
                    let forgetting = try index().forgetting(rowsOf: planned.changedRows, writer)
                    var entry = ErasureJournalEntry(
                        id: UUID().uuidString.lowercased(), startedAt: AuditLog.timestamp(now), requestID: requestID,
                        digest: planned.plan.digest, identifiers: identifiers.map(\.canonical),
                        includeProcessorData: true, phase: "planned",
                        files: planned.plan.files.map {
                            ErasureJournalEntry.File(
                                table: $0.table, column: $0.column, path: $0.path, action: $0.action.rawValue)
                        }, indexForget: forgetting.journalText)
                    entry.kind = kind
                    try state().write { db in try state().insertJournal(entry, db) }
                    written = entry
                    try run(planned.plan.steps, map: map, token: token, subject: subject, writer)
                    return (planned, entry, forgetting)
                }
            }
        } catch {
            if let written {
                try? state().write { db in try state().deleteJournal(written.id, db) }
                try? state().checkpoint()
            }
            throw error
        }
        guard let journal = done.journal else {
            try state().write { db in try committed(done.planned.plan, db) }
            return CarriedOut(planned: done.planned, filesRefused: [], residue: ResidueReport(places: []), kept: 0)
        }
        try state().write { db in
            try state().setJournalPhase(journal.id, "committed", db)
            try committed(done.planned.plan, db)
        }
        try forget(done.forgetting, settling: settled, done.planned.changedRows)
        let (refused, _) = try finishFiles(journal, subject: subject)
        try state().write { db in try state().deleteJournal(journal.id, db) }
        try state().checkpoint()
        guard scansResidue else {
            return CarriedOut(planned: done.planned, filesRefused: refused, residue: ResidueReport(places: []), kept: 0)
        }
        let (residue, kept) = try scanResidue(done.planned, identifiers, stillLive: done.planned.stillLive)
        return CarriedOut(planned: done.planned, filesRefused: refused, residue: residue, kept: kept)
    }
}
