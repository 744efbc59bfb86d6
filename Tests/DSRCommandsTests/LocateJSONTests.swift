import Foundation
import Testing

@testable import DSRCommands
@testable import DSRKit

/// `dsr locate --json` is written by hand (``LocateResult/jsonText``); it must stay the very
/// document the Codable conformance writes, and read back into the same typed result.
@Suite struct LocateJSONTests {
    let harness: CommandHarness

    init() throws { harness = try CommandHarness() }

    @Test func thePrintedDocumentIsTheCodableOneForEveryPlantedSubject() throws {
        let demo = harness.run("demo", "--dir", ".", "--customers", "12", "--calls", "1500", "--json")
        try #require(demo.code == 0, "\(demo.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(demo.stdout.utf8)) as? [String: Any])
        let subjects = try #require((report["report"] as? [String: Any])?["subjects"] as? [[String: Any]])
        try #require(subjects.count >= 6)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        for subject in subjects {
            let identifiers = try #require(subject["identifiers"] as? [String])
            for extra in [[], ["--deep"], ["--scan"]] {
                let arguments = ["locate", "--json"] + extra + identifiers
                let outcome = harness.run(arguments)
                try #require(outcome.code == 0, "\(outcome.stderr)")
                let result = try decoder.decode(LocateResult.self, from: Data(outcome.stdout.utf8))
                #expect(try JSONOutput.encode(result) + "\n" == outcome.stdout, "\(identifiers) \(extra)")
            }
        }
    }

    @Test func oddTextIsEscapedAsJSONEncoderDoes() throws {
        let odd = "a\"b\\c\u{01}\u{1f}\n\r\t\u{08}\u{0C}/é Иван\u{7f}\u{2028}💬"
        let record = RecordReference(table: "t\(odd)", key: .text(odd), column: "c")
        let result = LocateResult(
            identifiers: [
                LocatedIdentifier(identifier: .customer(7), origin: .given),
                LocatedIdentifier(
                    identifier: .customer(-9_223_372_036_854_775_808), origin: .derived, source: record,
                    sourceStep: .reference(ReferenceStep(from: record.row, column: odd, link: .child))),
            ],
            records: [
                LocatedRecord(record: record, relation: .related, step: .identifier(.customer(7))),
                LocatedRecord(
                    record: RecordReference(table: "x", key: .integer(Int64.max)), relation: .subject,
                    step: .reference(ReferenceStep(from: record.row, column: "y", link: .parent))),
            ],
            files: [LocatedFile(record: record, path: odd, format: .email, status: .refused, relation: .subject)],
            warnings: [
                LocateWarning(kind: .unparseable, table: odd, column: nil, keys: [], message: odd),
                LocateWarning(
                    kind: .missingFile, table: "t", column: "c", keys: [.integer(1), .text("2")], message: ""),
            ],
            mentions: [Mention(table: "emails", key: .integer(3), path: odd, identifier: odd, recordLocated: true)],
            method: .scan)
        #expect(result.jsonText.text == (try JSONOutput.encode(result)))
        let empty = LocateResult(identifiers: [], records: [], files: [], warnings: [], mentions: [], method: .index)
        #expect(empty.jsonText.text == (try JSONOutput.encode(empty)))
    }
}
