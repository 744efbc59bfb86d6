import DSRDemo
import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The restore check in process on demo workspaces: the suppression list's hashes lead to the
/// index, a row's own date tells restored from new, and an erasure just applied reports nothing,
/// whatever it kept (related context, retained cells, processor data).
@Suite struct ResurrectionTests {
    @Test func theIndexKeyIsTheFirstEightBytesOfTheHexHash() {
        let hasher = KeyedHasher(secret: SecretKey(bytes: (0..<32).map { UInt8($0 * 11 & 0xff) }))
        for text in ["phone:+31681234567", "email:sanne.bakker@example.nl", "customer:7", ""] {
            #expect(KeyedHasher.index64(fromHex: hasher.hex(text)) == hasher.index64(text), "\(text)")
        }
        for text in ["", "0123456789abcde", "0123456789ABCDEF", "0123456789abcdeg"] {
            #expect(KeyedHasher.index64(fromHex: text) == nil, "\(text)")
        }
    }

    @Test func rowsAreDatedByTheRetentionStartElseTheFirstDateTheMapShows() throws {
        let map = try BuiltinDataMap.map()
        let dates = RecordDate(map: map)
        #expect(dates.column(of: try #require(map.table("cdrs"))) == "started_at")
        #expect(dates.column(of: try #require(map.table("recordings"))) == "recorded_at")
        // Contacts have a retention rule in words only: the date the map shows them by.
        #expect(dates.column(of: try #require(map.table("contacts"))) == "created_at")
        var undated = try #require(map.table("cdrs"))
        undated.retention.from = nil
        undated.display = []
        #expect(dates.column(of: undated) == nil)
    }

    static let subjects: [[String]] = [
        ["phone:+31681234567", "email:sanne.bakker@example.nl"],
        ["email:pieter@smitinstallatie.nl", "phone:+31687654321"],
        ["email:marie@claesvertalingen.be", "phone:+32478812345"],
        ["phone:+359888912345", "email:georgi.ivanov@example.bg"],
        ["email:jan.devries@example.nl"],
        ["ip:2001:db8:85a3::8a2e:370:7334"],
    ]

    @Test(arguments: subjects)
    func nothingIsReportedRightAfterAnErasure(_ identifiers: [String]) throws {
        let demo = try Demo()
        #expect(try demo.session().resurrections().isEmpty, "no erasure yet")
        let plan = try demo.erase(identifiers)
        #expect(!plan.steps.isEmpty, "the erasure found the person (the IP's orders are only retained)")
        #expect(try demo.session().resurrections().isEmpty, "what the erasure kept is not back")
    }

    @Test func aCallForwardedToThePersonIsAnotherPartysRecordNotAResurrection() throws {
        let demo = try Demo()
        // A map that would pseudonymise a forward target in the person's own calls: a call
        // forwarded to them is still the caller's record, and the erasure leaves it alone.
        let map = try BuiltinDataMap.text.replacing(
            Regex(
                #"erasure: retain, basis: "Art\. 17\(3\)\(b\): invoicing the number owner for\s+forwarded calls", until: table-retention"#
            ), with: "erasure: pseudonymise")
        #expect(map != BuiltinDataMap.text)
        try demo.dir.write(map, to: "map.yaml")
        let config = try String(contentsOf: demo.dir.url.appending(path: "dsr.yaml"), encoding: .utf8)
        try demo.dir.write(
            config.replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml"), to: "dsr.yaml")
        let target = try #require(try demo.mostForwardedTo())
        _ = try demo.erase(["phone:" + target])
        #expect(try demo.session().resurrections().isEmpty)
    }

    @Test func aRowWithoutAReadableDateCountsAsRestored() throws {
        let demo = try Demo()
        _ = try demo.erase(["phone:+31681234567", "email:sanne.bakker@example.nl"])
        let undated = try demo.insertCall(from: "06-81234567", startedAt: "not recorded")
        let dated = try demo.insertCall(from: "+31 6 81234567", startedAt: "2099-01-01T00:00:00Z")
        let found = try #require(try demo.session().resurrections().first)
        #expect(found.records.map(\.reference) == [RecordReference(table: "cdrs", key: .integer(undated))])
        #expect(found.newContacts == 1 && !found.records.contains { $0.key == .integer(dated) })
        #expect(found.identifiers.map(\.canonical) == ["phone:+31681234567"])
        // The re-erasure pseudonymises the number of that row and nothing else.
        let steps = try demo.session().reErasurePlan(found).plan.steps.filter(\.changes)
        #expect(
            steps.map { "\($0.table):\($0.key):\($0.column ?? ""):\($0.action.rawValue)" } == [
                "cdrs:\(undated):caller_number:pseudonymise"
            ])
    }

