import Foundation
import GRDB
import Testing

@testable import DSRKit

/// After an erasure nobody wrote beside, the index takes the database's new state as its own
/// (the next locate reads no table again), and what it then holds is what a rebuild builds.
@Suite struct IndexSettleTests {
    var workspace: DemoWorkspace
    var folder: URL { workspace.folder }

    init() throws { workspace = try DemoWorkspace() }

    /// Every entry and every unreadable mark, by source (ids differ between builds).
    func contents(_ index: URL) throws -> (entries: Set<String>, marks: Set<String>) {
        let entries = try IdentifierIndex.storedEntries(at: index).map {
            "\($0.source.table).\($0.source.column).\($0.source.purpose) \($0.entry.hash) \($0.entry.rid)"
        }
        let queue = try DatabaseQueue(path: index.path)
        defer { try? queue.close() }
        let marks = try queue.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT s.table_name || '.' || s.column_name || '.' || s.purpose || ' ' || u.rid || ' ' || u.reason
                    FROM index_unparseable u JOIN index_sources s ON s.id = u.source
                    """)
        }
        return (Set(entries), Set(marks))
    }

    func meta(_ key: String, _ index: URL) throws -> String? {
        let queue = try DatabaseQueue(path: index.path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM index_meta WHERE key = ?", arguments: [key])
        }
    }

    /// The index claims the state of ops.db now, and holds what a rebuild builds.
    func expectCurrentAndAsRebuilt() throws {
        let index = folder.appending(path: "state/index.db")
        // Current: it claims the state the change left, so the next locate reads no table.
        let now = OperationsFingerprint(sqliteFile: folder.appending(path: "ops.db").path)
        #expect(try meta("fingerprint", index) == now.state)
        let settled = try contents(index)
        #expect(try workspace.dsr(["index", "rebuild"]).code == 0)
        let rebuilt = try contents(index)
        #expect(!rebuilt.entries.isEmpty)
        #expect(settled.entries.subtracting(rebuilt.entries).isEmpty, "entries the rebuild does not have")
        #expect(rebuilt.entries.subtracting(settled.entries).isEmpty, "entries the rebuild adds")
        #expect(settled.marks == rebuilt.marks, "\(settled.marks.symmetricDifference(rebuilt.marks).sorted())")
    }

    @Test func anErasureLeavesTheIndexARebuildWouldBuildAndCurrent() throws {
        let subject = ["email:pieter@smitinstallatie.nl", "phone:+31687654321"]
        #expect(try workspace.dsr(["locate", "--json"] + subject).code == 0)  // builds the index
        let erased = try workspace.dsr(["erase", "--apply", "--yes"] + subject)
        #expect(erased.code == 0, "\(erased.stderr)")
        try expectCurrentAndAsRebuilt()
    }

    @Test func aRetentionPurgeLeavesTheIndexARebuildWouldBuildAndCurrent() throws {
        #expect(try workspace.dsr(["locate", "--json", "phone:+31681234567"]).code == 0)  // builds the index
        let purged = try workspace.dsr(["retention", "audit", "--as-of", RetentionPurgeTests.asOf, "--apply", "--json"])
        #expect(purged.code == 0, "\(purged.stderr)")
        try expectCurrentAndAsRebuilt()
    }
}
