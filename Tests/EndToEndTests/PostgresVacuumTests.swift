import Foundation
import Testing

/// Issue 14: what a server keeps beyond dsr's reach is told with the plan and the result, and
/// `--vacuum` runs VACUUM on exactly the tables the change touched.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct PostgresVacuumTests {
    static let sanne = ["phone:+31681234567", "email:sanne.bakker@example.nl"]

    /// The tables the server has vacuumed by hand (`VACUUM`, not autovacuum).
    static func vacuumed(_ database: String) throws -> [String] {
        try PostgresTestServer.psql(
            "SELECT relname FROM pg_stat_user_tables WHERE last_vacuum IS NOT NULL ORDER BY relname",
            database: database
        ).split(separator: "\n").map(String.init)
    }

    @Test func thePlanAndTheResultSayWhatTheServerKeepsAndVacuumCleansTheChangedTables() throws {
        let workspace = try BackendWorkspace(.postgres)
        let database = try #require(workspace.database)
        let plan = try workspace.dsr(["erase"] + Self.sanne)
        #expect(plan.code == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("On the PostgreSQL server, beyond dsr's reach"))
        #expect(
            plan.stdout.contains("dead row versions") && plan.stdout.contains("WAL") && plan.stdout.contains("replicas")
        )
        #expect(try Self.vacuumed(database).isEmpty, "nothing vacuumed by a plan")

        let applied = try workspace.dsr(["erase", "--apply", "--yes", "--vacuum", "--json"] + Self.sanne)
        try #require(applied.code == 0, "\(applied.stderr)")
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any])
        let report = try #require((document["report"] as? [String: Any]) ?? document)
        let server = try #require(report["server"] as? [String: Any], "\(applied.stdout.prefix(400))")
        let tables = try #require(server["vacuumed"] as? [String])
        // Sanne's calls were pseudonymised and her e-mail deleted: those two tables, no other.
        #expect(tables == ["public.cdrs", "public.emails"])
        #expect(try Self.vacuumed(database) == ["cdrs", "emails"])
        #expect((server["kept"] as? [String])?.count == 3)
    }

    @Test func vacuumIsRefusedOnASQLiteFileBeforeAnythingChanges() throws {
        let workspace = try BackendWorkspace(.sqlite)
        let before = try workspace.dump()
        let refused = try workspace.dsr(["erase", "--apply", "--yes", "--vacuum"] + Self.sanne)
        #expect(refused.code == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("--vacuum is for a PostgreSQL server"))
        #expect(try workspace.dump() == before)
        let plan = try workspace.dsr(["erase"] + Self.sanne)
        #expect(!plan.stdout.contains("PostgreSQL server"), "a SQLite plan names no server")
    }
}
