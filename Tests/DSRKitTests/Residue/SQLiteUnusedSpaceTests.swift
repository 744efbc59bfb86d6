import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The unused space of a SQLite file holds what deleted cells left, never a live cell.
@Suite struct SQLiteUnusedSpaceTests {
    /// A database with 2,000 rows whose `number` is `+3161234NNNN`, written in one transaction
    /// (without secure deletion unless `secureDelete`), then `body` run on it.
    static func database(_ dir: TemporaryDirectory, secureDelete: Bool, _ body: (Database) throws -> Void) throws -> URL
    {
        let url = dir.url.appending(path: "ops.db")
        let queue = try DatabaseQueue(path: url.path(percentEncoded: false))
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = \(secureDelete ? "ON" : "OFF")")
            try db.execute(sql: "CREATE TABLE calls (id INTEGER PRIMARY KEY, number TEXT, note TEXT)")
            try db.inTransaction {
                for id in 0..<2000 {
                    try db.execute(
                        sql: "INSERT INTO calls (id, number, note) VALUES (?, ?, ?)",
                        arguments: [id, "+3161234\(String(format: "%04d", id))", String(repeating: "x", count: 40)])
                }
                return .commit
            }
            try body(db)
        }
        try queue.close()
        return url
    }

    static func scanner(_ numbers: [String]) -> ResidueScanner { ResidueScanner(forms: numbers) }

    static func numbers(_ ids: [Int]) -> [String] { ids.map { "+3161234\(String(format: "%04d", $0))" } }

    /// Every occurrence in the file is in a live cell or in unused space: `live` cells hold
    /// `liveCells` of them.
    static func expectSplit(_ forms: [String], liveCells: Int, in url: URL) throws {
        let scanner = Self.scanner(forms)
        #expect(try scanner.countOutsideCells(of: url) == scanner.count(in: url) - liveCells)
    }

    @Test func deletedCellsAreFoundAndLiveOnesAreNot() throws {
        let dir = try TemporaryDirectory()
        let url = try Self.database(dir, secureDelete: false) { db in
            try db.execute(sql: "DELETE FROM calls WHERE id % 10 = 3")
        }
        let deleted = Self.numbers((0..<2000).filter { $0 % 10 == 3 })
        let live = Self.numbers((0..<2000).filter { $0 % 10 == 4 })
        // Each deleted row's number is in a freeblock; a live row's is its cell (SQLite's own
        // copies of moved cells, a few on a table's root page, are unused space).
        #expect(try Self.scanner(deleted).countOutsideCells(of: url) >= 200)
        try Self.expectSplit(deleted, liveCells: 0, in: url)
        try Self.expectSplit(live, liveCells: 200, in: url)
        #expect(try Self.scanner(live).countOutsideCells(of: url) < 20)
    }

    @Test func pagesOnTheFreelistAreUnusedSpace() throws {
        let dir = try TemporaryDirectory()
        let url = try Self.database(dir, secureDelete: false) { db in
            try db.execute(sql: "DELETE FROM calls WHERE id >= 1000")
        }
        let queue = try DatabaseQueue(path: url.path(percentEncoded: false))
        let free = try queue.read { try Int.fetchOne($0, sql: "PRAGMA freelist_count") ?? 0 }
        try queue.close()
        #expect(free > 5)
        let deleted = Self.numbers(Array(1000..<2000))
        // All but the few bytes a freed page reused as the freelist's trunk overwrote.
        #expect(try Self.scanner(deleted).countOutsideCells(of: url) >= 990)
        try Self.expectSplit(deleted, liveCells: 0, in: url)
        try Self.expectSplit(Self.numbers(Array(0..<1000)), liveCells: 1000, in: url)
    }

    @Test func secureDeletionLeavesOnlyWhatWasCopiedBeforeIt() throws {
        let dir = try TemporaryDirectory()
        let url = try Self.database(dir, secureDelete: true) { db in
            try db.execute(sql: "DELETE FROM calls WHERE id % 10 = 3 OR id >= 1500")
        }
        let deleted = Self.numbers((0..<2000).filter { $0 % 10 == 3 || $0 >= 1500 })
        // Zeroed where they were; only the root page's stale copies of the first leaf remain.
        #expect(try Self.scanner(deleted).countOutsideCells(of: url) < 20)
        try Self.expectSplit(deleted, liveCells: 0, in: url)
    }

    @Test func copiesOfMovedCellsAreUnusedSpaceAndARewriteDoesNotAddAny() throws {
        let dir = try TemporaryDirectory()
        let url = dir.url.appending(path: "ops.db")
        let queue = try DatabaseQueue(path: url.path(percentEncoded: false))
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TABLE calls (id INTEGER PRIMARY KEY, number TEXT)")
            // Inserted out of order: pages split and cells move, leaving copies in the gaps.
            for id in (0..<2000).map({ ($0 * 7919) % 2000 }) {
                try db.execute(sql: "INSERT INTO calls VALUES (?, ?)", arguments: [id, Self.numbers([id])[0]])
            }
        }
        let all = Self.numbers(Array(0..<2000))
        let before = try Self.scanner(all).countOutsideCells(of: url)
        #expect(before > 0)
        try Self.expectSplit(all, liveCells: 2000, in: url)
        try queue.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
        try queue.close()
        #expect(try Self.scanner(all).countOutsideCells(of: url) <= before)
        try Self.expectSplit(all, liveCells: 2000, in: url)
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let dir = try TemporaryDirectory()
        let url = try dir.write("+31612340003 is not a database", to: "ops.db")
        #expect(throws: ResidueError.notADatabase) { try Self.scanner(["+31612340003"]).countOutsideCells(of: url) }
        #expect(try Self.scanner(["+31612340003"]).countOutsideCells(of: dir.url.appending(path: "none.db")) == 0)
    }
}
