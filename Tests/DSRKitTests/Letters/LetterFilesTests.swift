import Foundation
import Testing

@testable import DSRKit

/// Letters are written into exports_dir, mode 0600, never over an existing file, and named by
/// request, outcome and number only.
@Suite struct LetterFilesTests {
    @Test func lettersAreWrittenWithMode0600IntoAnExportsDirMadeWith0700() throws {
        let fixture = try LetterFixture()
        let exports = fixture.session.workspace.exportsDir
        try? FileManager.default.removeItem(at: exports)
        let written = try fixture.session.writeErasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: .english)
        #expect(Self.mode(exports.path(percentEncoded: false)) == 0o700)
        let folder = exports.path(percentEncoded: false)
        #expect(written.letter == folder + "/DSR-2026-0042-erasure-letter.txt")
        #expect(
            written.notices == [
                folder + "/DSR-2026-0042-erasure-notice-1.txt", folder + "/DSR-2026-0042-erasure-notice-2.txt",
            ])
        for path in [written.letter] + written.notices {
            #expect(Self.mode(path) == 0o600, "\(path)")
        }
        let letter = try String(contentsOfFile: written.letter, encoding: .utf8)
        #expect(letter.contains("Article 17"))
        let encoded = try JSONEncoder().encode(written)
        let object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["letter"] as? String == written.letter && (object["notices"] as? [String])?.count == 2)
    }

    @Test func aSecondLetterNeverOverwritesTheFirst() throws {
        let fixture = try LetterFixture()
        let first = try fixture.session.writeErasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: .english)
        let before = try Data(contentsOf: URL(filePath: first.letter))
        let second = try fixture.session.writeErasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: .dutch)
        let third = try fixture.session.writeErasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: .bulgarian)
        #expect(second.letter.hasSuffix("/DSR-2026-0042-erasure-letter-2.txt"))
        #expect(second.notices.first?.hasSuffix("/DSR-2026-0042-erasure-notice-1-2.txt") == true)
        #expect(third.letter.hasSuffix("/DSR-2026-0042-erasure-letter-3.txt"))
        #expect(try Data(contentsOf: URL(filePath: first.letter)) == before, "the first letter is unchanged")
        #expect(try String(contentsOfFile: second.letter, encoding: .utf8).contains("artikel 17"))
    }

    /// A run killed while it wrote a set (the letter and one notice whole, the next notice
    /// begun): its resume finishes that set under the same names; a plain write of the same
    /// letters would start a `-2` set, and a resume beside another letter of the request too.
    @Test func aResumedSetFinishesTheSetAStoppedRunBegan() throws {
        let fixture = try LetterFixture()
        let session = fixture.session
        let rendered = try session.erasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: .english)
        try #require(rendered.notices.count == 2)
        let folder = session.workspace.exportsDir
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let names = ["erasure-letter", "erasure-notice-1", "erasure-notice-2"].map {
            folder.appending(path: "DSR-2026-0042-\($0).txt").path(percentEncoded: false)
        }
        try Data(rendered.letter.utf8).write(to: URL(filePath: names[0]))
        try Data(rendered.notices[0].utf8).write(to: URL(filePath: names[1]))
        try Data(rendered.notices[1].utf8.prefix(40)).write(to: URL(filePath: names[2]))
        let resumed = try session.completeLetters(rendered)
        #expect([resumed.letter] + resumed.notices == names)
        #expect(try String(contentsOfFile: names[2], encoding: .utf8) == rendered.notices[1])
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path(percentEncoded: false))
        #expect(files.count == 3, "\(files.sorted())")
        // Another letter of the request (another language) is not taken for this one's.
        let dutch = try session.erasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: .dutch)
        #expect(try session.completeLetters(dutch).letter.hasSuffix("/DSR-2026-0042-erasure-letter-2.txt"))
        #expect(try session.writeLetters(rendered).letter.hasSuffix("/DSR-2026-0042-erasure-letter-3.txt"))
    }

    @Test func aLetterWithoutARequestIsNamedByTheTime() throws {
        let fixture = try LetterFixture()
        var subject = try LetterFixture.subject()
        subject.request = nil
        let written = try fixture.session.writeRectificationLetter(
            LetterFixture.rectification, for: subject, language: .english)
        #expect(written.letter.hasSuffix("/dsr-20260528T202640Z-rectification-letter.txt"))
        let notice = try String(contentsOfFile: try #require(written.notices.first), encoding: .utf8)
        #expect(notice.contains("Our reference: dsr-20260528T202640Z"))
    }

    @Test func noFileNameHoldsARecipientOrAnIdentifier() throws {
        let fixture = try LetterFixture()
        let subject = try LetterFixture.subject()
        var paths: [String] = []
        let restriction = try LetterFixture.restriction(informed: true)
        for written in [
            try fixture.session.writeErasureLetter(LetterFixture.erasurePlan, for: subject, language: .english),
            try fixture.session.writeRestrictionLetter(restriction, lifted: false, for: subject, language: .english),
            try fixture.session.writeRestrictionLetter(restriction, lifted: true, for: subject, language: .english),
        ] {
            paths += [written.letter] + written.notices
        }
        for path in paths {
            let name = URL(filePath: path).lastPathComponent
            #expect(
                name.wholeMatch(of: /DSR-2026-0042-(erasure|restriction|restriction-lifted)-(letter|notice-\d+)\.txt/)
                    != nil, "\(name)")
        }
    }

    @Test func aFolderThatCannotBeWrittenIsReportedAndLeavesNothing() throws {
        let fixture = try LetterFixture()
        let exports = fixture.session.workspace.exportsDir
        // A file where the folder should be: nothing can be created in it.
        try? FileManager.default.removeItem(at: exports)
        try Data().write(to: exports)
        #expect {
            try fixture.session.writeRefusalLetter(
                for: LetterFixture.refusedRequest(), reason: "manifestly unfounded", language: .english)
        } throws: { error in
            (error as? WorkspaceError)?.kind == .cannotWrite
        }
    }

    static func mode(_ path: String) -> Int? {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? NSNumber)
            .map { $0.intValue & 0o777 }
    }
}
