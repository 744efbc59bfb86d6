import Foundation
import Testing

/// Issue 14: the index learns a large table's new rows by primary-key watermark. A writer that
/// took a lower id and commits after a refresh the watermark passed it in is still found:
/// the refresh remembers the missing numbers below the watermark and reads them again until
/// every writer that was in progress then has ended.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct PostgresWatermarkTests {
    /// Above ``IdentifierIndex/smallTableRows``: cdrs is a large table, read by watermark.
    static let calls = 52_000
    static let subject = ["phone:+31681234567"]

    static func insert(_ id: Int, caller: String) -> String {
        """
        INSERT INTO cdrs (id, service_number, caller_number, caller_withheld, started_at, duration_s)
            SELECT \(id), service_number, '\(caller)', 0, '2026-11-30T12:00:00Z', 61 FROM cdrs WHERE id = 1;
        """
    }

    /// The keys of the calls a locate of the subject reports.
    func calls(_ workspace: BackendWorkspace) throws -> Set<Int> {
        let outcome = try workspace.dsr(["locate", "--json"] + Self.subject)
        try #require(outcome.code == 0, "\(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let records = try #require(document["records"] as? [[String: Any]])
        return Set(records.filter { $0["table"] as? String == "cdrs" }.compactMap { $0["key"] as? Int })
    }

    func behind(_ workspace: BackendWorkspace) throws -> String {
        let outcome = try #require(
            try DSRProcess.execute(
                URL(filePath: "/usr/bin/sqlite3"),
                ["ws/state/index.db", "SELECT count(*) FROM index_behind"], in: workspace.scratch.url, timeout: 60))
        try #require(outcome.code == 0, "\(outcome.stderr)")
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aRowCommittedBelowTheWatermarkAfterARefreshIsFound() throws {
        let workspace = try BackendWorkspace(.postgres, calls: Self.calls)
        let database = try #require(workspace.database)
        let before = try calls(workspace)  // builds the index
        try #require(!before.isEmpty)
        let top = Int(
            try PostgresTestServer.psql("SELECT max(id) FROM cdrs", database: database).trimmingCharacters(
                in: .whitespacesAndNewlines))!

        // A takes the lower id and holds it uncommitted; B takes the next one and commits.
        let slow = try PsqlSession(database: database)
        slow.send("BEGIN;\n" + Self.insert(top + 1, caller: "+31681234567"))
        try slow.waitUntilIdleInTransaction()
        try PostgresTestServer.psql(Self.insert(top + 2, caller: "+31201112233"), database: database)

        // The refresh sees B's row (the watermark passes A's id) while A is still in progress.
        #expect(try calls(workspace) == before, "A's row is not committed yet")
        #expect(try behind(workspace) == "1", "the refresh remembers A's missing id")

        slow.send("COMMIT;")
        let committed = try slow.finish()
        try #require(committed.code == 0, "\(committed.output)")
        #expect(try calls(workspace) == before.union([top + 1]), "the row committed below the watermark is found")
        #expect(try behind(workspace) == "0", "with every writer ended nothing waits")
        // What a rebuild finds, the refreshed index found.
        #expect(try workspace.dsr(["index", "rebuild"]).code == 0)
        #expect(try calls(workspace) == before.union([top + 1]))
    }
}
