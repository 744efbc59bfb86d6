import DSRDemo
import Foundation
import Testing

@testable import DSRKit

/// The erasure letter and notices of a real erasure of the demo caller: the organisation to ask
/// is named from its row, and no stored form of an erased identifier is written anywhere.
@Suite struct ErasureLetterDemoTests {
    @Test func aRealErasureWritesNoIdentifierAndNamesTheNumberOwner() throws {
        let dir = try TemporaryDirectory()
        let report = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 12, calls: 1000, seed: 3), force: false)
        let session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo",
            now: LetterFixture.now)
        let caller = try #require(report.subjects.first { $0.label == "caller" })
        let subject = try session.subject(identifiers: caller.identifiers, request: nil)
        let planned = try session.planErasure(
            subject.identifiers, options: ErasureOptions(), limits: try session.processingLimits())
        var options = ErasureOptions()
        options.apply = true
        let applied = try session.erase(subject, options: options).plan
        #expect(applied.digest == planned.plan.digest)
        #expect(!applied.processorHeld.isEmpty && !applied.notify.isEmpty, "the demo caller has both")

        var written: [String] = []
        for language in LetterFixture.languages {
            let letters = try session.writeErasureLetter(applied, for: subject, language: language)
            #expect(letters.notices.count == applied.notify.count)
            written += [letters.letter] + letters.notices
            let letter = try String(contentsOfFile: letters.letter, encoding: .utf8)
            let map = try session.dataMap()
            // The organisation whose number was called, read from its customer row.
            let names = try Set(
                applied.processorHeld.compactMap(\.controller).map { controller in
                    try Self.customerName(controller, dir: dir)
                })
            #expect(!names.isEmpty)
            for name in names { #expect(letter.contains(name), "\(language): \(name)") }
            for (index, recipient) in applied.notify.enumerated() {
                let notice = try String(contentsOfFile: letters.notices[index], encoding: .utf8)
                #expect(notice.contains(recipient))
                let tables = Set(applied.steps.filter(\.changes).map(\.table)).filter {
                    map.table($0)?.recipients.contains(recipient) == true
                }
                for table in tables {
                    #expect(notice.contains(try #require(map.table(table)).title(in: language)), "\(table)")
                }
            }
        }
        // Every stored form the erasure removed, and every canonical form.
        let forms =
            Set(planned.erasedTexts).union(subject.identifiers.map(\.canonical)).union(
                subject.identifiers.map(\.value)
            ).filter { $0.count >= 6 }
        #expect(!forms.isEmpty)
        for path in written {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for form in forms {
                #expect(!text.localizedCaseInsensitiveContains(form), "\(URL(filePath: path).lastPathComponent)")
            }
            #expect(!URL(filePath: path).lastPathComponent.contains("+"))
        }
    }

    /// The `name` of customer `customers:N`, read straight from the demo's ops.db.
    static func customerName(_ controller: String, dir: TemporaryDirectory) throws -> String {
        let id = try #require(controller.split(separator: ":").last)
        let output = Process()
        output.executableURL = URL(filePath: "/usr/bin/sqlite3")
        output.arguments = [dir.path("ops.db"), "SELECT name FROM customers WHERE id = \(Int(id) ?? -1)"]
        let pipe = Pipe()
        output.standardOutput = pipe
        try output.run()
        output.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
