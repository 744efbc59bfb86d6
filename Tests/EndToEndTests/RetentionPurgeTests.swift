import Foundation
import GRDB
import Testing

/// `dsr retention audit --apply` on a demo copy (issue 12): it purges exactly what is past
/// retention through the erasure engine, leaves nothing a second run would find, keeps held
/// records, stops at `--max-rows`, and lets only one run work at a time.
@Suite struct RetentionPurgeTests {
    let workspace: RetentionWorkspace
    static let asOf = "2027-03-01"

    init() throws { workspace = try RetentionWorkspace() }

    func purge(_ extra: [String] = []) throws -> (DSRProcess.Outcome, [String: Any]) {
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", Self.asOf, "--apply", "--json"] + extra)
        return (outcome, try workspace.json(outcome))
    }

    /// Keys (`table:key`) of the rows the SQL rules say are past retention, per rule.
    func pastKeys() throws -> [String: Set<String>] {
        let queue = try DatabaseQueue(path: workspace.database.path)
        defer { try? queue.close() }
        return try queue.read { db in
            var keys: [String: Set<String>] = [:]
            for (name, rule) in RetentionAuditTests.rules {
                let table = String(name.split(separator: ".")[0])
                let alias = rule.start.contains(".") ? String(rule.start.split(separator: ".")[0]) + "." : ""
                let ids = try Int64.fetchAll(
                    db, sql: "SELECT \(alias)id FROM \(rule.from)", arguments: ["cutoff": Self.asOf + "T00:00:00Z"])
                keys[name] = Set(ids.map { "\(table):\($0)" })
            }
            return keys
        }
    }

