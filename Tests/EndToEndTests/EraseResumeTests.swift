import Foundation
import GRDB
import Testing

/// `dsr erase --resume` after a stop on either side of the operations commit: the audit entry
/// and the register end as the uninterrupted run left them (the entry adds `resumes`).
@Suite struct EraseResumeTests {
    var workspace: DemoWorkspace
    var folder: URL { workspace.folder }

    init() throws { workspace = try DemoWorkspace() }

    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome { try workspace.dsr(arguments) }

    /// The last `erase.apply` entry's details and the request's row, as the register holds it.
    func recorded(_ id: String) throws -> (details: [String: Any], request: String) {
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        defer { try? state.close() }
        return try state.read { db in
            let details = try String.fetchOne(
                db, sql: "SELECT details FROM audit_log WHERE action = 'erase.apply' ORDER BY seq DESC LIMIT 1")
            let request = try Row.fetchOne(
                db, sql: "SELECT status, outcome, close_reason FROM requests WHERE id = ?", arguments: [id])
            let object = try JSONSerialization.jsonObject(with: Data((details ?? "{}").utf8)) as? [String: Any]
            return (object ?? [:], request?.description ?? "none")
        }
    }

    /// Copies `path` (a SQLite database) aside as one file, WAL included.
    func snapshot(_ path: String) throws -> URL {
        let copy = workspace.scratch.url.appending(path: "\(UUID().uuidString).db")
        let database = try DatabaseQueue(path: folder.appending(path: path).path)
        try database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy.path]) }
        try database.close()
        return copy
    }

    /// Puts `copy` back as `path`, without WAL or shared-memory files.
    func restore(_ copy: URL, as path: String) throws {
        let target = folder.appending(path: path)
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(at: URL(filePath: target.path + suffix))
        }
        try FileManager.default.copyItem(at: copy, to: target)
    }

    /// The journal entry `dsr erase --apply` writes for `plan` (as `dsr erase --json` showed
    /// it), left in `phase` by a stop.
    func journal(_ plan: [String: Any], request id: String, phase: String, language: String) throws {
        let kept: [String: Any] = [
            "plan": ["steps", "files", "processor_held", "notify", "related"].reduce(into: [String: Any]()) {
                $0[$1] = plan[$1]
            },
            "forced": false, "overridden_restrictions": [String](), "held_by": [String](), "letter_language": language,
        ]
        let text = String(decoding: try JSONSerialization.data(withJSONObject: kept), as: UTF8.self)
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        try state.write { db in
            try db.execute(
                sql: """
                    INSERT INTO erasure_journal (id, started_at, request_id, digest, identifiers,
                    include_processor_data, phase, applied) VALUES ('stopped', '2026-12-01T00:00:00.000Z', ?, ?, ?, 0, ?, ?)
                    """, arguments: [id, plan["digest"] as? String, "phone:+31681234567", phase, text])
        }
        try state.close()
    }

    /// The letter and notices of request `id`'s `kind` (erasure, rectification) in `exports_dir`, by name.
    func letters(of id: String, kind: String = "erasure") throws -> [String: String] {
        let exports = folder.appending(path: "exports")
        var found: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: exports.path)
        where name.hasPrefix("\(id)-\(kind)-") {
            found[name] = try String(contentsOf: exports.appending(path: name), encoding: .utf8)
        }
        return found
    }

    /// Deletes the letter and notices of request `id`.
    func deleteLetters(of id: String) throws {
        for name in try letters(of: id).keys {
            try FileManager.default.removeItem(at: folder.appending(path: "exports/\(name)"))
        }
    }

    @Test(arguments: [true, false])
    func aStoppedErasureIsRecordedAsTheUninterruptedOne(committed: Bool) throws {
        let opened = try dsr(["request", "open", "--type", "erasure", "phone:+31681234567"])
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(try dsr(["request", "verify", id, "--method", "ID card"]).code == 0)
        let plan = try workspace.json(try dsr(["erase", "--request", id, "--json"]))
        let digest = try #require(plan["digest"] as? String)
        let stateBefore = try snapshot("state/state.db")
        let opsBefore = try snapshot("ops.db")
        let applied = try dsr(["erase", "--request", id, "--apply", "--yes"])
        #expect(applied.code == 0, "\(applied.stderr)")
        let uninterrupted = try recorded(id)
        try #require(uninterrupted.details["outcome"] as? String == "erased, partly retained")
        let opsAfter = try snapshot("ops.db")
        let letters = try letters(of: id)
        try #require(letters["\(id)-erasure-letter.txt"] != nil)
        try deleteLetters(of: id)

        // The stop: state.db as before the apply, with the journal entry the apply wrote;
        // ops.db committed, or not; no letter yet.
        try restore(stateBefore, as: "state/state.db")
        if !committed { try restore(opsBefore, as: "ops.db") }
        try journal(plan, request: id, phase: "planned", language: "en")

        let resumed = try dsr(["erase", "--resume", "--json"])
        #expect(resumed.code == 0, "\(resumed.stderr)")
        let after = try recorded(id)
        #expect(after.details["resumes"] as? String == digest)
        var details = after.details
        details["resumes"] = nil
        if !committed {
            // Planned again from the same data: the same plan, so the same digest.
            #expect(details["digest"] as? String == digest)
        }
        #expect(NSDictionary(dictionary: details) == NSDictionary(dictionary: uninterrupted.details), "\(details)")
        #expect(after.request == uninterrupted.request)
        // The letter and the notices, as the uninterrupted run wrote them.
        #expect(try self.letters(of: id) == letters)
        #expect(try dsr(["audit", "verify"]).code == 0)
        #expect(!(try dsr(["status"]).stdout.contains("erase --resume")))
        // The operations database ends as the uninterrupted run left it (its pseudonyms aside).
        let rows = { (url: URL) throws -> Int in
            let database = try DatabaseQueue(path: url.path)
            defer { try? database.close() }
            return try database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM cdrs WHERE caller_number = '+31681234567'") ?? -1
            }
        }
        #expect(try rows(folder.appending(path: "ops.db")) == rows(opsAfter))
        #expect(try rows(opsBefore) > rows(opsAfter))
    }

    @Test func aLetterAStopLeftUnwrittenIsWrittenByTheNextCommand() throws {
        let opened = try dsr(["request", "open", "--type", "erasure", "phone:+31681234567"])
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(try dsr(["request", "verify", id, "--method", "ID card"]).code == 0)
        let plan = try workspace.json(try dsr(["erase", "--request", id, "--json"]))
        #expect(try dsr(["erase", "--request", id, "--apply", "--yes", "--lang", "nl"]).code == 0)
        let recordedBefore = try recorded(id)
        let letters = try letters(of: id)
        try #require(letters["\(id)-erasure-letter.txt"] != nil)
        // The stop: after the audit entry (phase `committed`), before the letter.
        try deleteLetters(of: id)
        try journal(plan, request: id, phase: "committed", language: "nl")
        let next = try dsr(["request", "list"])
        #expect(next.code == 0, "\(next.stderr)")
        #expect(try self.letters(of: id) == letters)
        // Nothing recorded twice, nothing left to resume.
        let after = try recorded(id)
        #expect(NSDictionary(dictionary: after.details) == NSDictionary(dictionary: recordedBefore.details))
        #expect(!(try dsr(["status"]).stdout.contains("erase --resume")))
        #expect(try dsr(["audit", "verify"]).code == 0)
    }
}
