import Foundation
import GRDB
import Testing

@testable import DSRKit

@Suite struct StoreTests {
    let dir: TemporaryDirectory

    init() throws { dir = try TemporaryDirectory() }

    /// Makes a small operations-like database with the sqlite3 API, outside Store.
    func makeDatabase(_ name: String = "ops.db") throws -> URL {
        let url = dir.url.appending(path: name)
        let queue = try DatabaseQueue(path: url.path(percentEncoded: false))
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL)")
            try db.execute(
                sql: "CREATE TABLE contacts (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers)"
            )
            try db.execute(sql: "INSERT INTO customers VALUES (1, 'Acme')")
        }
        try queue.close()
        return url
    }

    func pragma(_ queue: DatabaseQueue, _ name: String) throws -> Int? {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA \(name)") }
    }

    @Test func secureDeleteIsOnForEveryConnectionThatMayDelete() throws {
        let url = try makeDatabase()
        #expect(try pragma(Store.openOperations(at: url, access: .readWrite), "secure_delete") == 1)
        let state = try Store.openState(at: dir.url.appending(path: "state.db"))
        #expect(try pragma(state, "secure_delete") == 1)
    }

    @Test func foreignKeysAreOn() throws {
        let queue = try Store.openOperations(at: try makeDatabase(), access: .readWrite)
        #expect(try pragma(queue, "foreign_keys") == 1)
        #expect(throws: StoreError.self) {
            try queue.guardedWrite { db in try db.execute(sql: "INSERT INTO contacts VALUES (1, 99)") }
        }
    }

    @Test func stateDatabaseRunsInWALMode() throws {
        let state = try Store.openState(at: dir.url.appending(path: "state.db"))
        let mode = try state.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        #expect(mode == "wal")
    }

    /// Every commit of state.db is synced (2 = FULL), not only at checkpoints (GRDB's NORMAL).
    @Test func stateDatabaseCommitsAreSynced() throws {
        let state = try Store.openState(at: dir.url.appending(path: "state.db"))
        let level = try state.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2)
    }

    @Test func aWriteThroughTheReadOnlyOperationsConnectionFails() throws {
        let url = try makeDatabase()
        let queue = try Store.openOperations(at: url)
        #expect(throws: StoreError.readOnly(path: url.path(percentEncoded: false))) {
            try queue.guardedWrite { db in try db.execute(sql: "DELETE FROM customers") }
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") } == 1)
    }

    @Test func aLockedDatabaseIsATemporaryFailure() throws {
        let url = try makeDatabase()
        // A second connection holds the write lock while dsr tries to open the database.
        let holder = try DatabaseQueue(path: url.path(percentEncoded: false))
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            try db.execute(sql: "INSERT INTO customers VALUES (2, 'Beta')")
            defer { try? db.execute(sql: "ROLLBACK") }

            let started = Date()
            let error = #expect(throws: StoreError.self) {
                _ = try Store.openOperations(at: url, busyTimeout: 0.3)
            }
            #expect(error == .locked(path: url.path(percentEncoded: false), timeout: 0.3))
            #expect(error?.kind == .temporary)
            #expect(Date().timeIntervalSince(started) >= 0.25, "the busy timeout must be waited out")
        }
    }

    @Test func aFileThatIsNotADatabaseIsBadInputNamingItsPath() throws {
        let url = try dir.write(String(repeating: "not a database\n", count: 200), to: "notes.db")
        let error = #expect(throws: StoreError.self) { _ = try Store.openOperations(at: url) }
        #expect(error == .notADatabase(path: url.path(percentEncoded: false)))
        #expect(error?.kind == .badData)
        #expect(error?.description.contains("notes.db") == true)
    }

    @Test func aMissingDatabaseIsMissingInput() throws {
        let url = dir.url.appending(path: "absent.db")
        let error = #expect(throws: StoreError.self) { _ = try Store.openOperations(at: url) }
        #expect(error?.kind == .missingInput)
        #expect(!FileManager.default.fileExists(atPath: url.path(percentEncoded: false)), "must not create it")
    }

    @Test func errorTextsNeverContainBoundValues() throws {
        let queue = try Store.openOperations(at: try makeDatabase(), access: .readWrite)
        let secret = "jan.devries@example.nl"
        let insert = "INSERT INTO customers (id, name) VALUES (1, ?)"
        // GRDB's own description names the arguments only if a connection allows it.
        do {
            try queue.write { db in try db.execute(sql: insert, arguments: [secret]) }
            Issue.record("the insert should have failed")
        } catch {
            #expect(String(describing: error).contains("INSERT INTO customers"))
            #expect(!String(describing: error).contains(secret))
        }
        let error = #expect(throws: StoreError.self) {
            try queue.guardedWrite { db in try db.execute(sql: insert, arguments: [secret]) }
        }
        #expect(error != nil)
        #expect(error?.description.contains(secret) == false)
    }

    @Test func aCorruptDatabaseIsBadInput() throws {
        let url = try makeDatabase()
        // Keep the 100-byte header so SQLite sees a database, then damage the schema page.
        var bytes = [UInt8](try Data(contentsOf: url))
        for index in 100..<min(bytes.count, 4096) { bytes[index] = 0xA5 }
        try Data(bytes).write(to: url)
        let error = #expect(throws: StoreError.self) { _ = try Store.openOperations(at: url) }
        #expect(error?.kind == .badData)
    }

    @Test func stateMigrationsAreRecordedAndIdempotent() throws {
        let state = try Store.openState(at: dir.url.appending(path: "state.db"))
        try StateSchema.migrate(state)
        try StateSchema.migrate(state)
        #expect(
            try StateSchema.appliedMigrations(state) == [
                "v1-workspace", "v2-register-and-audit", "v3-erasure", "v4-erasure-index",
                "v5-restrictions-and-holds", "v6-index-repairs", "v7-suppression-scope", "v8-journal-kind",
                "v9-purge-runs",
                "v10-bulk-rows",
                "v11-journal-applied", "v12-rectification-journal",
            ])
    }
}
