import Foundation
import GRDB
import Testing

@testable import DSRKit

/// What the selector hands the purge: the `limit` oldest rows of a rule, oldest first, with the
/// count of all of them, and which rows a referencing table still needs.
@Suite struct RetentionSelectorTests {
    let folder: TemporaryDirectory
    let database: URL

    init() throws {
        folder = try TemporaryDirectory()
        database = try DataMapTests.demoDatabase(in: folder)
    }

    /// The finding of the built-in map's rule for `table` as of `asOf`, keeping `limit` rows.
    func finding(_ table: String, asOf: String, limit: Int) throws -> RetentionFinding {
        let map = BuiltinDataMap.compiled
        let rule = try #require(RetentionRule.rules(of: map).first { $0.table == table && $0.scope == .row })
        let selector = RetentionSelector(map: map, cutoff: RetentionCutoff(asOf: CalendarDate(iso: asOf)!))
        let store = try SQLiteOperationsStore(url: database, busyTimeout: 1)
        defer { store.close() }
        return try store.read { try selector.select(rule, in: $0, limit: limit) }
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
