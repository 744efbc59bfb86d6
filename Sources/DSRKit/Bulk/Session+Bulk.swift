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
        for line in file.lines {
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
                        row, refHash: refHash, contentHash: contentHash, known: known, outcome: outcome)
                }
            } catch let error as BulkRowError {
                outcome.error = error.description
            } catch let error as any DSRError {
                switch error.kind {
                case .temporary, .cannotWrite, .internalError:
                    // Every later row would meet it too: stop, and let the next run go on.
                    outcome.error = "line \(line.line): \(error.description)"
                    summary.rows.append(outcome)
                    summary.stopped = error.description
                    summary.stoppedKind = error.kind
                    return summary
                default:
                    outcome.error = "line \(line.line): \(error.description)"
                }
            } catch {
                outcome.error = "line \(line.line): \(error)"
                summary.rows.append(outcome)
                summary.stopped = "\(error)"
                summary.stoppedKind = .internalError
                return summary
            }
            summary.rows.append(outcome)
        }
        return summary
    }

    /// Carries out one row, from where an earlier run left it: every audit entry written
    /// for the row notes its step in the same transaction.
    private func carryOut(
        _ row: BulkRow, refHash: String, contentHash: String, known: BulkRowRecord?, outcome: BulkOutcome
    ) throws -> BulkOutcome {
        let state = try state()
        let record = BulkRowRecord(refHash: refHash, contentHash: contentHash, done: false, requestID: nil, steps: [])
        let time = AuditLog.timestamp(now)
        let progress = BulkProgress(requestID: known?.requestID, steps: known?.steps ?? [])
        var outcome = outcome
        try state.observingAudit({ entry, db in
            try state.noteBulkStep(record, action: entry.action, requestID: entry.requestID, at: time, db)
        }) {
            try perform(row, progress, into: &outcome)
        }
        try state.finishBulkRow(refHash, at: time)
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
