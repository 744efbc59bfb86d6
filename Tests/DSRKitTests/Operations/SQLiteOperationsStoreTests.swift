import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The SQLite operations store: reads through the seam, and writes that leave nothing behind.
@Suite struct SQLiteOperationsStoreTests {
    let dir: TemporaryDirectory
    let url: URL
    static let marker = "jan.devries.marker@example.nl"

    init() throws {
        dir = try TemporaryDirectory()
        url = dir.url.appending(path: "ops.db")
        let queue = try DatabaseQueue(path: url.path(percentEncoded: false))
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            // Residue that a writer without secure_delete left in pages before dsr came is the
            // erasure's byte scan's to find; this test is about what dsr's own writes leave.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, note TEXT)")
            for id in 1...300 {
                try db.execute(
                    sql: "INSERT INTO people VALUES (?, ?, ?)",
                    arguments: [id, id % 3 == 0 ? Self.marker : "other\(id)@example.nl", "row \(id)"])
            }
        }
        try queue.close()
    }

    func files() throws -> [String: Data] {
        var found: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.url.path(percentEncoded: false)) {
            found[name] = try Data(contentsOf: dir.url.appending(path: name))
        }
        return found
    }

    @Test func readsGoThroughTheSeam() throws {
        let store = try SQLiteOperationsStore(url: url, busyTimeout: 1)
        try store.read { (reader: any OperationsReader) throws in
            #expect(try reader.count(of: "people") == 300)
            #expect(try reader.highestRow(in: "people") == 300)
            #expect(try reader.rows(of: "people", where: "email", equals: .text(Self.marker)).count == 100)
            let row = try #require(try reader.record(in: "people", primaryKey: "id", key: .integer(3)))
            #expect(row.columns == ["id", "email", "note"])
            #expect(row["email"] == .text(Self.marker))
            #expect(try reader.value(of: "note", in: RowHandle(table: "people", number: 4)) == .text("row 4"))
            #expect(try reader.value(of: "note", in: RowHandle(table: "people", number: 4000)) == nil)
            #expect(try reader.schema().has("EMAIL", in: "People"))
        }
    }

    @Test func aRecordReadFollowsAColumnAddedSinceTheLastRead() throws {
        // The record query is prepared once per connection: `*` must still follow the schema.
        let store = try SQLiteOperationsStore(url: url, busyTimeout: 1)
        let before = try store.read { reader in try reader.record(in: "people", primaryKey: "id", key: .integer(3)) }
        #expect(before?.columns == ["id", "email", "note"])
        let other = try DatabaseQueue(path: url.path(percentEncoded: false))
        try other.write { db in
            try db.execute(sql: "ALTER TABLE people ADD COLUMN phone TEXT")
            try db.execute(sql: "UPDATE people SET phone = '+31612345678' WHERE id = 3")
        }
        try other.close()
        let after = try store.read { reader in try reader.record(in: "people", primaryKey: "id", key: .integer(3)) }
        #expect(after?.columns == ["id", "email", "note", "phone"])
        #expect(after?["phone"] == .text("+31612345678"))
    }

    @Test func erasedValuesLeaveNoByteInTheDatabaseOrItsWAL() throws {
        #expect(
            try files().values.contains { $0.range(of: Data(Self.marker.utf8)) != nil }, "the marker is there first")
        let store = try SQLiteOperationsStore(url: url, busyTimeout: 1)
        let changed = try store.write { writer in
            var changed = 0
            for id in stride(from: 3, through: 300, by: 3) {
                if id % 2 == 0 {
                    changed += try writer.delete(from: "people", primaryKey: "id", key: .integer(Int64(id)))
                } else {
                    changed += try writer.update(
                        "people", primaryKey: "id", key: .integer(Int64(id)), set: "email", to: .null)
                }
            }
            return changed
        }
        #expect(changed == 100)
        for (name, bytes) in try files() {
            #expect(bytes.range(of: Data(Self.marker.utf8)) == nil, "\(name) still holds an erased value")
            #expect(bytes.range(of: Data("devries".utf8)) == nil, "\(name)")
        }
        let (count, left) = try store.read { reader in
            (try reader.count(of: "people"), try reader.rows(of: "people", where: "email", equals: .text(Self.marker)))
        }
        #expect(count == 250)
        #expect(left.isEmpty)
    }

    @Test func aPersistentRollbackJournalIsNotLeftHoldingErasedPages() throws {
        // The same data in a database whose journal mode is PERSIST: the -journal file keeps
        // the old images of the last transaction's pages, with only its header zeroed.
        let persist = dir.url.appending(path: "persist.db")
        let queue = try DatabaseQueue(path: persist.path(percentEncoded: false))
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = PERSIST")
            try db.execute(sql: "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT)")
            for id in 1...50 { try db.execute(sql: "INSERT INTO people VALUES (?, ?)", arguments: [id, Self.marker]) }
            // Another writer's last transaction: its -journal keeps the old page, markers and all.
            try db.execute(sql: "UPDATE people SET email = 'other@example.nl' WHERE id > 25")
        }
        try queue.close()
        #expect(
            try files()["persist.db-journal"]?.range(of: Data(Self.marker.utf8)) != nil,
            "the journal holds the marker first")
        let store = try SQLiteOperationsStore(url: persist, busyTimeout: 1)
        try store.write { writer in
            for id in 1...25 {
                _ = try writer.update("people", primaryKey: "id", key: .integer(Int64(id)), set: "email", to: .null)
            }
        }
        store.close()
        for (name, bytes) in try files() where name.hasPrefix("persist") {
            #expect(bytes.range(of: Data(Self.marker.utf8)) == nil, "\(name) still holds an erased value")
        }
    }

    @Test func columnConstraintsAreRead() throws {
        let strict = dir.url.appending(path: "strict.db")
        let queue = try DatabaseQueue(path: strict.path(percentEncoded: false))
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL, b TEXT UNIQUE, n INTEGER, c TEXT) STRICT;
                    CREATE UNIQUE INDEX t_c ON t (c);
                    CREATE TABLE loose (n INTEGER, m TEXT);
                    """)
        }
        try queue.close()
        let store = try SQLiteOperationsStore(url: strict, busyTimeout: 1)
        let (rules, loose) = try store.read { reader in
            (try reader.constraints(of: "t"), try reader.constraints(of: "loose"))
        }
        let byName = Dictionary(uniqueKeysWithValues: rules.map { ($0.column, $0) })
        #expect(byName["a"]?.notNull == true && byName["a"]?.unique == false)
        #expect(byName["b"]?.unique == true && byName["c"]?.unique == true && byName["b"]?.notNull == false)
        #expect(byName["n"]?.numericOnly == true && byName["c"]?.numericOnly == false)
        #expect(loose.allSatisfy { !$0.numericOnly && !$0.notNull && !$0.unique })
    }

    @Test func aWriteThatFailsChangesNothing() throws {
        struct Stop: Error {}
        let store = try SQLiteOperationsStore(url: url, busyTimeout: 1)
        #expect(throws: Stop.self) {
            try store.write { writer in
                _ = try writer.delete(from: "people", primaryKey: "id", key: .integer(3))
                throw Stop()
            }
        }
        #expect(try store.read { try $0.count(of: "people") } == 300)
    }

    @Test func oldPagesAReaderStillHoldsAreReportedNotLeftQuietly() throws {
        let store = try SQLiteOperationsStore(url: url, busyTimeout: 0.3)
        let other = try DatabaseQueue(path: url.path(percentEncoded: false))
        try other.read { db in
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM people")  // a snapshot the WAL must keep
            let error = #expect(throws: StoreError.self) {
                try store.write { writer in
                    _ = try writer.delete(from: "people", primaryKey: "id", key: .integer(3))
                }
            }
            if case .locked = error {} else { Issue.record("expected a lock, got \(String(describing: error))") }
        }
    }
}
