import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#endif

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
    /// Write transactions that changed something (one per batch of at most ``PurgeBatching/rows`` records).
    public let batches: Int
    /// On a PostgreSQL server: what it keeps of the purged values beyond dsr's reach.
    public var server: ServerRemnants?

    /// Records past retention this run did not purge (the cap, or held).
    public var left: Int { counts.reduce(0) { $0 + $1.left } }
}

/// How a purge run is cut so that its memory stays flat whatever it purges.
public struct PurgeBatching: Sendable {
    /// Records per write transaction (each its own plan, journal entry and commit).
    public var rows: Int
    /// Records per selection (one read of each rule's table).
    public var window: Int
    /// Records per residue scan (the scanner holds their stored forms).
    public var residue: Int

    /// 2,500 records per transaction, 100,000 per selection, 25,000 per residue scan: under
    /// 64 MB at the peak at 10M calls.
    public static let standard = PurgeBatching(rows: 2_500, window: 100_000, residue: 25_000)

    /// Cuts of `rows` per transaction, `window` per selection and `residue` per residue scan
    /// (at least 1 each; the residue scan also runs at the end of each selection).
    public init(rows: Int, window: Int, residue: Int? = nil) {
        self.rows = max(1, rows)
        self.window = max(1, window)
        self.residue = max(1, residue ?? window)
    }
}

extension Session {
    /// Purges what is past retention as of `asOf` (`dsr retention audit --apply`), oldest
    /// first, at most `maxRows` records in the run.
    ///
    /// The rows are selected by their own dates, `batching.window` at a time, and carried out in
    /// batches of `batching.rows`, each one write transaction with an erasure's
    /// guarantees (journal, secure deletion, WAL truncated, files after the commit, the index's
    /// entries of every changed row forgotten). Each batch checks its rows again under the
    /// write lock (still there, still past retention). Every `batching.residue` records, and
    /// after each selection, the residue scan looks for what the batches since the last purged. Records under a legal hold or a restriction in force are
    /// kept and counted as blocked.
    ///
    /// One audit entry `retention.purge` records the run: counts per rule, the batches and a
    /// digest of their plans. Each batch's commit saves the run's progress in state.db, so a
    /// run killed halfway is recorded by the next run (`interrupted`), and what its committed
    /// batches did stays done. A second run while one holds `state/retention.lock` stops at
    /// once (exit 75).
    ///
    /// - Throws: ``StoreError`` (75 when locked), ``ErasureError`` (a purge that would orphan a
    ///   row the map does not say how to unlink), data map errors. A batch that throws changes
    ///   nothing; the batches before it stay committed and are in the run's audit entry.
    /// With `vacuum`, the tables a batch changed are vacuumed after the run (``ServerRemnants``).
    public func purgeRetention(
        asOf: CalendarDate, maxRows: Int, batching: PurgeBatching = .standard, vacuum: Bool = false
    ) throws -> PurgeReport {
        try checkVacuum(vacuum)
        let lock = try RunLock(at: workspace.stateDir.appending(path: "retention.lock"))
        defer { withExtendedLifetime(lock) {} }
        try recordInterruptedPurges()
        let map = try dataMap()
        let limits = try processingLimits()
        let planner = PurgePlanner(map: map, defaultCountry: defaultCountry, limits: limits, today: asOf)
        // One thread: a second one's connection and tally would cost the purge memory it does
        // not have under 64 MB, to save a second per 100,000 records of a ten-minute run.
        let selector = RetentionSelector(map: map, cutoff: RetentionCutoff(asOf: asOf))
        let rules = RetentionRule.rules(of: map)
        var run = PurgeRun(id: UUID().uuidString.lowercased(), startedAt: AuditLog.timestamp(now), asOf: asOf)
        run.maxRows = maxRows
        var cursors: [OldestRows.Entry?] = Array(repeating: nil, count: rules.count)
        var remaining = max(0, maxRows)
        var scan = PurgeResidue()
        var filesRefused: [FileRefusal] = []
        var compacted = false
        var more = true
        var first = true
        var capped = false
        var scans = 0
        // Records purged or kept of those the run will reach (known after the first selection).
        let progress = meter(task: "purging past retention", unit: "records", total: nil)
        defer { progress.finish() }
        do {
            while more && remaining > 0 {
                let limit = min(remaining, batching.window)
                let findings = try readingOperations { reader, _ in
                    try rules.indices.map {
                        try selector.select(rules[$0], in: reader, limit: limit, after: cursors[$0])
                    }
                }
                if first {
                    run.counts = findings.map {
                        PurgeCount(
                            table: $0.table, column: $0.column, scope: $0.scope, purged: 0, blocked: 0, left: $0.count)
                    }
                    progress.set(done: 0, total: min(max(0, maxRows), run.counts.reduce(0) { $0 + $1.left }))
                    first = false
                }
                // A rule whose window is full may have rows after it.
                more = findings.contains { $0.rows.count >= limit && $0.beyond > $0.rows.count }
                for (index, finding) in findings.enumerated() {
                    if let last = finding.rows.last {
                        cursors[index] = OldestRows.Entry(start: last.start, number: last.number)
                    }
                }
                for batch in PurgeWork(findings, rules: rules).batches(of: batching.rows) {
                    guard remaining > 0 else {
                        capped = true
                        break
                    }
                    var counts: [(rule: Int, count: PurgeCount, checked: Int)] = []
                    let done = try carryOut(
                        "purge", identifiers: [], requestID: nil, scansResidue: false,
                        committed: { plan, db in
                            guard plan.changesAnything else { return }
                            run.add(counts, digest: plan.digest)
                            try state().savePurgeRun(try run.row(), db)
                        }
                    ) { writer in
                        let checked = try batch.map { part in
                            (part.rule, try selector.recheck(rules[part.rule], rows: part.numbers, in: writer))
                        }
                        let purge = try planner.plan(checked.map(\.1), maxRows: remaining, writer)
                        counts = PurgeRun.parts(checked, purge.counts)
                        return purge.planned
                    }
                    remaining -= counts.reduce(0) { $0 + $1.count.purged }
                    progress.advance(by: counts.reduce(0) { $0 + $1.count.purged + $1.count.blocked })
                    filesRefused += done.filesRefused
                    scan.add(done.planned, records: counts.reduce(0) { $0 + $1.count.purged })
                    if scan.records >= batching.residue {
                        compacted = try scanPurged(&scan, &run, wholeState: scans == 0) || compacted
                        scans += 1
                    }
                }
                if !scan.isEmpty {
                    // The last scan of the run (no more windows) reads the whole state folder.
                    let last = !more || remaining == 0
                    compacted = try scanPurged(&scan, &run, wholeState: scans == 0 || last) || compacted
                    scans += 1
                }
            }
        } catch {
            // What committed stays committed: the run's entry says so before the error goes on.
            if run.batches > 0 {
                run.settle(capped: true)
                try? finishPurgeRun(run, interrupted: true)
            }
            throw error
        }
        // Rows past retention the run did not purge: those it kept (held), and those it did
        // not reach when the cap stopped it.
        run.settle(capped: capped || more)
        try finishPurgeRun(run, interrupted: false)
        return PurgeReport(
            asOf: asOf, counts: run.counts.filter { $0.purged > 0 || $0.blocked > 0 || $0.left > 0 },
            residue: run.residue, filesRefused: filesRefused, compacted: compacted, batches: run.batches,
            server: serverRemnants(vacuumed: vacuum && run.batches > 0 ? try vacuumOperations() : []))
    }

