import Foundation
import Testing

@testable import DSRKit

/// The PostgreSQL reader's prefetch: rows read many per statement answer every later one-row
/// read exactly as reading each row alone does, in a couple of statements instead of one per
/// row; in a write transaction they are locked, and what the transaction changes is read anew.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct PostgresPrefetchTests {
    let workspace: BackendWorkspace
    let map: DataMap

    init() throws {
        workspace = try BackendWorkspace(.postgres, calls: 1000)
        map = try BuiltinDataMap.map()
    }

    func store() throws -> PostgresOperationsStore {
        let location = try PostgresLocation(url: try PostgresTestServer.url(of: try #require(workspace.database)))
        return try PostgresOperationsStore(location: location, password: PostgresTestServer.password)
    }

    /// How `cdrs.column` is read with its country hint under the builtin map.
    func read(_ column: String) throws -> ColumnRead {
        let table = try #require(map.table("cdrs"))
        return try ColumnRead(
            table: table, column: try #require(table.identifiers.first { $0.column == column }), map: map)
    }

    /// Everything the engine reads of one call row, one read at a time.
    func answers(_ reader: any OperationsReader, _ reads: [ColumnRead], row: Int64) throws -> String {
        var parts: [String] = []
        for read in reads {
            let found = try reader.read(read, row: row)
            parts.append("\(read.column)=\(String(describing: found?.value)) hint=\(String(describing: found?.hint))")
        }
        parts.append(
            "started=\(String(describing: try reader.value(of: "started_at", in: RowHandle(table: "cdrs", number: row))))"
        )
        let record = try reader.record(in: "cdrs", primaryKey: "id", key: .integer(row))
        parts.append("record=\(String(describing: record))")
        return parts.joined(separator: " ")
    }

    func statements(_ reader: any OperationsReader) throws -> Int {
        try #require(reader as? PostgresOperationsReader).link.statementsSent
    }

    @Test func prefetchedRowsReadAsSingleRowsInTwoStatements() throws {
        // forwarded_to's country comes along references (another table), caller_number's from
        // a column of the same row; row 99,999 does not exist.
        let reads = [try read("caller_number"), try read("forwarded_to")]
        let rows = Array(Int64(1)...400) + [99_999]
        let alone = try store()
        defer { alone.close() }
        let expected = try alone.read { reader in try rows.map { try answers(reader, reads, row: $0) } }
        // The rows exercise both kinds of hint.
        let hinted = try alone.read { reader in
            try rows.filter { try reader.read(reads[1], row: $0).map { $0.hint != nil && !$0.value.isNull } ?? false }
        }
        #expect(hinted.count > 5, "forwarded calls with a country from another table: \(hinted.count)")
        #expect(expected.last?.contains("record=nil") == true)

        let batched = try store()
        defer { batched.close() }
        let (answered, spent) = try batched.read { reader in
            let start = try statements(reader)
            try reader.prefetch(reads[1], rows: rows)
            #expect(try statements(reader) - start == 1, "401 rows, one statement")
            let before = try statements(reader)
            let answered = try rows.map { try answers(reader, reads, row: $0) }
            return (answered, try statements(reader) - before)
        }
        #expect(answered == expected)
        #expect(spent == 0, "one-row reads after the prefetch went to the server \(spent) times")

        // A text-keyed table (numbered in key order) by its keys.
        let numbers = try PostgresTestServer.psql(
            "SELECT number FROM service_numbers ORDER BY number LIMIT 20", database: workspace.database
        ).split(separator: "\n").map { RecordKey.text(String($0)) }
        try #require(numbers.count == 20)
        let records = try alone.read { reader in
            try numbers.map { try reader.record(in: "service_numbers", primaryKey: "number", key: $0) }
        }
        let prefetched = try batched.read { reader in
            try reader.prefetch("service_numbers", primaryKey: "number", keys: numbers)
            let before = try statements(reader)
            let found = try numbers.map { try reader.record(in: "service_numbers", primaryKey: "number", key: $0) }
            #expect(try statements(reader) == before)
            return found
        }
        #expect(prefetched == records)
        #expect(records.allSatisfy { $0 != nil })
    }

    /// The index's one pass over a table (PostgreSQL's own, and the merge any other store
    /// gets) reads what a pass per column reads.
    @Test func readingColumnsTogetherReadsWhatEachColumnReadsAlone() throws {
        let reads = [
            try read("caller_number"), try read("forwarded_to"), ColumnRead(table: "cdrs", column: "service_number"),
        ]
        let sqlite = try BackendWorkspace(.sqlite, calls: 1000)
        let file = try SQLiteOperationsStore(url: sqlite.scratch.url.appending(path: "ws/ops.db"), busyTimeout: 5)
        defer { file.close() }
        let postgres = try store()
        defer { postgres.close() }
        let range = RowRange(after: 100, upTo: 900)
        func alone(_ reader: any OperationsReader) throws -> [Int64: [ReadValue]] {
            var found: [Int64: [ReadValue]] = [:]
            let absent = Array(repeating: ReadValue(value: .null, hint: nil), count: reads.count)
            for (index, read) in reads.enumerated() {
                try reader.scan(read, rows: range) { row, value, hint in
                    found[row, default: absent][index] = ReadValue(value: value, hint: hint)
                }
            }
            return found.filter { $0.value != absent }
        }
        func together(_ reader: any OperationsReader) throws -> [Int64: [ReadValue]] {
            var found: [Int64: [ReadValue]] = [:]
            var order: [Int64] = []
            try reader.scan(reads, rows: range) { row, values in
                order.append(row)
                found[row] = values
            }
            #expect(order == order.sorted() && Set(order).count == order.count, "rows in row-number order, once")
            let absent = Array(repeating: ReadValue(value: .null, hint: nil), count: reads.count)
            return found.filter { $0.value != absent }
        }
        for store in [file, postgres] as [any OperationsStore] {
            let (each, all, inOne) = try store.read { reader in
                (try alone(reader), try together(reader), reader.readsColumnsTogether)
            }
            #expect(each.count > 700)
            #expect(all == each, "\(store.name): one pass and a pass per column differ")
            #expect(inOne == (store is PostgresOperationsStore))
        }
    }

    @Test func aWriterLocksWhatItPrefetchesAndRereadsWhatItChanged() throws {
        let writer = try store()
        defer { writer.close() }
        let caller = try read("caller_number")
        let database = workspace.database
        #expect(throws: Undo.self) {
            try writer.write { writer in
                try writer.prefetch("cdrs", rows: [3, 4, 5], locking: true)
                // A locate's candidates are read without a lock.
                try writer.prefetch("cdrs", rows: [6])
                // Another connection cannot lock a prefetched row while this transaction is open.
                let locked = try PostgresTestServer.psqlOutcome(
                    "SET lock_timeout = '300ms'; SELECT id FROM cdrs WHERE id = 4 FOR UPDATE", database: database)
                #expect(locked.code != 0, "row 4 was not locked by the prefetch")
                #expect(locked.stderr.contains("lock timeout"), "\(locked.stderr)")
                let free = try PostgresTestServer.psqlOutcome(
                    "SET lock_timeout = '300ms'; SELECT id FROM cdrs WHERE id = 6 FOR UPDATE", database: database)
                #expect(free.code == 0, "\(free.stderr)")

                #expect(
                    try writer.update(
                        "cdrs", primaryKey: "id", key: .integer(4), set: "caller_number", to: .text("+31201234567"))
                        == 1)
                #expect(
                    try writer.record(in: "cdrs", primaryKey: "id", key: .integer(4))?["caller_number"]
                        == .text("+31201234567"))
                #expect(try writer.read(caller, row: 4)?.value == .text("+31201234567"))
                #expect(try writer.delete(from: "cdrs", primaryKey: "id", key: .integer(5)) == 1)
                #expect(try writer.record(in: "cdrs", primaryKey: "id", key: .integer(5)) == nil)
                #expect(try writer.value(of: "caller_number", in: RowHandle(table: "cdrs", number: 5)) == nil)
                throw Undo()
            }
        }
    }

    /// An erasure's like steps in one statement per batch: the same rows changed as a
    /// statement a row would, an absent key counted out.
    @Test func batchedWritesChangeTheRowsOfEveryKeyInOneStatement() throws {
        let database = workspace.database
        let free = try PostgresTestServer.psql(
            """
            SELECT id FROM cdrs WHERE id NOT IN (SELECT cdr_id FROM recordings)
                AND id NOT IN (SELECT cdr_id FROM voicemails) ORDER BY id LIMIT 3
            """, database: database
        ).split(separator: "\n").map { RecordKey.integer(Int64($0)!) }
        try #require(free.count == 3)
        let numbers = try PostgresTestServer.psql(
            "SELECT number FROM service_numbers ORDER BY number LIMIT 3", database: database
        ).split(separator: "\n").map { RecordKey.text(String($0)) }
        let writer = try store()
        defer { writer.close() }
        #expect(throws: Undo.self) {
            try writer.write { writer in
                let calls: [RecordKey] = [.integer(10), .integer(11), .integer(12), .integer(99_999)]
                _ = try writer.record(in: "cdrs", primaryKey: "id", key: .integer(1))  // the catalog, read once
                let before = try statements(writer)
                let nulled = try writer.update("cdrs", primaryKey: "id", keys: calls, set: "caller_number", to: .null)
                #expect(nulled == [.integer(10): 1, .integer(11): 1, .integer(12): 1], "the absent key counted out")
                #expect(try statements(writer) - before == 1, "four keys, one statement")
                for key in calls.prefix(3) {
                    #expect(try writer.record(in: "cdrs", primaryKey: "id", key: key)?["caller_number"] == .null)
                }
                #expect(try writer.record(in: "cdrs", primaryKey: "id", key: .integer(13))?["caller_number"] != .null)

                let forwarded = try writer.update(
                    "service_numbers", primaryKey: "number", keys: numbers, set: "forward_to", to: .text("+31201234567")
                )
                #expect(forwarded == Dictionary(uniqueKeysWithValues: numbers.map { ($0, 1) }))
                for key in numbers {
                    #expect(
                        try writer.record(in: "service_numbers", primaryKey: "number", key: key)?["forward_to"]
                            == .text("+31201234567"))
                }
                // An integer key for a text column: compared as a statement a row would.
                let mixed = try writer.update(
                    "service_numbers", primaryKey: "number", keys: [numbers[0], .integer(5)], set: "forward_to",
                    to: .null)
                #expect(mixed.values.reduce(0, +) == 1 && mixed[numbers[0]] == 1)
                // A key column that is not unique: each key's rows are counted, so that the
                // erasure can refuse a step that changed more than its one row.
                let called = try PostgresTestServer.psql(
                    "SELECT service_number, count(*) FROM cdrs GROUP BY 1 HAVING count(*) > 1 ORDER BY 1 LIMIT 2",
                    database: database
                ).split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
                try #require(called.count == 2)
                let perNumber = try writer.update(
                    "cdrs", primaryKey: "service_number", keys: called.map { .text($0[0]) }, set: "duration_s",
                    to: .integer(1))
                #expect(
                    perNumber == Dictionary(uniqueKeysWithValues: called.map { (RecordKey.text($0[0]), Int($0[1])!) }))

                let deleted = try writer.delete(from: "cdrs", primaryKey: "id", keys: free + [.integer(99_999)])
                #expect(deleted == Dictionary(uniqueKeysWithValues: free.map { ($0, 1) }))
                for key in free { #expect(try writer.record(in: "cdrs", primaryKey: "id", key: key) == nil) }
                throw Undo()
            }
        }
    }
}

/// Rolls a test's write transaction back.
private struct Undo: Error {}
