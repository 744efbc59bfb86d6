import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The restore check (issue 12, section 3) after a real `dsr erase --apply --yes`: a copy of
/// ops.db from before the erasure put back in place is reported with exactly what the plan
/// erased, a new call from the same number is not, and state.db learns no plain identifier.
@Suite struct RestoreCheckEndToEndTests {
    static let caller = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
    /// Every form of the caller's number and address that must never reach the state dir.
    static let forms = [
        "+31681234567", "31681234567", "0681234567", "681234567", "6 81 234 567", "6-81234567", "6 81234567",
        "sanne.bakker@example.nl",
    ]

    let workspace: DemoWorkspace
    var folder: URL { workspace.folder }

    init() throws { workspace = try DemoWorkspace() }

    /// A session on the workspace, as a command would open it (a new one sees a new ops.db).
    func resurrections() throws -> [Resurrection] {
        try withSession { try $0.resurrections() }
    }

    func withSession<T>(_ body: (Session) throws -> T) throws -> T {
        let session = Session(
            workspace: try Workspace.load(configFile: folder.appending(path: "dsr.yaml")), actor: "dpo", now: Date())
        defer { session.close() }
        return try body(session)
    }

    /// Copies ops.db (and its WAL, if any) to `name`, or back from it.
    func copyDatabase(from source: String, to target: String) throws {
        for suffix in ["", "-wal", "-shm"] {
            let from = folder.appending(path: source + suffix)
            let to = folder.appending(path: target + suffix)
            try? FileManager.default.removeItem(at: to)
            if FileManager.default.fileExists(atPath: from.path) { try FileManager.default.copyItem(at: from, to: to) }
        }
    }

    /// Adds a call from the caller's number, started at `startedAt`; returns its id.
    func insertCall(startedAt: String) throws -> Int64 {
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        defer { try? database.close() }
        return try database.write { db in
            let service = try String.fetchOne(db, sql: "SELECT number FROM service_numbers ORDER BY number LIMIT 1")
            try db.execute(
                sql: """
                    INSERT INTO cdrs (service_number, caller_number, caller_withheld, started_at, duration_s)
                    VALUES (?, ?, 0, ?, 42)
                    """, arguments: [service, "+31681234567", startedAt])
            return db.lastInsertedRowID
        }
    }

