import Foundation
import GRDB
import Testing

@testable import DSRKit

/// A referencing column stored with another type than the column it references (text `'1'`
/// pointing at the integer key 1) still leads to the child, with the index as with a scan.
@Suite struct ReferenceTypeTests {
    static let map = """
        version: 1
        tables:
          people:
            primary_key: id
            holds: person
            purpose: "contact"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "contract"}
            identifiers:
              - {column: email, kind: email}
            columns:
              - {column: email, erasure: delete-row}
          notes:
            primary_key: id
            holds: record
            purpose: "notes"
            legal_basis: "Art. 6(1)(f)"
            role: controller
            retention: {rule: "1 year"}
            references:
              - {column: person_ref, table: people, target: id, children: owned}
        """

    @Test(arguments: [true, false])
    func textReferencesReachIntegerKeys(_ useIndex: Bool) throws {
        let dir = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.path("ops.db"))
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT);
                    CREATE TABLE notes (id INTEGER PRIMARY KEY, person_ref TEXT);
                    INSERT INTO people VALUES (1, 'ann@example.nl'), (2, 'bob@example.nl');
                    INSERT INTO notes VALUES (10, '1'), (11, '2'), (12, '01');
                    """)
        }
        try queue.close()
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        try dir.write(Self.map, to: "map.yaml")
        let config = try String(contentsOf: dir.url.appending(path: "dsr.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml")
        try dir.write(config, to: "dsr.yaml")
        let session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "test")
        let result = try session.locate(
            try session.subject(identifiers: ["email:ann@example.nl"], request: nil),
            options: LocateOptions(useIndex: useIndex))
        // SQL's `person_ref = 1` on a TEXT column finds '1', not '01' (text affinity).
        #expect(result.records.map(\.record.row.description) == ["people:1", "notes:10"])
    }
}
