import Foundation
import GRDB
import Testing

@testable import DSRKit

/// `learn: true`: an order of the subject's teaches the IP address it came from, and the
/// orders placed from that address are then found, each identifier with its provenance.
@Suite struct LearnedIdentifierTests {
    let dir: TemporaryDirectory

    static func map(learn: Bool) -> String {
        """
        version: 1
        tables:
          customers:
            primary_key: id
            holds: organisation
            purpose: "accounts"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "7 years"}
            identifiers:
              - {column: id, kind: customer}
              - {column: email, kind: email}
            columns:
              - {column: email, erasure: retain, basis: "tax law", until: table-retention}
          contacts:
            primary_key: id
            holds: person
            purpose: "contact"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "contract"}
            identifiers:
              - {column: email, kind: email}
            references:
              - {column: customer_id, table: customers, target: id, parent: related}
            columns:
              - {column: email, erasure: delete-row}
          orders:
            primary_key: id
            holds: record
            purpose: "orders"
            legal_basis: "Art. 6(1)(b)"
            role: controller
            retention: {rule: "7 years"}
            identifiers:
              - {column: ip_address, kind: ip, learn: \(learn)}
              - {column: note_email, kind: email, relation: related, learn: false}
            references:
              - {column: contact_id, table: contacts, target: id, children: owned}
              - {column: customer_id, table: customers, target: id, parent: related}
            columns:
              - {column: ip_address, erasure: set-null}
              - {column: note_email, erasure: set-null}
        """
    }

    init() throws {
        dir = try TemporaryDirectory()
        let queue = try DatabaseQueue(path: dir.path("ops.db"))
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT);
                    CREATE TABLE contacts (id INTEGER PRIMARY KEY, customer_id INTEGER, email TEXT);
                    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, contact_id INTEGER,
                        ip_address TEXT, note_email TEXT);
                    INSERT INTO customers VALUES (1, 'info@acme.example');
                    INSERT INTO contacts VALUES (9, 1, 'jan@acme.example'), (10, 1, 'piet@acme.example');
                    INSERT INTO orders VALUES (5, 1, 9, '192.0.2.7', NULL),
                        (6, 1, NULL, '::ffff:192.0.2.7', 'other@elsewhere.example'),
                        (7, 1, NULL, '192.0.2.8', NULL), (8, 1, 10, '198.51.100.1', NULL),
                        (11, 1, 10, '192.0.2.7', NULL);
                    """)
        }
        try queue.close()
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
    }

    func locate(learn: Bool, useIndex: Bool = true) throws -> LocateResult {
        try dir.write(Self.map(learn: learn), to: "map.yaml")
        let config = try String(contentsOf: dir.url.appending(path: "dsr.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml")
        try dir.write(config, to: "dsr.yaml")
        let session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "test")
        return try session.locate(
            try session.subject(identifiers: ["email:jan@acme.example"], request: nil),
            options: LocateOptions(useIndex: useIndex))
    }

    static func own(_ result: LocateResult) -> [String] {
        result.records.filter { $0.relation == .subject }.map(\.record.row.description)
    }

    @Test(arguments: [true, false])
    func anOrderOfTheSubjectTeachesItsIPAddress(_ useIndex: Bool) throws {
        let result = try locate(learn: true, useIndex: useIndex)
        // The contact row, its order, and the order placed from the same address (in its
        // IPv4-mapped spelling) without a contact; not the other address, not Piet's orders,
        // not even the one placed from the same office address (context, not Jan's own).
        #expect(Self.own(result) == ["contacts:9", "orders:5", "orders:6"])
        #expect(result.records.contains { $0.record.row.description == "orders:11" && $0.relation == .related })
        let learnt = try #require(result.identifiers.first { $0.kind == .ip })
        #expect(learnt.canonical == "ip:192.0.2.7")
        #expect(learnt.origin == .derived)
        #expect(learnt.source == RecordReference(table: "orders", key: .integer(5), column: "ip_address"))
        #expect(
            learnt.sourceStep
                == .reference(
                    ReferenceStep(
                        from: RecordReference(table: "contacts", key: .integer(9)), column: "contact_id", link: .child))
        )
        #expect(learnt.via == "contacts:9")
        let found = try #require(result.records.first { $0.record.row.description == "orders:6" })
        #expect(found.step == .identifier(.ip(try IPAddress.parse("192.0.2.7"))))
        #expect(found.matchedOn == "ip_address")
    }

    @Test func withoutLearnTheAddressIsNotSearched() throws {
        let result = try locate(learn: false)
        #expect(Self.own(result) == ["contacts:9", "orders:5"])
        #expect(!result.identifiers.contains { $0.kind == .ip })
    }

    @Test func organisationsAndRelatedColumnsNeverTeach() throws {
        let result = try locate(learn: true)
        // The customer row is reached (related) and holds an e-mail; order 6 has a related
        // e-mail column: neither becomes the subject's identifier.
        #expect(result.records.contains { $0.record.row.description == "customers:1" && $0.relation == .related })
        #expect(result.identifiers.map(\.canonical).sorted() == ["email:jan@acme.example", "ip:192.0.2.7"])
    }

    @Test func learnOnAnOrganisationOrRelatedColumnIsAMapMistake() throws {
        let text = Self.map(learn: true)
            .replacingOccurrences(
                of: "{column: email, kind: email}\n    columns:\n      - {column: email, erasure: retain",
                with: "{column: email, kind: email, learn: true}\n    columns:\n      - {column: email, erasure: retain"
            )
            .replacingOccurrences(of: "relation: related, learn: false", with: "relation: related, learn: true")
        let problems = DataMapParser.read(text).map.validate()
        #expect(problems.contains { $0.message.contains("organisation rows never teach") })
        #expect(problems.contains { $0.message.contains("related context never teaches") })
    }

    @Test func theResultReadsBackFromItsJSON() throws {
        let result = try locate(learn: true)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(result)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(LocateResult.self, from: data) == result)
        // The contract's keys (CONTRACT.md section 5) are all there.
        let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let record = (json["records"] as! [[String: Any]]).first { $0["reached_by"] as? String == "reference" }!
        for key in ["table", "key", "matched_on", "via", "relation", "reached_by"] {
            #expect(record[key] != nil, "\(key)")
        }
        let identifier = (json["identifiers"] as! [[String: Any]])[0]
        for key in ["kind", "value", "origin"] { #expect(identifier[key] != nil, "\(key)") }
    }
}
