import Foundation
import GRDB
import Testing

@testable import DSRKit

/// A workspace made by a dsr before restrictions and holds (schema v4) opens and migrates.
@Suite struct StateMigrationTests {
    @Test func aVersion4StateDatabaseMigratesAndKeepsItsRequests() throws {
        let temporary = try TemporaryWorkspace()
        let url = temporary.workspace.stateDatabase
        try FileManager.default.removeItem(at: url)
        let old = try DatabaseQueue(path: url.path(percentEncoded: false))
        try StateSchema.migrator.migrate(old, upTo: "v4-erasure-index")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO requests (id, year, number, type, status, received, due, opened_at)
                    VALUES ('DSR-2026-0001', 2026, 1, 'erasure', 'open', '2026-03-01', '2026-04-01', '2026-03-01T12:00:00.000Z')
                    """)
        }
        #expect(try old.read { db in try StateSchema.migrator.appliedMigrations(db) }.last == "v4-erasure-index")
        try old.close()

        let state = try temporary.state()
        #expect(try state.appliedMigrations().suffix(2) == ["v6-index-repairs", "v7-suppression-scope"])
        let register = LimitsRegister(state: state, actor: "dpo", now: TemporaryWorkspace.time())
        let restriction = try register.restrict(
            hashes: ["a"], requestID: "DSR-2026-0001", reason: "r", until: nil, tables: [])
        #expect(try register.restrictions(onAny: ["a"]) == [restriction])
        let requests = try RequestRegister(
            state: state, hasher: try temporary.hasher(), actor: "dpo", now: TemporaryWorkspace.time()
        ).list()
        #expect(requests.map(\.id) == ["DSR-2026-0001"])
    }
}
