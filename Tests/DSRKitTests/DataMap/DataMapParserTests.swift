import Foundation
import Testing

@testable import DSRKit

extension DataMapTests {
    /// The YAML form: every value form reads into the model, every mistake is reported at its line.
    @Suite struct Parser {
        /// The line of the first line of `text` containing `marker`.
        static func line(of marker: String, in text: String) -> Int {
            (text.components(separatedBy: "\n").firstIndex { $0.contains(marker) } ?? -1) + 1
        }

        @Test func everyValueFormReadsIntoTheModel() throws {
            let text = """
                version: 1
                tables:
                \(DataMapTests.table("people", extra: """
                        identifiers:
                          - {column: a, kind: phone, country: NL}
                          - {column: b, kind: phone, country: default}
                          - {column: c, kind: phone, country: {column: cc}}
                          - {column: d, kind: phone, country: {prefix_of: a}}
                          - {column: e, kind: phone, country: {via: [owner_id], column: cc}, relation: related}
                          - {column: f, kind: phone}
                          - {column: g, kind: email, address_list: true}
                          - {column: h, kind: phone, country: NO}
                        references:
                          - {column: owner_id, table: people, target: id, parent: owned, children: related}
                        columns:
                          - {column: a, erasure: delete-row, rectify: true}
                          - {column: b, erasure: set-null}
                          - {column: c, erasure: redact}
                          - {column: d, erasure: pseudonymise}
                          - {column: e, erasure: retain, basis: "Art. 17(3)(b)", until: {days: 30, from: at}}
                          - column: f
                            erasure: retain
                            basis: "Art. 17(3)(e)"
                            until: table-retention
                          - {column: g, erasure: delete-row}
                          - {column: h, erasure: delete-row}
                    """))
                """
            let map = try DataMapParser.parse(text, file: "test.yaml")
            let people = try #require(map.table("people"))
            #expect(people.location == MapLocation(line: 3, column: 3))
            #expect(
                people.identifiers.map(\.country) == [
                    .constant("NL"), .workspaceDefault, .column("cc"), .phonePrefix(column: "a"),
                    .reference(via: ["owner_id"], column: "cc"), .workspaceDefault, nil, .constant("NO"),
                ])
            #expect(people.identifiers[4].relation == .related)
            #expect(people.identifiers[6].addressList)
            #expect(people.identifiers[0].location?.line == Self.line(of: "column: a, kind", in: text))
            #expect(people.references.first?.parent == .owned && people.references.first?.children == .related)
            #expect(
                people.columns.map(\.erasure) == [
                    .deleteRow, .setNull, .redact, .pseudonymise,
                    .retain(basis: "Art. 17(3)(b)", until: .days(30, from: "at")),
                    .retain(basis: "Art. 17(3)(e)", until: .tableRetention), .deleteRow, .deleteRow,
                ])
            #expect(people.columns.map(\.rectifiable) == [true, false, false, false, false, false, false, false])
        }

        /// One map with one mistake of each kind on its own line.
        static let broken = """
            version: 1
            tables:
              cdrs:
                primary_key: id
                holds: record
                purpose: "Calls."
                legal_basis: "Art. 6(1)(b) GDPR"
                role: controller
                colour: blue
                retention: {rule: "400 days", days: "many", from: started_at}
                recipients: "the police"
                identifiers:
                  - {column: caller_number, kind: fone}
                  - {column: forwarded_to, kind: phone, relation: relative}
                references:
                  - {column: service_number, table: service_numbers, target: number, children: everything}
                columns:
                  - {column: caller_number, erasure: retain, until: table-retention}
                  - {column: forwarded_to, erasure: shred, rectify: "yes"}
                  - {column: duration_s, erasure: set-null, basis: "none needed"}
              service_numbers:
                holds: recrd
                purpose: 12
                legal_basis: "Art. 6(1)(b) GDPR"
                role: owner
                retention: {days: 30}
                identifiers:
                  - {column: forward_to, kind: phone, country: Netherlands}
                  - {kind: phone}
            """

        @Test(arguments: [
            ("colour: blue", "unknown key 'colour'"),
            ("days: \"many\"", "'days' must be a whole number"),
            ("recipients:", "'recipients' must be a list"),
            ("kind: fone", "unknown kind 'fone'"),
            ("relation: relative", "unknown relation 'relative'"),
            ("children: everything", "unknown children 'everything'"),
            ("erasure: retain, until", "has no 'basis'"),
            ("erasure: shred", "unknown erasure 'shred'"),
            ("rectify: \"yes\"", "'rectify' must be true or false"),
            ("basis: \"none needed\"", "'basis' belongs only to erasure 'retain'"),
            ("  service_numbers:", "table 'service_numbers' has no 'primary_key'"),
            ("holds: recrd", "unknown holds 'recrd'"),
            ("purpose: 12", "'purpose' must be text"),
            ("role: owner", "unknown role 'owner'"),
            ("retention: {days: 30}", "has no 'rule'"),
            ("country: Netherlands", "'country' must be a two-letter code"),
            ("{kind: phone}", "has no 'column'"),
        ])
        func eachMistakeIsReportedOnItsLine(marker: String, message: String) {
            let problems = DataMapParser.read(Self.broken).problems
            let line = Self.line(of: marker, in: Self.broken)
            #expect(DataMapTests.has(problems, line: line, message), "\(DataMapTests.lines(problems))")
        }

        @Test func theErrorListsEveryProblemAsFileLineColumn() throws {
            let error = try #require(throws: DataMapError.self) { try DataMapParser.parse(Self.broken, file: "m.yaml") }
            #expect(error.kind == .badData)
            let lines = error.description.components(separatedBy: "\n")
            #expect(lines.count == error.problems.count && lines.count >= 17)
            #expect(lines.allSatisfy { $0.range(of: #"^m\.yaml:\d+:\d+: "#, options: .regularExpression) != nil })
            #expect(
                lines.contains(
                    "m.yaml:9:5: unknown key 'colour' in table 'cdrs' (known keys: "
                        + DataMapParser.tableKeys.joined(separator: ", ") + ")"))
        }

        @Test func aTableOrKeyGivenTwiceIsReportedAndTheRestStillChecked() {
            let text = """
                version: 1
                tables:
                \(DataMapTests.table("cdrs"))
                \(DataMapTests.table("cdrs", extra: "    holds: person"))
                """
            let problems = DataMapParser.read(text).problems
            #expect(DataMapTests.has(problems, line: 11, "'cdrs' is given twice (first on line 3)"))
            #expect(DataMapTests.has(problems, line: 18, "'holds' is given twice (first on line 13)"))
        }

        @Test func malformedYAMLAndAWrongVersionAreReported() {
            let malformed = DataMapParser.read("version: 1\ntables:\n  cdrs: {primary_key: \"id}\n").problems
            #expect(malformed.count == 1 && malformed[0].message.hasPrefix("malformed YAML"))
            let version = DataMapParser.read("version: 2\ntables: {}\n").problems
            #expect(DataMapTests.has(version, line: 1, "unsupported map version"))
            #expect(DataMapTests.has(version, line: 2, "'tables' must map each table name"))
            #expect(DataMapTests.has(DataMapParser.read("tables: {}\n").problems, line: 1, "has no 'version'"))
        }
    }
}
