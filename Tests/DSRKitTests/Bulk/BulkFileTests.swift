import Foundation
import Testing

@testable import DSRKit

@Suite struct BulkFileTests {
    @Test func csvRecordsFollowRFC4180AndKeepTheirLines() throws {
        let text = "ref,action\r\n\"a,1\",\"say \"\"hi\"\"\"\r\n\r\n\"two\nlines\",x\nlast,y"
        let records = try CSVReader.records(text, path: "f.csv")
        #expect(
            records.map(\.cells) == [["ref", "action"], ["a,1", "say \"hi\""], ["two\nlines", "x"], ["last", "y"]])
        #expect(records.map(\.line) == [1, 2, 4, 6])
    }

    @Test func jsonLinesReadEachKindOfValueAndIgnoreSurroundingSpace() throws {
        let dir = try TemporaryDirectory()
        let file = dir.url.appending(path: "kinds.jsonl")
        let text = [
            #"  {"ref": "A", "identifiers": ["phone:+31681234567"], "apply": true, "n": 7, "x": null}\#r"#,
            "\t\u{A0}\r",
            #"{"ref": "B", "apply": false, "o": {"k": 1}, "mixed": [1, "a"]}\#u{A0} "#,
            "[1, 2]",
        ].joined(separator: "\n")
        try Data(text.utf8).write(to: file)
        let lines = try BulkFile.read(file).lines
        #expect(lines.map(\.line) == [1, 3, 4])
        #expect(
            lines[0].fields == [
                "ref": .text("A"), "identifiers": .list(["phone:+31681234567"]), "apply": .bool(true), "n": .text("7"),
                "x": .null,
            ])
        #expect(lines[1].fields == ["ref": .text("B"), "apply": .bool(false), "o": .other, "mixed": .other])
        #expect(lines[2].unreadable?.reason == "not a JSON object")
    }

    @Test func aQuoteNeverClosedIsNotCSV() {
        #expect(throws: BulkFileError.badCSV(path: "f.csv", line: 2, reason: "a quote that is never closed")) {
            try CSVReader.records("ref,action\n\"open,x\n", path: "f.csv")
        }
    }

    @Test func rowsNameTheLineAndFieldThatIsWrong() throws {
        func row(_ fields: [String: BulkValue]) -> BulkRowError? {
            do {
                _ = try BulkRow(BulkLine(line: 7, fields: fields, unreadable: nil), defaultCountry: "NL")
                return nil
            } catch { return error as? BulkRowError }
        }
        let base: [String: BulkValue] = [
            "ref": .text("T"), "action": .text("locate"), "identifiers": .list(["phone:+31681234567"]),
        ]
        #expect(row(base) == nil)
        #expect(row(base.merging(["colour": .text("x")]) { $1 })?.field == "colour")
        #expect(row(base.merging(["action": .text("delete")]) { $1 })?.field == "action")
        #expect(row(base.merging(["identifiers": .list(["phone:12ab"])]) { $1 })?.field == "identifiers")
        #expect(row(base.merging(["apply": .bool(true)]) { $1 })?.field == "apply")
        #expect(row(base.merging(["received": .text("2026-13-01")]) { $1 })?.field == "received")
        #expect(row(base.filter { $0.key != "ref" })?.field == "ref")
        #expect(row(base.merging(["action": .text("rectification")]) { $1 })?.field == "replace")
        #expect(row(base)?.line == nil && row(base.merging(["colour": .null]) { $1 })?.line == 7)
    }

    @Test func aPhoneWrittenInGroupsIsOneIdentifier() {
        #expect(
            BulkRow.joiningPhoneGroups(
                ["phone:+359", "888", "912", "345", "email:a@b.nl", "0612345678", "0687654321"], defaultCountry: "NL")
                == ["phone:+359 888 912 345", "email:a@b.nl", "0612345678", "0687654321"])
    }

    @Test func theSameRequestInAnotherNotationHasTheSameContent() throws {
        let csv = try BulkRow(
            BulkLine(
                line: 2,
                fields: ["ref": .text("T"), "action": .text("erasure"), "identifiers": .text("+31 6 8123 4567")],
                unreadable: nil), defaultCountry: "NL")
        let json = try BulkRow(
            BulkLine(
                line: 1,
                fields: [
                    "ref": .text("T"), "action": .text("erasure"), "identifiers": .list(["phone:+31681234567"]),
                    "apply": .bool(false),
                ], unreadable: nil), defaultCountry: "NL")
        #expect(csv.content == json.content)
        var applied = json
        applied.apply = true
        #expect(applied.content != json.content)
    }
}
