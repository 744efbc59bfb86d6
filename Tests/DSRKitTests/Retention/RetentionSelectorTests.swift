import Foundation
import GRDB
import Testing

@testable import DSRKit

/// What the selector hands the purge: the `limit` oldest rows of a rule, oldest first, with the
/// count of all of them; the same whether a table is read on one thread or two.
@Suite struct RetentionSelectorTests {
    let folder: TemporaryDirectory
    let database: URL

    init() throws {
        folder = try TemporaryDirectory()
        database = try DataMapTests.demoDatabase(in: folder)
    }

    /// The finding of the built-in map's rule for `table` as of `asOf`, keeping `limit` rows;
    /// with `twoThreadsAbove`, tables above that many rows are read in two halves at once.
    func finding(
        _ table: String, asOf: String, limit: Int, after: OldestRows.Entry? = nil, twoThreadsAbove: Int64? = nil
    ) throws -> RetentionFinding {
        let map = BuiltinDataMap.compiled
        let rule = try #require(RetentionRule.rules(of: map).first { $0.table == table && $0.scope == .row })
        var selector = RetentionSelector(map: map, cutoff: RetentionCutoff(asOf: CalendarDate(iso: asOf)!))
        let store = try SQLiteOperationsStore(url: database, busyTimeout: 1)
        if let twoThreadsAbove {
            selector.opener = store.opener
            selector.parallelRows = twoThreadsAbove
        }
        defer { store.close() }
        return try store.read { try selector.select(rule, in: $0, limit: limit, after: after) }
    }

    @Test func aTableReadInTwoHalvesGivesTheSameFinding() throws {
        for (limit, after) in [(100_000, nil), (25, nil), (25, OldestRows.Entry(start: 1_740_000_000, number: 900))] {
            let one = try finding("cdrs", asOf: "2027-03-01", limit: limit, after: after)
            let two = try finding("cdrs", asOf: "2027-03-01", limit: limit, after: after, twoThreadsAbove: 100)
            #expect(one.count > 100)
            #expect(two.count == one.count)
            #expect(two.oldest == one.oldest)
            #expect(two.undated == one.undated)
            #expect(two.beyond == one.beyond)
            // Compared as one Bool: a failure would print thousands of rows.
            let sameRows = two.rows == one.rows && two.waiting == one.waiting
            #expect(sameRows, "\(two.rows.count) and \(one.rows.count) rows")
        }
    }

    @Test func onlyARollbackJournalSharesItsSnapshotWithANewReader() throws {
        let store = try SQLiteOperationsStore(url: database, busyTimeout: 1)
        #expect(try store.read { try $0.sharesSnapshotWithNewReaders() })
        store.close()
        let queue = try DatabaseQueue(path: database.path(percentEncoded: false))
        try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
        try queue.close()
        let wal = try SQLiteOperationsStore(url: database, busyTimeout: 1)
        defer { wal.close() }
        #expect(try wal.read { try $0.sharesSnapshotWithNewReaders() } == false)
    }

    @Test func theLimitKeepsTheOldestRowsAndTheCountIsOfAll() throws {
        let all = try finding("cdrs", asOf: "2027-03-01", limit: 100_000)
        let capped = try finding("cdrs", asOf: "2027-03-01", limit: 7)
        #expect(all.count > 7 && capped.count == all.count)
        #expect(all.rows.count == all.count)
        #expect(capped.rows == Array(all.rows.prefix(7)))
        #expect(capped.rows.map(\.start) == capped.rows.map(\.start).sorted())
        #expect(try finding("cdrs", asOf: "2027-03-01", limit: 0).rows.isEmpty)
        #expect(RetentionCutoff.iso(all.rows[0].start) == all.oldest)
    }

    @Test func rowsAreNamedByTheirPrimaryKey() throws {
        let found = try finding("cdrs", asOf: "2027-03-01", limit: 100_000)
        #expect(!found.rows.isEmpty)
        #expect(found.rows.allSatisfy { $0.key == .integer($0.number) }, "cdrs.id is the row id")
    }
}
