import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The engine on a tiny hand-made database and map, where every row is known.
@Suite struct LocatorTests {
    let dir: TemporaryDirectory
    let workspace: Workspace

    static let map = """
        version: 1
        tables:
          customers:
            primary_key: id
            holds: organisation
            purpose: "invoicing"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "7 years"}
            identifiers:
              - {column: id, kind: customer}
          contacts:
            primary_key: id
            holds: person
            purpose: "contact"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "contract"}
            identifiers:
              - {column: email, kind: email}
              - {column: phone, kind: phone, country: NL}
            references:
              - {column: customer_id, table: customers, target: id, parent: related, children: none}
            columns:
              - {column: email, erasure: set-null, rectify: true}
              - {column: phone, erasure: set-null, rectify: true}
          mails:
            primary_key: id
            holds: record
            purpose: "correspondence"
            legal_basis: "Art. 6(1)(f)"
            role: controller
            retention: {rule: "2 years"}
            identifiers:
              - {column: recipients, kind: email, address_list: true}
            columns:
              - {column: recipients, erasure: redact, rectify: false}
          calls:
            primary_key: id
            holds: record
            purpose: "invoicing"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "1 year"}
            identifiers:
              - {column: caller, kind: phone, country: NL}
            columns:
              - {column: caller, erasure: pseudonymise, rectify: false}
        """

    init() throws {
        dir = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.path("ops.db"))
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
                    CREATE TABLE contacts (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers,
                        email TEXT, phone TEXT);
                    CREATE TABLE mails (id INTEGER PRIMARY KEY, recipients TEXT);
                    CREATE TABLE calls (id INTEGER PRIMARY KEY, caller TEXT);
                    INSERT INTO customers VALUES (1, 'Acme'), (2, 'Other');
                    INSERT INTO contacts VALUES (10, 1, 'Anna@Acme.example', '06-11111111'),
                        (11, 1, 'bob@acme.example', '06-22222222'), (12, 2, 'carl@other.example', NULL);
                    INSERT INTO mails VALUES (20, '"Anna A." <anna+x@acme.example>, bob@acme.example'),
                        (21, 'bob@acme.example'), (22, 'undisclosed-recipients:;');
                    INSERT INTO calls VALUES (30, '+31 6 1111 1111'), (31, '0031611111111'), (32, '06-22222222'),
                        (33, 'anonymous'), (34, '+31 6 1111 1112'), (35, 'call me maybe');
                    """)
        }
        try queue.close()
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        try dir.write(Self.map, to: "map.yaml")
        let config = try String(contentsOf: dir.url.appending(path: "dsr.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml")
        try dir.write(config, to: "dsr.yaml")
        workspace = try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml"))
    }

    func locate(_ identifiers: [SubjectIdentifier], options: LocateOptions = .init()) throws -> LocateResult {
        try Session(workspace: workspace, actor: "test").locate(
            Subject(identifiers: identifiers, request: nil), options: options)
    }

    func own(_ result: LocateResult) -> [String] {
        result.records.filter { $0.relation == .subject }.map { "\($0.table):\($0.key)" }
    }

    @Test(arguments: [true, false])
    func aContactTeachesItsPhoneButNothingSnowballs(_ useIndex: Bool) throws {
        let result = try locate(
            [.email(try EmailAddress.parse("anna@acme.example"))], options: LocateOptions(useIndex: useIndex))
        // Anna's contact row, the mail she received, her two calls in two forms; not the
        // withheld call, not the number one digit off, not Bob who shares her company and
        // her mail, not the company's other contacts.
        #expect(own(result) == ["contacts:10", "mails:20", "calls:30", "calls:31"])
        #expect(result.records.filter { $0.relation == .related }.map { "\($0.table):\($0.key)" } == ["customers:1"])
        #expect(
            result.identifiers.map(\.canonical) == ["email:anna@acme.example", "phone:+31611111111"])
        #expect(result.identifiers[1].origin == .derived)
        #expect(result.identifiers[1].source == RecordReference(table: "contacts", key: .integer(10), column: "phone"))
        #expect(result.identifiers[1].via == "email:anna@acme.example")
        #expect(result.method == (useIndex ? .index : .scan))
    }

    @Test func aRecordThatMentionsSomeoneTeachesNothing() throws {
        let result = try locate([.email(try EmailAddress.parse("bob@acme.example"))])
        #expect(own(result) == ["contacts:11", "mails:20", "mails:21", "calls:32"])
        #expect(!result.identifiers.contains { $0.value == "anna@acme.example" })
    }

    @Test func unreadableStoredValuesAreReportedWithoutTheirValue() throws {
        let result = try locate([.phone(try PhoneNumber.parse("0611111111", context: "NL"))])
        let warning = try #require(result.warnings.first { $0.kind == .unparseable && $0.table == "calls" })
        #expect(warning.keys == [.integer(35)])
        #expect(!warning.message.contains("call me maybe"))
    }

    @Test func theIndexFileHoldsNoIdentifierInPlainText() throws {
        _ = try locate([.email(try EmailAddress.parse("anna@acme.example"))])
        let bytes = try Data(contentsOf: workspace.stateDir.appending(path: "index.db"))
        for needle in ["anna", "acme.example", "611111111", "+31611111111", "bob"] {
            #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(needle) in index.db")
        }
    }

    @Test func parallelAndSerialBuildsWriteTheSameEntries() throws {
        func entries(parallelRows: Int64) throws -> [[String]] {
            try? FileManager.default.removeItem(at: workspace.stateDir.appending(path: "index.db"))
            let session = Session(workspace: workspace, actor: "test")
            let operations = try session.operations()
            let index = try IdentifierIndex(
                at: workspace.stateDir.appending(path: "index.db"), busyTimeout: 5, map: try session.dataMap(),
                mapText: try session.dataMapSource().text, hasher: try session.hasher(), defaultCountry: "NL",
                operations: operations, parallelRows: parallelRows)
            _ = try session.readingOperations { reader, fingerprint in
                try index.refresh(reader, fingerprint: fingerprint, rebuild: true)
            }
            index.close()
            return try IdentifierIndex.storedEntries(at: workspace.stateDir.appending(path: "index.db")).map {
                [$0.source.table, $0.source.column, $0.source.purpose.rawValue, "\($0.entry.hash)", "\($0.entry.rid)"]
            }
        }
        let serial = try entries(parallelRows: .max)
        #expect(serial.count > 10)
        #expect(try entries(parallelRows: 2) == serial)
    }
}
