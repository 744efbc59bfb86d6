import Foundation

extension Session {
    /// What the register records as the verification of a bulk row's request: the file is
    /// the sender's statement that the subject's identity was verified (README, "Bulk").
    static let bulkVerification = "stated by the sender of the bulk file"

    /// Carries out `row` as its single command would, skipping the steps `progress` says an
    /// earlier run already audited. An applied erasure adds what its residue scan would look
    /// for to `residue`, which the run answers with one scan at its end.
    ///
    /// - Throws: the errors of the command the row stands for.
    func perform(
        _ row: BulkRow, _ progress: BulkProgress, into outcome: inout BulkOutcome, residue: inout ResidueQuestion
    ) throws {
        guard let type = row.action.requestType else {
            // Audited by a run killed before it could mark the row done: not searched twice.
            guard !progress.did(.locate) else { return }
            let subject = try subject(row.subjects, request: nil)
            var result = try locate(subject)
            _ = try noteLimits(in: &result)
            outcome.records = result.records.count
            outcome.files = result.files.count
            return
        }
        let id = try bulkRequest(row, type: type, progress)
        outcome.request = id
        let subject = try subject(row.subjects, request: id)
        switch row.action {
        case .locate: break
        case .access, .portability:
            guard !progress.did(.export) else { return }
            var options = ExportOptions()
            options.format = row.format
            options.language = row.language
            if row.action == .portability { options.kind = .portability }
            // A run killed after the archive got its name but before the audit entry committed
            // leaves an archive of the same request: this run writes it again.
            options.overwrite = progress.requestID != nil
            let report = try Exporter.export(subject, options: options, in: self)
            outcome.archive = report.path
            if !report.filesLeftOut.isEmpty {
                outcome.error = "\(report.filesLeftOut.count) file(s) could not be included (listed in the letter)"
            }
        case .erasure:
            try eraseForBulk(row, subject, progress, into: &outcome, residue: &residue)
        case .rectification:
            guard !progress.did(row.apply ? .rectifyApply : .rectifyPlan) else {
                if row.apply { outcome.error = lettersLeftOut(id, "rectification") }
                return
            }
            var options = RectificationOptions()
            options.apply = row.apply
            let answer = try answerRectification(
                subject, changes: row.changes, options: options, language: row.language)
            outcome.digest = answer.report.plan.digest
            outcome.applied = answer.report.applied
            if answer.letterFailed { outcome.error = "the letter could not be written" }
        case .restriction:
            if progress.did(.restrictAdd) {
                // Recorded by a run stopped before the row was done: its letter, finished now.
                guard let recorded = try limitsRegister().restrictions().last(where: { $0.requestID == id }) else {
                    outcome.error = lettersLeftOut(id, "restriction")
                    return
                }
                let answer = try answerRecordedRestriction(recorded, for: subject, language: row.language)
                if answer.letterFailed { outcome.error = "the letter could not be written" }
                return
            }
            let answer = try answerRestriction(
                subject, reason: row.reason ?? "restriction requested by the data subject (Art. 18)", until: nil,
                language: row.language)
            if answer.letterFailed { outcome.error = "the letter could not be written" }
        }
    }

    /// The row's request: opened and verified now, or as an earlier run left it.
    private func bulkRequest(_ row: BulkRow, type: RequestType, _ progress: BulkProgress) throws -> String {
        let id: String
        if let known = progress.requestID {
            id = known
        } else {
            id = try register().open(type: type, subjects: row.subjects, received: row.received, channel: "bulk").id
        }
        if !progress.did(.requestVerify) { _ = try register().verify(id, method: Self.bulkVerification) }
        return id
    }

    private func eraseForBulk(
        _ row: BulkRow, _ subject: Subject, _ progress: BulkProgress, into outcome: inout BulkOutcome,
        residue: inout ResidueQuestion
    ) throws {
        guard let id = subject.request?.id else { return }
        if row.apply, try state().journal().contains(where: { $0.requestID == id }) {
            // The earlier run was stopped inside the erasure, or after it but before its letter:
            // finish it as `dsr erase --resume` does, the letter included.
            let answer = try answerResumedErasures().last { $0.report.resumedRequest == id }
            outcome.applied = true
            outcome.digest = answer?.report.plan.digest
            outcome.residue = answer?.report.residue?.found
            if answer?.letterFailed == true { outcome.error = "the letter could not be written" }
            if answer?.letters == nil { outcome.error = lettersLeftOut(id, "erasure") }
            return
        }
        if progress.did(.eraseApply) || (!row.apply && progress.did(.erasePlan)) {
            // Audited and lettered by an earlier run (the request closed in the same commit).
            outcome.applied = row.apply
            if row.apply { outcome.error = lettersLeftOut(id, "erasure") }
            return
        }
        var options = ErasureOptions()
        options.apply = row.apply
        options.scansResidue = false
        let answer = try answerErasure(subject, options: options, language: row.language)
        outcome.digest = answer.report.plan.digest
        outcome.applied = answer.report.applied
        if let question = answer.report.residueQuestion { residue.merge(question) }
        if answer.letterFailed { outcome.error = "the letter could not be written" }
    }

    /// When a run was killed between a change's audit entry and its letter: says that the
    /// letter to the person and the notices are not in `exports_dir` (they are written from
    /// the plan carried out, which is gone); nil when the letter is there.
    private func lettersLeftOut(_ id: String, _ kind: String) -> String? {
        let folder = workspace.exportsDir.path(percentEncoded: false)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        guard !names.contains(where: { $0.hasPrefix("\(id)-\(kind)-letter") }) else { return nil }
        return "carried out by an earlier run that was stopped before the \(kind) letter was written;"
            + " the letter and the notices to recipients are not in exports_dir: write them by hand"
    }
}
