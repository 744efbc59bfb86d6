import Foundation
import GRDB
import Testing

@testable import DSRKit

/// A rectification stopped on either side of its operations commit, or between its audit
/// entry and its letter: the next command of any kind ends it as the uninterrupted run did
/// (the audit entry adds `resumes`), or, before the commit, leaves it undone for a new run.
extension EraseResumeTests {
    static let replacement = "email:pieter@smitinstallatie.nl=p@smit.example"

    /// Every `rectify.apply` entry's details.
    func rectifications() throws -> [[String: Any]] {
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        defer { try? state.close() }
        return try state.read { db in
            try String.fetchAll(db, sql: "SELECT details FROM audit_log WHERE action = 'rectify.apply' ORDER BY seq")
                .map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        }
    }

    /// The journal entry `dsr rectify --apply` writes before its commit, made in-process from
    /// the plan of request `id` as the operations database holds it now.
    func rectificationJournal(request id: String) throws -> RectificationJournalEntry {
        let session = Session(
            workspace: try Workspace.load(configFile: folder.appending(path: "dsr.yaml")), actor: "test")
        defer { session.close() }
        let subject = try session.subject(identifiers: [], request: id)
        let change = try RectificationChange.replacement(Self.replacement, defaultCountry: "NL")
        let plan = try session.rectify(subject, changes: [change], options: RectificationOptions()).plan
        #expect(plan.changesAnything)
        let applied = AppliedRectification(
            plan: plan, newIdentifiers: Array(Set(plan.steps.compactMap { $0.identifiers?.new })), forced: false,
            letterLanguage: .english)
        return RectificationJournalEntry(
            id: "stopped", startedAt: "2026-12-01T00:00:00.000Z", requestID: id,
            identifiers: subject.identifiers.map(\.canonical), applied: applied.journalText)
    }

    /// Writes `entry` into the workspace's state.db, `recorded` or not.
    func insert(_ entry: RectificationJournalEntry, recorded: Bool) throws {
        var entry = entry
        entry.recorded = recorded
        let state = try StateDatabase.open(at: folder.appending(path: "state/state.db"), busyTimeout: 5)
        try state.insertRectificationJournal(entry)
    }

    @Test(arguments: ["before the commit", "after the commit", "after the audit entry"])
    func aStoppedRectificationIsFinishedByTheNextCommand(stop: String) throws {
        let opened = try dsr(["request", "open", "--type", "rectification", "email:pieter@smitinstallatie.nl"])
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(try dsr(["request", "verify", id, "--method", "ID card"]).code == 0)
        let entry = try rectificationJournal(request: id)
        let stateBefore = try snapshot("state/state.db")
        let opsBefore = try snapshot("ops.db")
        let rectify = ["rectify", "--request", id, "--replace", Self.replacement, "--apply", "--yes"]
        let applied = try dsr(rectify)
        #expect(applied.code == 0, "\(applied.stderr)")
        let uninterrupted = try #require(try rectifications().last)
        let letters = try self.letters(of: id, kind: "rectification")
        try #require(letters["\(id)-rectification-letter.txt"] != nil)
        for name in letters.keys { try FileManager.default.removeItem(at: folder.appending(path: "exports/\(name)")) }

        switch stop {
        case "before the commit":
            try restore(stateBefore, as: "state/state.db")
            try restore(opsBefore, as: "ops.db")
        case "after the commit":
            try restore(stateBefore, as: "state/state.db")
        default:
            break  // state.db holds the audit entry
        }
        try insert(entry, recorded: stop == "after the audit entry")

        let next = try dsr(["request", "list"])
        #expect(next.code == 0, "\(next.stderr)")
        let found = try rectifications()
        if stop == "before the commit" {
            #expect(found.isEmpty, "nothing was recorded for a change that did not happen")
            #expect(try self.letters(of: id, kind: "rectification").isEmpty)
            #expect(try dsr(rectify).code == 0)
            #expect(try rectifications().count == 1)
        } else {
            #expect(found.count == 1, "one audit entry, whoever wrote it")
            var details = try #require(found.last)
            if stop == "after the commit" {
                #expect(details["resumes"] as? String == uninterrupted["digest"] as? String)
            }
            details["resumes"] = nil
            #expect(NSDictionary(dictionary: details) == NSDictionary(dictionary: uninterrupted), "\(details)")
        }
        #expect(
            try self.letters(of: id, kind: "rectification") == letters,
            "the letter and notices as the uninterrupted run's")
        #expect(try dsr(["audit", "verify"]).code == 0)
        let journal = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        defer { try? journal.close() }
        #expect(try journal.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM rectification_journal") } == 0)
    }

    /// A rectification with a letter due is journalled while its letter is written, even when its
    /// plan changes nothing (the letter then says what could not be changed, and a stop before
    /// it must not lose it).
    @Test func aPlanThatChangesNothingIsJournalledUntilItsLetterIsWritten() throws {
        let opened = try dsr(["request", "open", "--type", "rectification", "phone:+31681234567"])
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(try dsr(["request", "verify", id, "--method", "ID card"]).code == 0)
        let session = Session(
            workspace: try Workspace.load(configFile: folder.appending(path: "dsr.yaml")), actor: "test")
        defer { session.close() }
        let subject = try session.subject(identifiers: [], request: id)
        let change = try RectificationChange.replacement("phone:+31681234567=+31622233344", defaultCountry: "NL")
        var options = RectificationOptions()
        options.apply = true
        options.letterLanguage = .english
        var journalled: [RectificationJournalEntry] = []
        let report = try session.rectify(
            subject, changes: [change], options: options,
            recorded: { _ in journalled = (try? session.state().rectificationJournal()) ?? [] })
        #expect(!report.plan.changesAnything && !report.plan.notChangeable.isEmpty)
        #expect(journalled.count == 1 && journalled.first?.recorded == true)
        #expect(try session.state().rectificationJournal().isEmpty, "gone once the letter is written")
    }
}
