/// One erasure whose records came back, as `dsr retention audit` reports it (CONTRACT.md
/// section 7, `resurrected`).
public struct ResurrectionReport: Sendable, Equatable, Encodable {
    /// The request the erasure answered, else `digest:` and the first 12 hex digits of its plan.
    public let erasure: String
    /// The day the erasure committed.
    public let erasedOn: String
    /// The records that came back and that today's rules erase again.
    public let records: Int
    /// Rows of the erased identifiers dated after the erasure (the person came back on their
    /// own): not resurrected.
    public let newContacts: Int
    /// Whether `--apply` erased them again.
    public var erasedAgain: Bool
    /// After `--apply`: stored forms of the values erased again still found (0 is the goal).
    public var residue: Int?
}

extension Session {
    /// The restore check of `dsr retention audit` (issue 12, section 3): every erasure whose
    /// records are back, and with `apply` each erased again with today's map, holds and
    /// restrictions, in one transaction per erasure with an erasure's guarantees, recorded in
    /// the audit trail as `erase.again` for its request.
    ///
    /// - Throws: ``StoreError``, ``ErasureError``, data map errors.
    public func checkResurrections(apply: Bool) throws -> [ResurrectionReport] {
        var reports: [ResurrectionReport] = []
        let limits = try processingLimits()
        for resurrection in try resurrections() where resurrection.isResurrected {
            let erasure = resurrection.erasure
            var report = ResurrectionReport(
                erasure: erasure.requestID ?? "digest:" + String(erasure.digest.prefix(12)),
                erasedOn: erasure.erasedOn?.description ?? String(erasure.erasedAt.prefix(10)),
                records: resurrection.records.count, newContacts: resurrection.newContacts, erasedAgain: false)
            if apply {
                let hashes = try auditSubjects(resurrection.identifiers)
                let done = try carryOut(
                    "re-erasure", identifiers: resurrection.identifiers, requestID: erasure.requestID,
                    committed: { plan, db in
                        let record = AuditRecord(
                            action: .eraseAgain, requestID: erasure.requestID, subjects: hashes,
                            details: [
                                "digest": .text(plan.digest), "erasure_digest": .text(erasure.digest),
                                "erased_on": .text(report.erasedOn), "records": .int(Int64(report.records)),
                                "steps": .int(Int64(plan.steps.count)),
                            ])
                        try auditTrail().append(record, actor: actor, at: now, in: db)
                    }
                ) { writer in
                    var planned = try planReErasure(resurrection, limits: limits, writer)
                    // Their newer rows (they called again) keep the values on purpose.
                    if resurrection.newContacts > 0 { planned.stillLive = Set(resurrection.identifiers) }
                    return planned
                }
                report.erasedAgain = true
                report.residue = done.residue.found
            }
            reports.append(report)
        }
        return reports
    }
}
