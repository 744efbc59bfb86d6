import Foundation
import GRDB
import Testing

/// Every erasure action of the map format on a schema of its own (issue 10): a person row
/// deleted with a child unlinked, a message the subject wrote deleted, one they received
/// redacted with the co-recipient kept, a caller number pseudonymised, a note set to NULL, a
/// start time retained with its end date; and a rule the schema refuses named before anything
/// changes.
@Suite struct EraseMapActionsTests {
    let scratch: ScratchFolder
    var folder: URL { scratch.url.appending(path: "ws") }

    static let map = """
        version: 1
        tables:
          people:
            primary_key: id
            holds: person
            purpose: "Test."
            legal_basis: "Art. 6(1)(b) GDPR"
            role: controller
            retention: {rule: "For ever."}
            identifiers:
              - {column: email, kind: email}
              - {column: phone, kind: phone}
            columns:
              - {column: email, erasure: delete-row}
              - {column: phone, erasure: delete-row}
          messages:
            primary_key: id
            holds: record
            purpose: "Test."
            legal_basis: "Art. 6(1)(b) GDPR"
            role: controller
            retention: {rule: "For ever."}
            identifiers:
              - {column: sender, kind: email, address_list: true}
              - {column: recipients, kind: email, address_list: true}
            columns:
              - {column: sender, erasure: delete-row}
              - {column: recipients, erasure: redact}
              - {column: subject, erasure: redact}
          calls:
            primary_key: id
            holds: record
            purpose: "Test."
            legal_basis: "Art. 6(1)(b) GDPR"
            role: controller
            recipients: ["the billing office"]
            retention: {rule: "30 days.", days: 30, from: started}
            identifiers:
              - {column: caller, kind: phone}
            references:
              - {column: person_id, table: people, target: id, parent: none, children: owned}
            columns:
              - {column: caller, erasure: pseudonymise}
              - {column: note, erasure: set-null}
              - {column: started, erasure: retain, basis: "Art. 17(3)(b): invoicing", until: table-retention}
              - {column: person_id, erasure: set-null}

        """