    @Test func aRestoredCallBringsBackTheRecordingsItOwns() throws {
        let demo = try Demo()
        let backup = demo.dir.url.appending(path: "backup.db")
        try FileManager.default.copyItem(at: demo.dir.url.appending(path: "ops.db"), to: backup)
        let plan = try demo.erase(["phone:+31681234567"], includeProcessorData: true)
        let deleted = Set(plan.steps.filter { $0.action == .deleteRow }.map(\.table))
        try #require(deleted.contains("recordings") && deleted.contains("voicemails"))
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(at: demo.dir.url.appending(path: "ops.db" + suffix))
        }
        try FileManager.default.moveItem(at: backup, to: demo.dir.url.appending(path: "ops.db"))
        // The erasure included processor data, so its recordings count as back (state.db says so).
        let found = try #require(try demo.session().resurrections().first)
        #expect(found.erasure.includedProcessorData)
        let changed = Set(plan.steps.filter(\.changes).map { RecordReference(table: $0.table, key: $0.key) })
        #expect(Set(found.records.map(\.reference)) == changed)
        let recording = try #require(found.records.first { $0.table == "recordings" })
        guard case .reference(let step) = recording.step else {
            Issue.record("a recording is reached from its call")
            return
        }
        #expect(step.from.table == "cdrs" && step.link == .child)
        // Had the erasure left processor data alone, the recordings would stay the owner's.
        let scoped = SuppressedErasure(
            requestID: nil, erasedAt: found.erasure.erasedAt, digest: found.erasure.digest,
            includedProcessorData: false)
        let narrower = Resurrection(
            erasure: scoped, records: found.records, identifiers: found.identifiers, newContacts: 0, kept: 0)
        let owners = try demo.session().reErasurePlan(narrower).plan
        #expect(!owners.steps.contains { $0.table == "recordings" && $0.changes })
        #expect(owners.processorHeld.contains { $0.table == "recordings" })
    }

    /// A demo workspace in a temporary folder and sessions on it.
    struct Demo {
        let dir: TemporaryDirectory

        init() throws {
            dir = try TemporaryDirectory()
            _ = try DemoWorkspace.create(
                in: dir.url, options: DemoOptions(customers: 12, calls: 1000, seed: 5), force: false)
        }

        /// A new session, as the next command would open one.
        func session() throws -> Session {
            Session(workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo")
        }

        /// Erases `identifiers` as `dsr erase --apply` does; returns the plan applied.
        func erase(_ identifiers: [String], includeProcessorData: Bool = false) throws -> ErasurePlan {
            let session = try session()
            defer { session.close() }
            var options = ErasureOptions()
            options.apply = true
            options.includeProcessorData = includeProcessorData
            return try session.erase(session.subject(identifiers: identifiers, request: nil), options: options).plan
        }

        /// The Dutch number most calls were forwarded to.
        func mostForwardedTo() throws -> String? {
            let database = try DatabaseQueue(path: dir.url.appending(path: "ops.db").path)
            defer { try? database.close() }
            return try database.read { db in
                try String.fetchOne(
                    db,
                    sql: """
                        SELECT forwarded_to FROM cdrs WHERE forwarded_to LIKE '+31%'
                        GROUP BY forwarded_to ORDER BY count(*) DESC LIMIT 1
                        """)
            }
        }

        /// Adds a call from `caller` started at `startedAt` (any text); returns its id.
        func insertCall(from caller: String, startedAt: String) throws -> Int64 {
            let database = try DatabaseQueue(path: dir.url.appending(path: "ops.db").path)
            defer { try? database.close() }
            return try database.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO cdrs (service_number, caller_number, caller_withheld, started_at, duration_s)
                        SELECT number, ?, 0, ?, 42 FROM service_numbers WHERE number LIKE '+31%' ORDER BY number LIMIT 1
                        """, arguments: [caller, startedAt])
                return db.lastInsertedRowID
            }
        }
    }
}
