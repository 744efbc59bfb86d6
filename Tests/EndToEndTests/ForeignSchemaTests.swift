import Foundation
import GRDB
import Testing

/// A workspace whose operations database names its tables and columns differently, described
/// by the DPO's own data map: nothing in dsr may assume the reference schema's names.
@Suite struct ForeignSchemaTests {
    let fixture: LocateFixture
    let scratch: ScratchFolder
    var config: String { scratch.url.appending(path: "ws/dsr.yaml").path }

    /// Reference name → this schema's name, for tables and for (table, column) pairs.
    static let tables = ["cdrs": "call_records", "contacts": "people"]

    init() throws {
        fixture = try LocateFixture.shared.get()
        scratch = try ScratchFolder()
        // Its own demo, made with the fixture's options: the same seed writes the same data,
        // and nothing else writes to this workspace while it is renamed.
        let target = scratch.url.appending(path: "ws")
        let demo = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "30", "--calls", "8000", "--seed", "5"], in: scratch.url)
        try #require(demo.code == 0, "\(demo.stderr)")
        let queue = try DatabaseQueue(path: target.appending(path: "ops.db").path)
        try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    ALTER TABLE cdrs RENAME TO call_records;
                    ALTER TABLE call_records RENAME COLUMN caller_number TO calling_party;
                    ALTER TABLE contacts RENAME TO people;
                    ALTER TABLE people RENAME COLUMN email TO mail_address;
                    """)
        }
        try queue.close()
        let shown = try DSRProcess.run(["datamap", "show"], in: scratch.url)
        try #require(shown.code == 0)
        let map = shown.stdout
            .replacingOccurrences(of: "\n  cdrs:\n", with: "\n  call_records:\n")
            .replacingOccurrences(of: "table: cdrs,", with: "table: call_records,")
            .replacingOccurrences(of: "column: caller_number,", with: "column: calling_party,")
            .replacingOccurrences(of: "\n  contacts:\n", with: "\n  people:\n")
            .replacingOccurrences(of: "table: contacts,", with: "table: people,")
            .replacingOccurrences(of: "{column: email,", with: "{column: mail_address,")
        try #require(map != shown.stdout)
        try Data(map.utf8).write(to: target.appending(path: "map.yaml"))
        let yaml = try String(contentsOf: target.appending(path: "dsr.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml")
        try Data(yaml.utf8).write(to: target.appending(path: "dsr.yaml"))
    }

    @Test func theMapChecksAndStatusCountsTheMapsTables() throws {
        let check = try DSRProcess.run(["datamap", "check", "ws/map.yaml", "--config", config], in: scratch.url)
        #expect(check.code == 0, "\(check.stderr)")
        let status = try DSRProcess.run(["status", "--config", config, "--json"], in: scratch.url)
        #expect(status.code == 0, "\(status.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        let tables = (report["tables"] as! [[String: Any]]).map { $0["name"] as! String }
        #expect(tables.contains("call_records") && tables.contains("people"))
        #expect(!tables.contains("cdrs") && !tables.contains("contacts"))
        #expect((report["problems"] as! [Any]).isEmpty)
    }

    @Test(arguments: ["index", "scan"])
    func locateFindsTheSameKeysUnderTheOtherNames(_ method: String) throws {
        for subject in fixture.subjects {
            let identifiers = subject["identifiers"] as! [String] + (method == "scan" ? ["--scan"] : [])
            let reference = try fixture.locate(identifiers)
            let outcome = try DSRProcess.run(["locate", "--config", config, "--json"] + identifiers, in: scratch.url)
            try #require(outcome.code == 0, "\(outcome.stderr)")
            let renamed = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
            for relation in ["subject", "related"] {
                var expected: [String: Set<String>] = [:]
                for (table, keys) in LocateFixture.keys(reference, relation: relation) {
                    expected[Self.tables[table] ?? table] = keys
                }
                #expect(LocateFixture.keys(renamed, relation: relation) == expected, "\(subject["label"]!) \(relation)")
            }
            #expect(
                (renamed["identifiers"] as! [[String: Any]]).count
                    == (reference["identifiers"] as! [[String: Any]]).count)
        }
    }
}
