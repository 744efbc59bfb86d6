import Foundation

extension Session {
    /// Step 4: the audit entry, the suppression list and the request's outcome, together.
    func recordApplied(
        _ plan: ErasurePlan, _ subject: Subject, options: ErasureOptions, overridden: [String], heldBy: [String],
        journalID: String
    ) throws {
        var counts: [String: AuditValue] = [:]
        for (table, steps) in Dictionary(grouping: plan.steps, by: \.table) {
            var perAction: [String: AuditValue] = [:]
            for (action, group) in Dictionary(grouping: steps, by: \.action) {
                perAction[action.rawValue] = .int(Int64(group.count))
            }
            counts[table] = .map(perAction)
        }
        let hashes = try auditSubjects(subject.identifiers)
        let retained = plan.steps.contains { $0.action == .retain }
        let held = plan.steps.contains { $0.action == .held }
        let outcome =
            !plan.changesAnything && held
            ? "held" : held ? "erased, partly held" : retained ? "erased, partly retained" : "erased"
        var details: [String: AuditValue] = [
            "digest": .text(plan.digest), "steps": .map(counts), "files": .int(Int64(plan.files.count)),
            "processor_held": .int(Int64(plan.processorHeld.count)),
            "include_processor_data": .bool(options.includeProcessorData), "forced": .bool(options.force),
            "outcome": .text(outcome),
        ]
        if let resumed = options.resumes { details["resumes"] = .text(resumed) }
        if options.overrideRestriction {
            // Art. 18: erasing while a restriction stands is the DPO's decision, recorded with
            // the restrictions it set aside (their ids; the reasons stay in the register).
            details["override_restriction"] = .bool(true)
            details["overridden_restrictions"] = .list(overridden.map(AuditValue.text))
        }
        if !heldBy.isEmpty { details["held_by"] = .list(heldBy.map(AuditValue.text)) }
        let record = AuditRecord(
            action: .eraseApply, requestID: subject.request?.id, subjects: hashes,
            details: details)
        try state().write { db in
            try state().setJournalPhase(journalID, "committed", db)
            // A plan that held everything erased nobody: the person is not on the suppression list.
            if outcome != "held" {
                try state().suppress(
                    hashes, requestID: subject.request?.id, at: AuditLog.timestamp(now), digest: plan.digest,
                    includeProcessorData: options.includeProcessorData, db)
            }
            try auditTrail().append(record, actor: actor, at: now, in: db)
            // The request is answered in the same commit (a crash cannot leave it open after
            // the erasure); one that held everything has not been answered and stays open.
            if let request = subject.request, request.status == .open, outcome != "held" {
                try register().close(
                    request.id, outcome: .completed,
                    reason: held
                        ? "some data held (\(heldBy.joined(separator: ", "))), see the plan \(plan.digest)"
                        : retained ? "erased; some data retained under Art. 17(3), see the plan \(plan.digest)" : nil,
                    in: db)
            }
        }
    }

    /// An erasure answers a verified, open erasure request (else `--force`).
    static func ready(_ request: Request) throws {
        if let reason = request.notReady(for: .erasure) {
            throw ErasureError.requestNotReady(id: request.id, reason: reason)
        }
    }
}
