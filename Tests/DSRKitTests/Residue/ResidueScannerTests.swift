import Foundation
import Testing

@testable import DSRKit

@Suite struct ResidueScannerTests {
    let dir: TemporaryDirectory

    init() throws {
        dir = try TemporaryDirectory()
    }

    /// Writes `bytes` to `name` in the temporary folder.
    func file(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = dir.url.appending(path: name)
        try Data(bytes).write(to: url)
        return url
    }

    func file(_ name: String, _ text: String) throws -> URL { try file(name, Array(text.utf8)) }

    /// The UTF-16LE bytes of `text`.
    func le(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } }

    /// The UTF-16BE bytes of `text`.
    func be(_ text: String) -> [UInt8] { text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] } }

    func scanner(_ forms: [String], minimumLength: Int = 5, utf16: Bool = false, chunk: Int = 4096)
        -> ResidueScanner
    {
        ResidueScanner(forms: forms, minimumLength: minimumLength, includeUTF16: utf16, chunkSize: chunk)
    }

    @Test func matchesAcrossChunkBoundariesAreFound() throws {
        let url = try file("a.db", "xx+31681234567yyy+31681234567z0681234567")
        for chunk in 1...20 {
            let scanner = scanner(["+31681234567", "0681234567"], chunk: chunk)
            #expect(try scanner.count(in: url) == 3, "chunk size \(chunk)")
        }
    }

    @Test func asciiCaseIsFoldedOtherBytesAreExact() throws {
        let url = try file("a.db", "Jan.Jansen@EXAMPLE.com; MÜLLER.ANNA; MüLLER.ANNA")
        #expect(try scanner(["jan.jansen@example.com"]).count(in: url) == 1)
        #expect(try scanner(["JAN.JANSEN@example.COM"]).count(in: url) == 1)
        #expect(try scanner(["müller.anna"]).count(in: url) == 1, "Ü is not ASCII: it does not fold to ü")
        #expect(try scanner(["jan.jansen@example.net"]).count(in: url) == 0)
    }

    @Test func overlappingMatchesAndContainedFormsCountEach() throws {
        #expect(try scanner(["aaaaa"]).count(in: file("a", "aaaaaaa")) == 3)
        let url = try file("b", "mail jansen@example.nl")
        #expect(try scanner(["jansen@example.nl", "example.nl"]).count(in: url) == 2)
        #expect(try scanner(["jansen@example.nl", "jansen@example"]).count(in: url) == 2, "two forms at one start")
    }

    @Test func utf16FormsAreFoundInBothByteOrdersAndFoldOnlyAsciiUnits() throws {
        // Text is kept apart from zero bytes: LE text after a 00 byte reads as BE text shifted by one.
        let little = try file("le.db", Array("xx".utf8) + le("JAN Jansen"))
        let big = try file("be.db", be("jan JANSEN") + Array("yy".utf8))
        for chunk in [1, 2, 3, 5, 8, 4096] {
            let scanner = scanner(["Jan Jansen"], utf16: true, chunk: chunk)
            let counts = try [scanner.count(in: little), scanner.count(in: big)]
            #expect(counts == [1, 1], "chunk \(chunk)")
        }
        #expect(try scanner(["jan jansen"], utf16: false).count(in: little) == 0)
        // Only an ASCII code unit folds: U+0141 Ł (41 01) is not U+0161 š (61 01), though its
        // low byte is the letter A, and U+4100 (00 41) is not U+6100 (00 61).
        let pairs = [("\u{141}\u{141}\u{141}", "\u{161}\u{161}\u{161}"), ("\u{4100}\u{4100}", "\u{6100}\u{6100}")]
        for (form, other) in pairs {
            let stored = try file("other.db", le(other) + [1] + be(other))
            #expect(try scanner([form], utf16: true).count(in: stored) == 0, "\(form.unicodeScalars.first!)")
            #expect(try scanner([other], utf16: true).count(in: stored) == 2, "\(other.unicodeScalars.first!)")
        }
    }

    @Test func formsShorterThanTheMinimumAreIgnored() throws {
        let url = try file("a", "abcd abcd abcde")
        #expect(try scanner(["abcd"]).count(in: url) == 0)
        #expect(try scanner(["abcd"], minimumLength: 4).count(in: url) == 3)
        #expect(try scanner(["ab"], minimumLength: 1).count(in: url) == 3)
        #expect(try scanner(["c"], minimumLength: 1, chunk: 1).count(in: url) == 3)
        #expect(try scanner(["", "abc"]).count(in: url) == 0)
        #expect(scanner(["abcd", "abcde"]).formCount == 1)
    }

    @Test func duplicateFormsAreMergedAfterCaseFolding() throws {
        let url = try file("a", "x anna@example.nl y ANNA@EXAMPLE.NL")
        let scanner = scanner(["anna@example.nl", "ANNA@example.nl", "anna@example.nl"], utf16: true)
        #expect(scanner.formCount == 3, "one UTF-8, one UTF-16LE, one UTF-16BE form")
        #expect(try scanner.count(in: url) == 2)
    }

    @Test func aSymbolicLinkIsRefusedNotFollowed() throws {
        let target = try file("target.db", "jan.jansen@example.com")
        let link = dir.url.appending(path: "link.db")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        let scanner = scanner(["jan.jansen@example.com"])
        #expect(throws: ResidueError.symbolicLink) { try scanner.count(in: link) }
        #expect(throws: ResidueError.place("ops.db", .symbolicLink)) {
            try scanner.scan([(label: "ops.db", url: link)])
        }
        #expect(throws: ResidueError.notARegularFile) { try scanner.count(in: dir.url) }
    }

    @Test func aMissingFileAndAnEmptyFileCountZero() throws {
        let scanner = scanner(["jan.jansen@example.com"])
        #expect(try scanner.count(in: dir.url.appending(path: "absent.db-wal")) == 0)
        #expect(try scanner.count(in: file("empty.db", [])) == 0)
        #expect(try ResidueScanner(forms: []).count(in: file("some.db", "jan.jansen@example.com")) == 0)
    }

    @Test func manyFormsAreEachFound() throws {
        let forms = (0..<500).map { "subject\($0)@example.org" }
        let text = forms.reversed().map { "<\($0.uppercased())>" }.joined(separator: "\n")
        let url = try file("many.db", text)
        // No form occurs inside another ("subject1@" is not in "subject21@"): each matches once.
        #expect(try scanner(forms, utf16: true, chunk: 1000).count(in: url) == 500)
    }

    @Test func scanReportsOnlyPlacesWithMatchesInOrder() throws {
        let wal = try file("ops.db-wal", "anna@example.nl anna@example.nl")
        let db = try file("ops.db", "nothing here")
        let rec = try file("call_+31681234567.wav", "ANNA@example.nl")
        let report = try scanner(["anna@example.nl"]).scan([
            (label: "ops.db", url: db), (label: "ops.db-wal", url: wal),
            (label: "ops.db-journal", url: dir.url.appending(path: "ops.db-journal")),
            (label: "recordings 7 (file)", url: rec),
        ])
        #expect(
            report
                == ResidueReport(places: [
                    ResiduePlace(place: "ops.db-wal", count: 2), ResiduePlace(place: "recordings 7 (file)", count: 1),
                ]))
        #expect(report.found == 3)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(report), as: UTF8.self)
        #expect(
            json
                == #"{"found":3,"places":[{"count":2,"place":"ops.db-wal"},{"count":1,"place":"recordings 7 (file)"}]}"#
        )
    }

    @Test func scanFolderLabelsFilesByRelativePathAndSkipsLinks() throws {
        let state = dir.url.appending(path: "state")
        try FileManager.default.createDirectory(
            at: state.appending(path: "journals"), withIntermediateDirectories: true)
        _ = try file("state/state.db", "anna@example.nl")
        _ = try file("state/secret.key", "no match")
        _ = try file("state/journals/1.json", "anna@example.nl, ANNA@EXAMPLE.NL")
        let outside = try file("outside.db", "anna@example.nl")
        try FileManager.default.createSymbolicLink(at: state.appending(path: "link.db"), withDestinationURL: outside)
        let report = try scanner(["anna@example.nl"]).scanFolder(state, label: "state")
        #expect(
            report.places == [
                ResiduePlace(place: "state/journals/1.json", count: 2), ResiduePlace(place: "state/state.db", count: 1),
            ])
        #expect(try scanner(["anna@example.nl"]).scanFolder(dir.url.appending(path: "none"), label: "x").found == 0)
    }

    @Test func textIsCountedAsAFileIs() throws {
        let scanner = ResidueScanner(forms: ["Jan.DeVries@example.nl", "0681234567"])
        let text = "to: jan.devries@EXAMPLE.nl, 0681234567 and 0681234567"
        let file = FileManager.default.temporaryDirectory.appending(path: "residue-text-\(UUID().uuidString)")
        try Data(text.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(scanner.count(in: text) == 3)
        #expect(try scanner.count(in: file) == scanner.count(in: text))
        #expect(scanner.count(in: "") == 0 && scanner.count(in: "0681") == 0)
    }
}