    @Test func aPurgeLeavesNothingPastRetentionAndChangesNothingElse() throws {
        let before = try DemoWorkspace.rows(in: workspace.folder)
        let filesBefore = try DemoWorkspace.files(in: workspace.folder)
        let past = try pastKeys()
        try #require(past.values.contains { !$0.isEmpty })
        // Voicemails whose notification e-mail goes with them, and e-mails voicemails point at.
        let queue = try DatabaseQueue(path: workspace.database.path)
        let notifications = try queue.read { db in
            Set(
                try Int64.fetchAll(db, sql: "SELECT email_id FROM voicemails WHERE email_id IS NOT NULL").map {
                    "emails:\($0)"
                })
        }
        let pointing = try queue.read { db in
            Set(
                try Int64.fetchAll(db, sql: "SELECT id FROM voicemails WHERE email_id IS NOT NULL").map {
                    "voicemails:\($0)"
                })
        }
        let audio = try queue.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT file_path FROM voicemails WHERE emailed_at IS NOT NULL AND file_path IS NOT NULL"
                    + " AND unixepoch(emailed_at) < unixepoch(?)", arguments: [Self.asOf + "T00:00:00Z"])
        }
        // Voicemails past their 400 days, with the notification e-mails that carry the voice.
        let goneNotifications = try queue.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT email_id FROM voicemails WHERE email_id IS NOT NULL"
                    + " AND julianday(received_at) + 400 < julianday(?)", arguments: [Self.asOf + "T00:00:00Z"])
        }
        let oldCallsBefore = try queue.read { db in
            Set(
                try Int64.fetchAll(
                    db, sql: "SELECT id FROM cdrs WHERE unixepoch(started_at) + 400 * 86400 < unixepoch(?)",
                    arguments: [Self.asOf + "T00:00:00Z"]
                ).map { "cdrs:\($0)" })
        }
        try queue.close()
        try #require(!audio.isEmpty)

        let (outcome, document) = try purge()
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect((document["residue"] as? [String: Any])?["found"] as? Int == 0, "\(document["residue"] ?? "")")
        let purged = try #require(document["purged"] as? [[String: Any]])
        #expect(purged.allSatisfy { $0["left"] as? Int == 0 && $0["blocked"] as? Int == 0 })

        // Nothing past retention is left, by the independent SQL and by a second run.
        #expect(try RetentionAuditTests.expected(asOf: Self.asOf, in: workspace.database).isEmpty)
        let again = try workspace.dsr(["retention", "audit", "--as-of", Self.asOf])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(again.stdout.isEmpty)

        // Every row that changed was past retention, or tied to one that was.
        let after = try DemoWorkspace.rows(in: workspace.folder)
        // A call past its 400 days goes once its recordings and voicemails went (one kept for
        // a recording is past by date even where the SQL above no longer counts it).
        let allowed = past.values.reduce(into: Set<String>()) { $0.formUnion($1) }.union(notifications).union(pointing)
            .union(oldCallsBefore)
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        #expect(!changed.isEmpty)
        #expect(
            changed.subtracting(allowed).isEmpty,
            "changed though not past retention: \(changed.subtracting(allowed).sorted().prefix(5))")
        // E-mailed voicemail audio is gone; the rows that named it stay unless past 400 days.
        for path in audio {
            #expect(!FileManager.default.fileExists(atPath: workspace.folder.appending(path: "files/\(path)").path))
        }
        // No copy of a caller's voice outlives the voicemail row that tied it to the caller: its
        // notification e-mail went with it, so no later erasure or locate can miss one.
        try #require(!goneNotifications.isEmpty)
        for id in goneNotifications {
            #expect(after["emails:\(id)"] == nil, "notification e-mail \(id) outlived its voicemail")
        }
        let keptRows = try DatabaseQueue(path: workspace.database.path).read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM voicemails WHERE emailed_at IS NOT NULL AND file_path IS NULL") ?? 0
        }
        #expect(keptRows > 0, "e-mailed voicemails keep their rows without the audio")
        // Every file that is left is unchanged; every file that went was named by a purged row.
        let filesAfter = try DemoWorkspace.files(in: workspace.folder)
        for (path, bytes) in filesAfter { #expect(filesBefore[path] == bytes, "\(path) changed") }
        let purgedPaths = Set(
            before.filter { changed.contains($0.key) }.values.flatMap { row in
                row.matches(of: /file_path:"([^"]+)"/).map { String($0.1) }
            })
        for path in Set(filesBefore.keys).subtracting(filesAfter.keys) {
            #expect(purgedPaths.contains(path), "\(path) deleted though no purged row named it")
        }
        #expect(try workspace.dsr(["audit", "verify"]).code == 0)
        #expect(try workspace.dsr(["audit", "log"]).stdout.contains("retention.purge"))
        try expectNoPurgedCallerOutsideLiveCells(before: before)
    }

    /// Independently of dsr's scan: a caller number of a call that is gone since `before` is
    /// in ops.db's bytes no more often than in the live cells that still hold it (newer calls).
    func expectNoPurgedCallerOutsideLiveCells(before: [String: String]) throws {
        let after = try DemoWorkspace.rows(in: workspace.folder)
        let raw = try workspace.bytes("ops.db")
        let liveText = after.values.joined(separator: "\n")
        let purgedCallers = Set(
            before.filter { $0.key.hasPrefix("cdrs:") && after[$0.key] == nil }.values.compactMap { row in
                row.firstMatch(of: /caller_number:"(\+\d{8,15})"/).map { String($0.1) }
            })
        try #require(!purgedCallers.isEmpty)
        for number in purgedCallers {
            let inFile = raw.ranges(of: Data(number.utf8)).count
            #expect(inFile <= liveText.ranges(of: number).count, "\(number.prefix(4))… left in free space")
        }
    }

    @Test func aHeldCallerKeepsHerCallsAndTheRestIsPurged() throws {
        let caller = "+31681234567"
        let hold = try workspace.dsr([
            "hold", "add", "phone:\(caller)", "--basis", "police request", "--until", "2027-12-31",
        ])
        #expect(hold.code == 0, "\(hold.stderr)")
        let queue = try DatabaseQueue(path: workspace.database.path)
        let theirs =
            "SELECT count(*) FROM cdrs WHERE caller_number = '\(caller)' AND unixepoch(started_at) + 400 * 86400 < unixepoch('\(Self.asOf)T00:00:00Z')"
        let before = try queue.read { db in try Int.fetchOne(db, sql: theirs) ?? 0 }
        try queue.close()
        try #require(before > 0)
        let (outcome, document) = try purge()
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let calls = try #require(
            (document["purged"] as? [[String: Any]])?.first {
                $0["table"] as? String == "cdrs" && $0["scope"] as? String == "row"
            })
        #expect(calls["blocked"] as? Int ?? 0 >= before)
        let check = try DatabaseQueue(path: workspace.database.path)
        #expect(try check.read { db in try Int.fetchOne(db, sql: theirs) ?? 0 } == before)
        try check.close()
    }

    @Test func maxRowsStopsAtTheCapAndTheNextRunContinues() throws {
        let total = try RetentionAuditTests.expected(asOf: Self.asOf, in: workspace.database).values.reduce(0) {
            $0 + $1.count
        }
        try #require(total > 600)
        let before = try DemoWorkspace.rows(in: workspace.folder)
        var runs = 0
        var purgedTotal = 0
        while runs < 20 {
            let (outcome, document) = try purge(["--max-rows", "300"])
            #expect(outcome.code == 0, "\(outcome.stderr) \(document["residue"] ?? "")")
            let purged = (document["purged"] as? [[String: Any]] ?? []).reduce(0) { $0 + ($1["purged"] as? Int ?? 0) }
            #expect(purged <= 300)
            purgedTotal += purged
            runs += 1
            if purged == 0 { break }
        }
        #expect(runs >= 3, "the cap stopped the first runs")
        // Every run is audited, the last one (nothing left) too; it left no journal entry behind.
        let log = try workspace.dsr(["audit", "log"]).stdout
        #expect(log.components(separatedBy: "retention.purge").count - 1 == runs)
        let journal = try DatabaseQueue(path: workspace.folder.appending(path: "state/state.db").path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM erasure_journal") ?? 0
        }
        #expect(journal == 0)
        #expect(try RetentionAuditTests.expected(asOf: Self.asOf, in: workspace.database).isEmpty)
        try expectNoPurgedCallerOutsideLiveCells(before: before)
    }

    @Test func aSecondRunWhileOneHoldsTheLockExits75() throws {
        let lock = workspace.folder.appending(path: "state/retention.lock").path
        let holder = Process()
        holder.executableURL = URL(filePath: "/usr/bin/flock")
        holder.arguments = [lock, "sleep", "3"]
        try holder.run()
        defer { holder.waitUntilExit() }
        usleep(300_000)
        let before = try workspace.bytes("ops.db")
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", Self.asOf, "--apply"])
        #expect(outcome.code == 75, "\(outcome.stderr)")
        #expect(try workspace.bytes("ops.db") == before)
    }
}