    init() throws {
        scratch = try ScratchFolder()
        let demo = try DSRProcess.run(["demo", "--dir", "ws", "--customers", "10", "--calls", "1000"], in: scratch.url)
        try #require(demo.code == 0, "\(demo.stderr)")
        let database = folder.appending(path: "ops.db")
        try FileManager.default.removeItem(at: database)
        let queue = try DatabaseQueue(path: database.path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, phone TEXT);
                    CREATE TABLE messages (id INTEGER PRIMARY KEY, sender TEXT NOT NULL, recipients TEXT NOT NULL,
                        subject TEXT);
                    CREATE TABLE calls (id INTEGER PRIMARY KEY, caller TEXT, note TEXT, started TEXT NOT NULL,
                        person_id INTEGER REFERENCES people (id));
                    INSERT INTO people VALUES (1, 'Jan@Example.NL', '+31612345678'), (2, 'anke@example.nl', NULL);
                    INSERT INTO messages VALUES
                        (1, '"Jan" <jan@example.nl>', 'support@example.nl', 'Complaint'),
                        (2, 'support@example.nl', '"de Vries, Jan" <jan+x@example.nl>, Anke <anke@example.nl>',
                            'Re: your complaint, jan@example.nl'),
                        (3, 'support@example.nl', 'anke@example.nl', 'Hello');
                    INSERT INTO calls VALUES
                        (1, '06-12345678', 'call back', '2026-03-01T14:05:09Z', NULL),
                        (2, '+31687654321', 'other', '2026-03-02T10:00:00Z', NULL),
                        (3, NULL, 'from the contact form', '2026-03-03T10:00:00Z', 1);
                    """)
        }
        try queue.close()
        try Data(Self.map.utf8).write(to: folder.appending(path: "map.yaml"))
        let yaml = try String(contentsOf: folder.appending(path: "dsr.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml")
        try Data(yaml.utf8).write(to: folder.appending(path: "dsr.yaml"))
    }

    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments + ["--config", "ws/dsr.yaml"], in: scratch.url)
    }

    func table(_ sql: String) throws -> [[String: String]] {
        let queue = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Row.fetchAll(db, sql: sql).map { row in
                var values: [String: String] = [:]
                for (column, value) in row {
                    values[column] = value.isNull ? "NULL" : String(describing: value.storage)
                }
                return values
            }
        }
    }

    @Test func everyActionDoesWhatItSays() throws {
        let subject = ["email:jan@example.nl", "phone:+31612345678"]
        let outcome = try dsr(["erase", "--apply", "--json"] + subject)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        #expect((report["residue"] as? [String: Any])?["found"] as? Int == 0, "\(report["residue"] ?? "")")
        let steps = report["steps"] as! [[String: Any]]
        let retained = try #require(steps.first { $0["action"] as? String == "retain" })
        #expect(retained["until"] as? String == "2026-03-31" && retained["column"] as? String == "started")
        #expect(report["notify"] as? [String] == ["the billing office"])

        // The person is gone; the other person stays.
        #expect(try table("SELECT id FROM people").map { $0["id"] } == ["int64(2)"])
        // The message Jan wrote is deleted; in the one Jan received, Jan leaves the recipients
        // and the subject line, Anke stays; the third is untouched.
        let messages = try table("SELECT id, recipients, subject FROM messages ORDER BY id")
        #expect(messages.map { $0["id"] } == ["int64(2)", "int64(3)"])
        #expect(messages[0]["recipients"] == #"string("Anke <anke@example.nl>")"#, "\(messages[0])")
        #expect(messages[0]["subject"] == #"string("Re: your complaint, [redacted]")"#, "\(messages[0])")
        #expect(messages[1]["recipients"] == #"string("anke@example.nl")"#)
        // Jan's call: the number pseudonymised, the note NULL, the start time kept; the call
        // of the contact form is unlinked from the deleted person; the other caller's call stays.
        let calls = try table("SELECT id, caller, note, started, person_id FROM calls ORDER BY id")
        let token = try #require(calls[0]["caller"])
        #expect(token.hasPrefix("string(\"erased:") && calls[0]["note"] == "NULL")
        #expect(calls[0]["started"] == #"string("2026-03-01T14:05:09Z")"#)
        #expect(calls[1]["caller"] == #"string("+31687654321")"# && calls[1]["note"] == #"string("other")"#)
        #expect(calls[2]["person_id"] == "NULL" && calls[2]["note"] == "NULL")
    }

    @Test func aCascadeTheMapDoesNotKnowIsRefused() throws {
        // A table the map does not describe, whose rows the database would delete with the person.
        let queue = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE notes (id INTEGER PRIMARY KEY,
                        person_id INTEGER REFERENCES people (id) ON DELETE CASCADE, text TEXT);
                    INSERT INTO notes VALUES (1, 1, 'prefers e-mail');
                    """)
        }
        try queue.close()
        let before = try Data(contentsOf: folder.appending(path: "ops.db"))
        let outcome = try dsr(["erase", "--apply", "email:jan@example.nl", "phone:+31612345678"])
        #expect(outcome.code == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("1 row(s) of notes pointing at them through person_id"), "\(outcome.stderr)")
        #expect(try Data(contentsOf: folder.appending(path: "ops.db")) == before)
    }

    @Test func aRuleTheSchemaRefusesIsNamedBeforeAnythingChanges() throws {
        let refusing = Self.map.replacingOccurrences(
            of: #"{column: started, erasure: retain, basis: "Art. 17(3)(b): invoicing", until: table-retention}"#,
            with: "{column: started, erasure: set-null}")
        #expect(refusing != Self.map)
        try Data(refusing.utf8).write(to: folder.appending(path: "map.yaml"))
        let before = try Data(contentsOf: folder.appending(path: "ops.db"))
        let outcome = try dsr(["erase", "--apply", "email:jan@example.nl", "phone:+31612345678"])
        #expect(outcome.code == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("calls.started: set-null, but the column is NOT NULL"), "\(outcome.stderr)")
        #expect(try Data(contentsOf: folder.appending(path: "ops.db")) == before)
    }
}
