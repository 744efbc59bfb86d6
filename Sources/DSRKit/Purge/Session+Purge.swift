import Foundation

/// What `dsr retention audit --apply` purged (CONTRACT.md section 7, `purged`).
public struct PurgeReport: Sendable {
    /// The `--as-of` day.
    public let asOf: CalendarDate
    /// Per rule that found anything: purged, blocked by a hold or restriction, left for a later run.
    public let counts: [PurgeCount]
    /// What dsr's byte scan found of the purged values afterwards (0 is the goal).
    public let residue: ResidueReport
    /// Files the purge could not delete (refused paths, links).
    public let filesRefused: [FileRefusal]
    /// Whether the operations database was rewritten because the scan found purged values in
    /// its unused space (copies another writer left there); the residue is the scan after it.
    public let compacted: Bool

    /// Records past retention this run did not purge (the cap, or held).
    public var left: Int { counts.reduce(0) { $0 + $1.left } }
}

extension Session {
    /// Purges what is past retention as of `asOf` (`dsr retention audit --apply`): the rows are
    /// selected by their own dates under the operations database's write lock, oldest first,
    /// at most `maxRows` records, and carried out in one transaction with an erasure's
    /// guarantees (journal, secure deletion, WAL truncated, files after the commit, the
    /// index's entries of every changed row forgotten, the residue scan). Records under a
    /// legal hold or a restriction in force are kept and counted as blocked. One audit entry
    /// `retention.purge` records the counts per rule. A second run while one holds
    /// `state/retention.lock` stops at once (exit 75).
    ///
    /// - Throws: ``StoreError`` (75 when locked), ``ErasureError`` (a purge that would orphan a
    ///   row the map does not say how to unlink), data map errors. Nothing changes when it throws
    ///   before the commit.
    public func purgeRetention(asOf: CalendarDate, maxRows: Int) throws -> PurgeReport {
        let lock = try RunLock(at: workspace.stateDir.appending(path: "retention.lock"))
        defer { withExtendedLifetime(lock) {} }
        let map = try dataMap()
        let limits = try processingLimits()
        let planner = PurgePlanner(map: map, defaultCountry: defaultCountry, limits: limits, today: asOf)
        var counts: [PurgeCount] = []
        let done = try carryOut(
            "purge", identifiers: [], requestID: nil,
            audit: { plan in
                var rules: [String: AuditValue] = [:]
                for count in counts {
                    rules[count.table + (count.column.map { ".\($0)" } ?? "")] = .map([
                        "purged": .int(Int64(count.purged)), "blocked": .int(Int64(count.blocked)),
                        "left": .int(Int64(count.left)),
                    ])
                }
                return AuditRecord(
                    action: .retentionPurge, requestID: nil, subjects: [],
                    details: [
                        "as_of": .text(asOf.description), "digest": .text(plan.digest), "rules": .map(rules),
                        "max_rows": .int(Int64(maxRows)),
                    ])
            }
        ) { writer in
            let selector = RetentionSelector(map: map, cutoff: RetentionCutoff(asOf: asOf))
            let findings = try RetentionRule.rules(of: map).map { try selector.select($0, in: writer, limit: maxRows) }
            let purge = try planner.plan(findings, maxRows: maxRows, writer)
            counts = purge.counts
            return purge.planned
        }
        var residue = done.residue
        var compacted = false
        if residue.places.contains(where: { $0.place == "ops.db" }) {
            // Found only outside live cells: stale copies in unused page space. A rewrite removes them.
            try operations().compact()
            compacted = true
            residue = try scanResidue(done.planned, [], stillLive: done.planned.stillLive).0
        }
        return PurgeReport(
            asOf: asOf, counts: counts, residue: residue, filesRefused: done.filesRefused, compacted: compacted)
    }
}
