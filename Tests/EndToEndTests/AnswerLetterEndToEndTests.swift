import Foundation
import Testing

/// Every erasure and rectification carried out ends with a letter to the person and one Art. 19
/// notice per recipient in exports_dir, named in the output (issue 11); a plan writes none.
@Suite struct AnswerLetterEndToEndTests {
    let workspace: DemoWorkspace
    let owner = ["email:pieter@smitinstallatie.nl", "phone:+31687654321"]
    var exports: URL { workspace.folder.appending(path: "exports") }

    init() throws { workspace = try DemoWorkspace() }

    func exported() throws -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: exports.path)) ?? []).sorted()
    }

    func text(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    @Test func anAppliedErasureWritesItsLetterAndANoticePerRecipient() throws {
        let plan = try workspace.json(try workspace.dsr(["erase", "--json"] + owner))
        #expect(plan["letter"] == nil, "a plan writes no letter")
        #expect(try exported().isEmpty)
        let applied = try workspace.json(try workspace.dsr(["erase", "--apply", "--json", "--lang", "bg"] + owner))
        let letter = try #require(applied["letter"] as? String)
        let notices = try #require(applied["notices"] as? [String])
        #expect(notices.count == (plan["notify"] as! [String]).count)
        #expect(try exported().count == 1 + notices.count)
        #expect(try text(letter).contains("член 17"), "the Bulgarian erasure letter")
        for (notice, recipient) in zip(notices, plan["notify"] as! [String]) {
            #expect(try text(notice).contains(recipient))
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: letter)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func anAppliedRectificationWritesItsLetterWithTheNewValue() throws {
        let outcome = try workspace.dsr(
            ["rectify", "--apply", "--yes", "--replace", "email:pieter@smitinstallatie.nl=pieter@smit.example"] + owner)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.hasPrefix("Letter to the person: ") })
        let letter = try text(String(line.dropFirst("Letter to the person: ".count)))
        #expect(letter.contains("Article 16") && letter.contains("pieter@smit.example"))
        #expect(!letter.contains("pieter@smitinstallatie.nl"), "the old address only masked")
        #expect(outcome.stdout.contains("Notices to the recipients (Art. 19): "))
    }

    @Test func aRestrictionAndItsLiftEachWriteTheirLetterAndNotices() throws {
        let restricted = try workspace.json(
            try workspace.dsr(["restrict", "--json", "--reason", "disputes accuracy"] + owner))
        let id = try #require(restricted["id"] as? String)
        let letter = try text(try #require(restricted["letter"] as? String))
        #expect(letter.contains("Article 18") && letter.contains(id))
        #expect((restricted["notices"] as? [String])?.count == (restricted["recipients"] as? [String])?.count)
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let lifted = try workspace.json(
            try workspace.dsr(["restrict", "lift", id, "--informed-on", today, "--json", "--lang", "nl"]))
        let liftLetter = try text(try #require(lifted["letter"] as? String))
        #expect(liftLetter.contains("artikel 18, lid 3") || liftLetter.contains("artikel 18"), "\(liftLetter)")
        // dsr keeps the restriction's subject as keyed hashes: the letter names no identifier.
        #expect(!liftLetter.contains("onder:\n\n"), "no empty list of identifiers")
        #expect(!liftLetter.contains("smitinstallatie"))
    }

    @Test func aLetterThatCannotBeMadeStopsTheChangeBeforeItStarts() throws {
        let config = workspace.folder.appending(path: "dsr.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
            of: #"controller_name: "Telvora B.V.""#, with: #"controller_name: """#)
        try Data(text.utf8).write(to: config)
        let before = try workspace.bytes("ops.db")
        for command in [
            ["erase", "--apply", "--yes"], ["restrict", "--reason", "disputes accuracy"],
            ["rectify", "--apply", "--yes", "--replace", "email:pieter@smitinstallatie.nl=p@smit.example"],
        ] {
            let outcome = try workspace.dsr(command + owner)
            #expect(outcome.code == 65, "\(outcome.stderr)")
            #expect(outcome.stderr.contains("controller_name"), "\(outcome.stderr)")
        }
        #expect(try workspace.bytes("ops.db") == before)
        #expect(try workspace.dsr(["restrict", "check"] + owner).code == 0, "no restriction was recorded")
    }

    @Test func aLetterThatCannotBeWrittenExits73AndTheChangeStands() throws {
        // exports_dir is a file: nothing can be written into it.
        try? FileManager.default.removeItem(at: exports)
        try Data("not a folder".utf8).write(to: exports)
        let outcome = try workspace.dsr(
            ["rectify", "--apply", "--yes", "--json", "--replace", "email:pieter@smitinstallatie.nl=p@smit.example"]
                + owner)
        #expect(outcome.code == 73, "\(outcome.stderr)")
        let answer = try workspace.json(outcome)
        #expect(answer["applied"] as? Bool == true)
        #expect(answer["letter_error"] is String)
        #expect(outcome.stderr.contains("the change was made, but its letter could not be written"))
        let found = try workspace.json(try workspace.dsr(["locate", "--json", "email:p@smit.example"]))
        #expect(!(found["records"] as! [[String: Any]]).isEmpty)
    }
}
