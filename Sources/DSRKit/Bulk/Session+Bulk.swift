import Foundation

extension Session {
    /// Carries out every row of `file` (`dsr bulk`), each exactly as its single command
    /// would, and returns what became of each.
    ///
    /// Rows are remembered in state.db by a keyed hash of their ref: a row done before is
    /// skipped, a row begun before (the run was killed) goes on from its last audited step,
    /// and a row whose content changed under a ref already used fails. A row that fails
    /// does not stop the others; an error no later row could escape (a locked database, a
    /// full disk, a bug) stops the run, and ``BulkSummary/stopped`` says so. With `dryRun`
    /// every row is read and checked and nothing is written.
    ///
    /// - Throws: ``StoreError``, key errors when the state cannot be read at all.
    public func runBulk(_ file: BulkFile, dryRun: Bool, meter: ProgressMeter) throws -> BulkSummary {
        var summary = BulkSummary()
        summary.dryRun = dryRun
        let hasher = try hasher()
        var seen: [String: Int] = [:]
        defer { meter.finish() }
        let lines = file.lines
        // Every applied erasure's residue question, answered by one scan at the end.
        var residue = ResidueQuestion()
        var next = 0
        while next < lines.count, summary.stoppedKind == nil {
            // Consecutive locate rows only read and audit: their commits are synced together,
            // before anything is reported (the summary comes at the end).
            let end = lines[next...].firstIndex { !Self.isLocate($0) } ?? lines.endIndex
            if end > next, !dryRun {
                do {
                    try state().committingTogether {
                        for line in lines[next..<end] where summary.stoppedKind == nil {
                            run(line, hasher, &seen, &summary, &residue, dryRun: dryRun, meter: meter)
                        }
                    }
                } catch let error as any DSRError {
                    summary.stopped = error.description
                    summary.stoppedKind = error.kind
                }
                next = end
            } else {
                run(lines[next], hasher, &seen, &summary, &residue, dryRun: dryRun, meter: meter)
                next += 1
            }
        }
        if residue.erasures > 0 { scanBulkResidue(residue, into: &summary) }
        return summary
    }

    /// One residue scan for every erasure the run applied, after their commits and before
    /// anything is reported: the same scan `dsr erase` makes after each, with all their forms.
    private func scanBulkResidue(_ question: ResidueQuestion, into summary: inout BulkSummary) {
        do {
            let (report, kept) = try scanResidue(question)
            summary.residue = BulkResidue(erasures: question.erasures, report: report, kept: kept)
        } catch let error as any DSRError {
            summary.stopped = "the residue scan after \(question.erasures) erasure(s) failed: \(error.description)"
            summary.stoppedKind = error.kind
        } catch {
            summary.stopped = "the residue scan after \(question.erasures) erasure(s) failed: \(error)"
            summary.stoppedKind = .internalError
        }
    }

    /// Whether the line asks for a locate (read and audited, nothing else written).
    private static func isLocate(_ line: BulkLine) -> Bool {
        guard let action = line.fields["action"] else { return false }
        return (try? action.text(line: line.line, field: "action"))??.lowercased() == BulkAction.locate.rawValue
    }

    /// Carries out one line and appends its outcome; an error no later row could escape
    /// sets ``BulkSummary/stopped``.
    private func run(
        _ line: BulkLine, _ hasher: KeyedHasher, _ seen: inout [String: Int], _ summary: inout BulkSummary,
        _ residue: inout ResidueQuestion, dryRun: Bool, meter: ProgressMeter
    ) {
        defer { meter.advance() }
        let ref = line.fields["ref"].flatMap { try? $0.text(line: line.line, field: "ref") }
        var outcome = BulkOutcome(ref: ref, line: line.line, status: .failed)
        do {
            let row = try BulkRow(line, defaultCountry: defaultCountry)
            outcome.action = row.action
            if let first = seen[row.ref] {
                throw BulkRowError(line: row.line, field: "ref", reason: "the same ref as line \(first)")
            }
            seen[row.ref] = row.line
            let refHash = hasher.hex("bulk-ref:" + row.ref)
            let contentHash = hasher.hex("bulk-content:" + row.content)
            let known = try state().bulkRow(refHash)
            if let known, known.contentHash != contentHash {
                throw BulkRowError(
                    line: row.line, field: "ref",
                    reason: "this ref was carried out before with other content; give a changed request a new ref")
            }
            if let known, known.done {
                outcome.status = .skipped
                outcome.request = known.requestID
            } else if dryRun {
                outcome.status = .ready
                outcome.request = known?.requestID
            } else {
                outcome = try carryOut(
                    row, refHash: refHash, contentHash: contentHash, known: known, outcome: outcome, residue: &residue)
            }
        } catch let error as BulkRowError {
            outcome.error = error.description
        } catch let error as any DSRError {
            outcome.error = "line \(line.line): \(error.description)"
            switch error.kind {
            case .temporary, .cannotWrite, .internalError:
                // Every later row would meet it too: stop, and let the next run go on.
                summary.stopped = error.description
                summary.stoppedKind = error.kind
            default: break
            }
        } catch {
            outcome.error = "line \(line.line): \(error)"
            summary.stopped = "\(error)"
            summary.stoppedKind = .internalError
        }
        summary.rows.append(outcome)
    }

    /// Carries out one row, from where an earlier run left it: every audit entry written
    /// for the row notes its step in the same transaction.
    private func carryOut(
        _ row: BulkRow, refHash: String, contentHash: String, known: BulkRowRecord?, outcome: BulkOutcome,
        residue: inout ResidueQuestion
    ) throws -> BulkOutcome {
        let state = try state()
        let record = BulkRowRecord(refHash: refHash, contentHash: contentHash, done: false, requestID: nil, steps: [])
        let time = AuditLog.timestamp(now)
        let progress = BulkProgress(requestID: known?.requestID, steps: known?.steps ?? [])
        var outcome = outcome
        // A locate row's one audit entry is its last step: the row is done in that commit
        // (unless an earlier run wrote the entry, and this one only marks the row done).
        let locateIsLast = row.action == .locate && !progress.did(.locate)
        try state.observingAudit({ entry, db in
            let last = locateIsLast && entry.action == AuditAction.locate.rawValue
            try state.noteBulkStep(record, action: entry.action, requestID: entry.requestID, at: time, done: last, db)
        }) {
            try perform(row, progress, into: &outcome, residue: &residue)
        }
        if !locateIsLast { try state.finishBulkRow(refHash, at: time) }
        outcome.status = .done
        return outcome
    }
}

/// Where an earlier run left a row: the request it opened and the audit actions written.
struct BulkProgress: Sendable {
    var requestID: String?
    var steps: [String]

    func did(_ action: AuditAction) -> Bool { steps.contains(action.rawValue) }
}