    /// The residue scan of the batches since the last one: the purged values' stored forms in
    /// the operations database's unused space (``SQLiteUnusedSpace``: their people's newer rows
    /// hold the same values on purpose, in live cells), its journal files, and the state folder:
    /// all of it with `wholeState` (the first and the last scan of a run), else all but
    /// `index.db`, which holds keyed hashes only and is a gigabyte at 10M calls.
    /// When the unused space holds them (stale copies of cells another writer's page splits
    /// left, which no DELETE reaches), the database is rewritten once and scanned again.
    /// Returns whether it rewrote.
    private func scanPurged(_ scan: inout PurgeResidue, _ run: inout PurgeRun, wholeState: Bool) throws -> Bool {
        let scanner = ResidueScanner(forms: Array(scan.erasedTexts))
        scan = PurgeResidue()
        let database = workspace.operationsDB
        func unused() throws -> ResidueReport {
            // A server's files are not dsr's to read (see `scanResidue`).
            guard workspace.operationsFile != nil else { return ResidueReport(places: []) }
            do {
                return ResidueReport(places: [
                    ResiduePlace(place: "ops.db", count: try scanner.countOutsideCells(of: database))
                ])
            } catch let error as ResidueError {
                throw ResidueError.place("ops.db", error)
            }
        }
        var inDatabase = try unused()
        var compacted = false
        if inDatabase.found > 0 {
            try operations().compact()
            compacted = true
            inDatabase = try unused()
        }
        let journals = try scanner.scan(
            workspace.operationsFile == nil
                ? []
                : [
                    ("ops.db-wal", URL(filePath: database.path(percentEncoded: false) + "-wal")),
                    ("ops.db-journal", URL(filePath: database.path(percentEncoded: false) + "-journal")),
                ])
        let folder = workspace.stateDir
        let state = try scanner.scan(
            ResidueScanner.regularFiles(under: folder).filter { wholeState || $0 != "index.db" }.map {
                (label: "state/\($0)", url: folder.appending(path: $0))
            })
        run.residue = ResidueReport(combining: [run.residue, inDatabase, journals, state])
        Self.returnFreedMemory()
        return compacted
    }

    /// Hands freed heap memory back to the system (glibc's `malloc_trim`, looked up at run time:
    /// Swift's Glibc module does not declare it). The scanner's tables and the batches' plans
    /// are freed after each residue scan; without this a long run's resident size creeps up.
    private static func returnFreedMemory() {
        #if canImport(Glibc)
            typealias Trim = @convention(c) (Int) -> Int32
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
            _ = unsafeBitCast(symbol, to: Trim.self)(0)
        #endif
    }

    /// Writes the run's one audit entry and removes its progress, in one state.db transaction.
    private func finishPurgeRun(_ run: PurgeRun, interrupted: Bool) throws {
        try state().write { db in
            try auditTrail().append(run.auditRecord(interrupted: interrupted), actor: actor, at: now, in: db)
            try state().deletePurgeRun(run.id, db)
        }
    }

    /// Writes the audit entry of every run a crash stopped after a committed batch (marked
    /// `interrupted`); called under the retention lock, so no such run is still working.
    ///
    /// - Throws: ``StoreError``; a progress record that cannot be read (``StateError``).
    func recordInterruptedPurges() throws {
        for row in try state().purgeRuns() {
            var run = try PurgeRun(row)
            run.settle(capped: true)
            try finishPurgeRun(run, interrupted: true)
        }
    }
}
