import Foundation
import GRDB
import Testing

@testable import DSRKit

/// dsr's own state database: opened once, migrated, every write one transaction.
@Suite struct StateDatabaseTests {
    let temporary: TemporaryWorkspace

    init() throws { temporary = try TemporaryWorkspace() }

    @Test func openingMigratesToTheCurrentSchema() throws {
        let state = try temporary.state()
        #expect(
            try state.appliedMigrations() == [
                "v1-workspace", "v2-register-and-audit", "v3-erasure", "v4-erasure-index",
                "v5-restrictions-and-holds", "v6-index-repairs", "v7-suppression-scope", "v8-journal-kind",
                "v9-purge-runs",
                "v10-bulk-rows",
                "v11-journal-applied", "v12-rectification-journal",
            ])
        #expect(state.path == temporary.workspace.stateDatabase.path(percentEncoded: false))
    }

    @Test func aMissingStateDirIsRefusedAndNotCreated() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appending(path: "state/state.db")
        let error = #expect(throws: WorkspaceError.self) { try StateDatabase.open(at: url, busyTimeout: 1) }
        #expect(error == .cannotWrite(path: dir.path("state"), reason: "the state dir does not exist; run `dsr init`"))
        #expect(!FileManager.default.fileExists(atPath: dir.path("state")))
    }

    @Test func aBulkRowsStepsAccumulateAndItsLastStepMarksItDone() throws {
        let state = try temporary.state()
        let row = BulkRowRecord(refHash: "r", contentHash: "c", done: false, requestID: nil, steps: [])
        let time = "2026-12-03T00:00:00.000Z"
        try state.write { db in try state.noteBulkStep(row, action: "request.open", requestID: "R-1", at: time, db) }
        try state.write { db in try state.noteBulkStep(row, action: "request.verify", requestID: nil, at: time, db) }
        #expect(
            try state.bulkRow("r")
                == BulkRowRecord(
                    refHash: "r", contentHash: "c", done: false, requestID: "R-1",
                    steps: ["request.open", "request.verify"]))
        try state.write { db in
            try state.noteBulkStep(row, action: "locate", requestID: nil, at: time, done: true, db)
        }
        #expect(try state.bulkRow("r")?.done == true)
        #expect(try state.bulkRow("r")?.steps == ["request.open", "request.verify", "locate"])
        // A new row whose first step is its last is done at once.
        let single = BulkRowRecord(refHash: "s", contentHash: "c", done: false, requestID: nil, steps: [])
        try state.write { db in
            try state.noteBulkStep(single, action: "locate", requestID: nil, at: time, done: true, db)
        }
        #expect(try state.bulkRow("s")?.done == true)
    }

    @Test func commitsMadeTogetherAreUnsyncedInsideAndSyncedAgainAfter() throws {
        let state = try temporary.state()
        func level() throws -> Int? { try state.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } }
        let inside = try state.committingTogether {
            for key in ["a", "b", "c"] {
                try state.write { db in
                    try db.execute(
                        sql: "INSERT INTO workspace_meta (key, value) VALUES (?, ?)", arguments: ["group-" + key, "v"])
                }
            }
            return try level()
        }
        #expect(inside == 1)
        #expect(try level() == 2)
        let kept = try state.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM workspace_meta WHERE key LIKE 'group-%'")
        }
        #expect(kept == 3)
        // A body that throws still leaves the connection synced, and its commits stay.
        struct Refusal: Error {}
        #expect(throws: Refusal.self) {
            try state.committingTogether {
                try state.write { db in
                    try db.execute(sql: "INSERT INTO workspace_meta (key, value) VALUES ('group-d', 'v')")
                }
                throw Refusal()
            }
        }
        #expect(try level() == 2)
        #expect(
            try state.read { db in
                try String.fetchOne(db, sql: "SELECT value FROM workspace_meta WHERE key = 'group-d'")
            } == "v")
    }

    @Test func aWriteThatThrowsLeavesNothingBehind() throws {
        let state = try temporary.state()
        struct Refusal: Error {}
        #expect(throws: Refusal.self) {
            try state.write { db in
                try db.execute(sql: "INSERT INTO workspace_meta (key, value) VALUES (?, ?)", arguments: ["k", "v"])
                throw Refusal()
            }
        }
        #expect(try state.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM workspace_meta") } == 0)
    }

    @Test func aWriteReturnsItsValueAndIsVisibleToTheNextRead() throws {
        let state = try temporary.state()
        let written = try state.write { db -> Int in
            try db.execute(sql: "INSERT INTO workspace_meta (key, value) VALUES (?, ?)", arguments: ["k", "v"])
            return db.changesCount
        }
        #expect(written == 1)
        #expect(try state.read { db in try String.fetchOne(db, sql: "SELECT value FROM workspace_meta") } == "v")
    }

    @Test func checkpointTruncatesTheWAL() throws {
        let state = try temporary.state()
        try state.write { db in
            try db.execute(sql: "INSERT INTO workspace_meta (key, value) VALUES (?, ?)", arguments: ["k", "v"])
        }
        let wal = state.path + "-wal"
        #expect(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int ?? 0 > 0)
        try state.checkpoint()
        #expect(try FileManager.default.attributesOfItem(atPath: wal)[.size] as? Int == 0)
    }
}