    @Test func aRestoredBackupIsReportedWithWhatTheErasureChangedAndANewCallIsNot() throws {
        #expect(try resurrections().isEmpty, "no erasure yet: nothing to report")
        try copyDatabase(from: "ops.db", to: "backup.db")
        let applied = try workspace.dsr(["erase", "--apply", "--yes", "--json"] + Self.caller)
        #expect(applied.code == 0, "\(applied.stderr)")
        let report = try workspace.json(applied)
        let steps = try #require(report["steps"] as? [[String: Any]])
        let changed = Set(
            steps.filter { !["retain", "held"].contains($0["action"] as? String) }.map {
                "\($0["table"]!):\($0["key"]!)"
            })
        try #require(steps.contains { $0["action"] as? String == "delete-row" })
        try #require(steps.contains { $0["action"] as? String == "pseudonymise" })
        #expect(try resurrections().isEmpty, "right after the erasure nothing came back")

        let erased = try DemoWorkspace.rows(in: folder)
        // The restore: the copy from before the erasure replaces ops.db.
        try copyDatabase(from: "backup.db", to: "ops.db")
        let restored = try DemoWorkspace.rows(in: folder)
        for step in steps where step["action"] as? String == "delete-row" {
            #expect(restored["\(step["table"]!):\(step["key"]!)"] != nil, "the deleted row is back")
        }
        for step in steps where step["action"] as? String == "pseudonymise" {
            let key = "\(step["table"]!):\(step["key"]!)"
            #expect(erased[key]?.contains("erased:") == true, "the erasure wrote a pseudonym")
            let row = try #require(restored[key])
            // The number as the row writes it (`+31 (0)6-81234567`, `06 81 234 567`, ...).
            #expect(!row.contains("erased:") && row.filter(\.isNumber).contains("681234567"), "the number is back")
        }
        let found = try resurrections()
        try #require(found.count == 1)
        let back = found[0]
        #expect(back.erasure.digest == report["digest"] as? String)
        #expect(back.erasure.requestID == nil && back.erasure.erasedOn != nil)
        #expect(Set(back.records.map { "\($0.table):\($0.key)" }) == changed)
        #expect(back.identifiers.map(\.canonical).contains("phone:+31681234567"))
        #expect(back.newContacts == 0)
        // The re-erasure plan changes exactly what the erasure changed, the same way.
        let plan = try withSession { try $0.reErasurePlan(back) }.plan
        func changes(_ steps: [[String: Any]]) -> Set<String> {
            Set(
                steps.filter { !["retain", "held"].contains($0["action"] as? String) }.map {
                    "\($0["table"]!):\($0["key"]!):\($0["column"] ?? "-"):\($0["action"]!)"
                })
        }
        let replanned = Set(
            plan.steps.filter(\.changes).map { "\($0.table):\($0.key):\($0.column ?? "-"):\($0.action.rawValue)" })
        #expect(replanned == changes(steps))

        // A call after the erasure is the caller calling again; one dated before it came back.
        let erasedAt = try #require(Timestamp(back.erasure.erasedAt))
        let later = try insertCall(startedAt: Self.iso(seconds: erasedAt.seconds + 3600))
        let again = try #require(try resurrections().first)
        #expect(again.newContacts == 1)
        #expect(!again.records.contains { $0.table == "cdrs" && $0.key == .integer(later) })
        #expect(again.records.count == back.records.count)
        let earlier = try insertCall(startedAt: "2025-06-01T09:30:00Z")
        let withOld = try #require(try resurrections().first)
        #expect(withOld.records.contains { $0.table == "cdrs" && $0.key == .integer(earlier) })
        #expect(withOld.records.count == back.records.count + 1 && withOld.newContacts == 1)

        // After all of it, state.db holds no plain form of the caller.
        for path in ["state/state.db", "state/state.db-wal", "state/index.db", "state/index.db-journal"] {
            guard let data = try? Data(contentsOf: folder.appending(path: path)) else { continue }
            for form in Self.forms { #expect(data.range(of: Data(form.utf8)) == nil, "\(path) holds \(form)") }
        }
    }

    static func iso(seconds: Int64) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    @Test func theRetentionAuditReportsARestoredErasureAndApplyErasesItAgain() throws {
        try copyDatabase(from: "ops.db", to: "backup.db")
        let erased = try workspace.dsr(["erase", "--apply", "--yes"] + Self.caller)
        #expect(erased.code == 0, "\(erased.stderr)")
        // Before any record is past retention: only the restore check can make it exit 1.
        let asOf = ["--as-of", "2010-01-01"]
        let clean = try workspace.dsr(["retention", "audit"] + asOf)
        #expect(clean.code == 0 && clean.stdout.isEmpty && clean.stderr.isEmpty, "\(clean.stderr)")
        try copyDatabase(from: "backup.db", to: "ops.db")
        let newCall = try insertCall(startedAt: "2099-01-01T00:00:00Z")

        let audit = try workspace.dsr(["retention", "audit", "--json"] + asOf)
        #expect(audit.code == 1, "\(audit.stderr)")
        let back = try #require(try workspace.json(audit)["resurrected"] as? [[String: Any]])
        #expect(back.count == 1)
        #expect((back.first?["records"] as? Int ?? 0) > 0)
        #expect(back.first?["new_contacts"] as? Int == 1, "the new call is not resurrected")
        #expect((back.first?["erasure"] as? String)?.hasPrefix("digest:") == true)
        #expect(try workspace.dsr(["retention", "audit"] + asOf).stderr.contains("are back"))

        let applied = try workspace.dsr(["retention", "audit", "--apply", "--json"] + asOf)
        #expect(applied.code == 0, "\(applied.stderr)")
        let again = try #require(try workspace.json(applied)["resurrected"] as? [[String: Any]])
        #expect(again.first?["erased_again"] as? Bool == true)
        #expect(again.first?["residue"] as? Int == 0)
        #expect(try workspace.dsr(["retention", "audit"] + asOf).code == 0, "nothing is back any more")
        #expect(try workspace.dsr(["audit", "log"]).stdout.contains("erase.again"))
        // The new call keeps the number: the person called again after the erasure.
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        defer { try? database.close() }
        let number = try database.read { db in
            try String.fetchOne(db, sql: "SELECT caller_number FROM cdrs WHERE id = ?", arguments: [newCall])
        }
        #expect(number == "+31681234567")
    }
}
