import DSRDemo
import Foundation
import GRDB
import Testing

@testable import DSRKit

/// A purge cut into many small transactions ends exactly where one large one ends, writes one
/// audit entry for the run, and a run stopped between batches is recorded as interrupted.
@Suite struct PurgeBatchTests {
    static let asOf = CalendarDate(year: 2026, month: 12, day: 2)!
    static let small = PurgeBatching(rows: 40, window: 150)

    /// A 3,000-call demo workspace (seed 7) in its own folder, and a session on it.
    static func workspace(_ dir: TemporaryDirectory) throws -> Session {
        _ = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 12, calls: 3000, seed: 7), force: false)
        return Session(workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "cron")
    }

    /// Every row of every table of ops.db as text, in row order, with pseudonym tokens (random
    /// per run) written as one placeholder.
    static func dump(_ session: Session) throws -> [String] {
        let queue = try DatabaseQueue(path: session.workspace.operationsDB.path(percentEncoded: false))
        return try queue.read { db in
            var lines: [String] = []
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY rowid") {
                    let cells = row.databaseValues.map { value -> String in
                        let text = value.description
                        return text.contains(PseudonymToken.prefix) ? "<token>" : text
                    }
                    lines.append(table + "|" + cells.joined(separator: "|"))
                }
            }
            return lines
        }
    }

    /// The files under the workspace's files root, relative.
    static func files(_ session: Session) throws -> [String] {
        let root = session.workspace.filesRoot
        let paths = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.compactMap {
            ($0 as? URL)?.path(percentEncoded: false)
        }
        return (paths ?? []).map { String($0.dropFirst(root.path(percentEncoded: false).count)) }.sorted()
    }

    static func purgeEntries(_ session: Session) throws -> [[String: Any]] {
        try session.auditTrail().entries().filter { $0.action == AuditAction.retentionPurge.rawValue }.map {
            try #require(JSONSerialization.jsonObject(with: Data($0.details.utf8)) as? [String: Any])
        }
    }

    /// As of 2026-12-02 the calls dominate; as of 2030-01-01 every rule purges, and a voicemail's
    /// notification e-mail goes with it in one batch while the e-mail rule's own batch finds it gone.
    @Test(arguments: ["2026-12-02", "2030-01-01"])
    func aPurgeInSmallBatchesEndsWhereOneTransactionEnds(day: String) throws {
        let asOf = try #require(CalendarDate(iso: day))
        let oneDir = try TemporaryDirectory()
        let manyDir = try TemporaryDirectory()
        let one = try Self.workspace(oneDir)
        let many = try Self.workspace(manyDir)
        #expect(try Self.dump(one) == Self.dump(many))

        let whole = try one.purgeRetention(
            asOf: asOf, maxRows: 100_000, batching: PurgeBatching(rows: 100_000, window: 100_000))
        let cut = try many.purgeRetention(asOf: asOf, maxRows: 100_000, batching: Self.small)

        #expect(whole.batches == 1)
        // More than a thousand records past retention: dozens of batches and several windows.
        #expect(cut.counts.reduce(0) { $0 + $1.purged } > 1_000)
        #expect(cut.batches > 20)
        #expect(cut.counts == whole.counts)
        #expect(cut.residue.found == 0)
        #expect(try Self.dump(many) == Self.dump(one))
        #expect(try Self.files(many) == Self.files(one))
        #expect(try many.auditRetention(asOf: asOf).violations.isEmpty)

        // One audit entry for the run, with its batches.
        let entries = try Self.purgeEntries(many)
        #expect(entries.count == 1)
        #expect(entries.first?["batches"] as? Int == cut.batches)
        #expect(entries.first?["interrupted"] == nil)
        #expect(try many.state().purgeRuns().isEmpty)
    }

    @Test func aRunThatFailsBetweenBatchesIsAuditedAsInterruptedAndTheNextRunFinishesIt() throws {
        let oneDir = try TemporaryDirectory()
        let stoppedDir = try TemporaryDirectory()
        let one = try Self.workspace(oneDir)
        let stopped = try Self.workspace(stoppedDir)
        _ = try one.purgeRetention(asOf: Self.asOf, maxRows: 100_000)

        // The 300th oldest call past retention that nothing references cannot be deleted.
        let queue = try DatabaseQueue(path: stopped.workspace.operationsDB.path(percentEncoded: false))
        let stop = try #require(
            try queue.read { db in
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT id FROM cdrs WHERE unixepoch(started_at) + 400 * 86400 < unixepoch('2026-12-02')
                        AND id NOT IN (SELECT cdr_id FROM recordings) AND id NOT IN (SELECT cdr_id FROM voicemails)
                        ORDER BY unixepoch(started_at), rowid LIMIT 1 OFFSET 300
                        """)
            })
        try queue.write { db in
            try db.execute(
                sql:
                    "CREATE TRIGGER stop BEFORE DELETE ON cdrs WHEN old.id = \(stop) BEGIN SELECT RAISE(ABORT, 'stop'); END"
            )
        }
        #expect(throws: (any Error).self) {
            try stopped.purgeRetention(asOf: Self.asOf, maxRows: 100_000, batching: Self.small)
        }
        let interrupted = try Self.purgeEntries(stopped)
        #expect(interrupted.count == 1)
        #expect(interrupted.first?["interrupted"] as? Bool == true)
        let committed = try #require(interrupted.first?["batches"] as? Int)
        #expect(committed >= 1)
        #expect(try stopped.state().purgeRuns().isEmpty)
        // What the committed batches did stays done: fewer calls past retention than before.
        #expect(try stopped.auditRetention(asOf: Self.asOf).violations.first { $0.table == "cdrs" } != nil)

        try queue.write { db in try db.execute(sql: "DROP TRIGGER stop") }
        try queue.close()
        _ = try stopped.purgeRetention(asOf: Self.asOf, maxRows: 100_000, batching: Self.small)
        #expect(try Self.dump(stopped) == Self.dump(one))
        #expect(try Self.files(stopped) == Self.files(one))
        let entries = try Self.purgeEntries(stopped)
        #expect(entries.count == 2)
        #expect(entries.last?["interrupted"] == nil)
    }

    @Test func aBatchsCountsGoToTheirRulesWhenARuleFoundNothing() throws {
        let rules = RetentionRule.rules(of: BuiltinDataMap.compiled)
        let emails = try #require(rules.firstIndex { $0.table == "emails" })
        let cdrs = try #require(rules.firstIndex { $0.table == "cdrs" })
        func finding(_ index: Int, _ count: Int) -> RetentionFinding {
            RetentionFinding(source: rules[index], count: count, oldest: nil, undated: 0, unsetPeriod: 0, rows: [])
        }
        // The e-mails of this batch were gone by the time it ran: the planner counts only calls.
        let calls = PurgeCount(table: "cdrs", column: nil, scope: .row, purged: 7, blocked: 1, left: 1)
        let parts = PurgeRun.parts([(emails, finding(emails, 0)), (cdrs, finding(cdrs, 8))], [calls])
        #expect(parts.count == 1)
        #expect(parts.first?.rule == cdrs)
        #expect(parts.first?.count == calls)
        #expect(parts.first?.checked == 8)
    }

    @Test func aRunACrashLeftBehindIsRecordedByTheNextRun() throws {
        let dir = try TemporaryDirectory()
        let session = try Self.workspace(dir)
        // What a run killed after its first batch leaves in state.db.
        var crashed = PurgeRun(id: "crashed-run", startedAt: "2026-12-02T03:00:00Z", asOf: Self.asOf)
        crashed.maxRows = 100_000
        crashed.counts = [PurgeCount(table: "cdrs", column: nil, scope: .row, purged: 0, blocked: 0, left: 900)]
        crashed.add(
            [(0, PurgeCount(table: "cdrs", column: nil, scope: .row, purged: 40, blocked: 0, left: 0), 40)],
            digest: "d1")
        try session.state().write { db in try session.state().savePurgeRun(try crashed.row(), db) }

        _ = try session.purgeRetention(asOf: Self.asOf, maxRows: 100_000)
        let entries = try Self.purgeEntries(session)
        #expect(entries.count == 2)
        #expect(entries.first?["interrupted"] as? Bool == true)
        #expect(entries.first?["digest"] as? String == "d1")
        let rules = try #require(entries.first?["rules"] as? [String: [String: Int]])
        #expect(rules["cdrs"]?["purged"] == 40)
        #expect(rules["cdrs"]?["left"] == 860)
        #expect(entries.last?["interrupted"] == nil)
        #expect(try session.state().purgeRuns().isEmpty)
    }
}
