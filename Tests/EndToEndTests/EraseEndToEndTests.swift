import Foundation
import GRDB
import Testing

@testable import DSRKit

/// `dsr erase` end to end on copies of a demo workspace (issue 10): the plan changes nothing,
/// the apply erases exactly the plan, nothing of the person is left, nobody else is touched.
@Suite struct EraseEndToEndTests {
    var workspace: DemoWorkspace
    var scratch: ScratchFolder { workspace.scratch }
    var folder: URL { workspace.folder }

    init() throws { workspace = try DemoWorkspace() }

    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome { try workspace.dsr(arguments) }

    /// Replaces the workspace with one whose cdrs table is past the index's small-table size
    /// (50,000 rows), so a refresh does not re-index it and what the index forgot shows.
    func useALargeWorkspace() throws { try workspace.remake(calls: 60000) }

    func json(_ outcome: DSRProcess.Outcome) throws -> [String: Any] { try workspace.json(outcome) }

    func rows() throws -> [String: String] { try workspace.rows() }

    func files() throws -> [String: Data] { try workspace.files() }

    func bytes(_ path: String) throws -> Data { try workspace.bytes(path) }

    /// A journal entry as `dsr erase` writes it, left behind by a simulated crash in `phase`.
    func journal(phase: String, digest: String, identifier: String, files: [[String: Any]]) throws {
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        try state.write { db in
            try db.execute(
                sql: """
                    INSERT INTO erasure_journal (id, started_at, request_id, digest, identifiers,
                    include_processor_data, phase) VALUES ('crashed', '2026-12-01T00:00:00.000Z', NULL, ?, ?, 0, ?)
                    """, arguments: [digest, identifier, phase])
            for (position, file) in files.enumerated() {
                try db.execute(
                    sql: "INSERT INTO erasure_journal_files VALUES ('crashed', ?, ?, ?, ?, ?)",
                    arguments: [
                        position, file["table"] as! String, file["column"] as! String, file["path"] as! String,
                        file["action"] as! String,
                    ])
            }
        }
        try state.close()
    }

    static let subjects: [[String]] = [
        ["phone:+31681234567", "email:sanne.bakker@example.nl"],
        ["email:pieter@smitinstallatie.nl", "phone:+31687654321"],
        ["email:marie@claesvertalingen.be", "phone:+32478812345"],
        ["phone:+359888912345", "email:georgi.ivanov@example.bg"],
        ["email:jan.devries@example.nl"],
        ["ip:2001:db8:85a3::8a2e:370:7334"],
    ]

    @Test(arguments: subjects)
    func aPlantedSubjectIsErasedAndNobodyElseIsTouched(_ subject: [String]) throws {
        let rowsBefore = try rows()
        let filesBefore = try files()
        let databaseBefore = try bytes("ops.db")
        // The plan changes nothing.
        let planned = try dsr(["erase", "--json"] + subject)
        #expect(planned.code == 0, "\(planned.stderr)")
        let plan = try json(planned)
        #expect(plan["applied"] as? Bool == false && plan["residue"] is NSNull)
        #expect(try bytes("ops.db") == databaseBefore)
        let digest = try #require(plan["digest"] as? String)
        // Applied with the digest read: dsr's own scan finds nothing left.
        let applied = try dsr(["erase", "--apply", "--expect", digest, "--json"] + subject)
        #expect(applied.code == 0, "\(applied.stderr)")
        let report = try json(applied)
        #expect(report["applied"] as? Bool == true)
        #expect((report["residue"] as? [String: Any])?["found"] as? Int == 0, "\(report["residue"] ?? "")")
        #expect(report["digest"] as? String == digest)
        // Rows the plan does not name are byte-identical; so are files it does not name.
        let steps = report["steps"] as! [[String: Any]]
        let touched = Set(steps.filter { $0["action"] as? String != "retain" }.map { "\($0["table"]!):\($0["key"]!)" })
        let rowsAfter = try rows()
        for (key, row) in rowsBefore where !touched.contains(key) {
            #expect(rowsAfter[key] == row, "\(key) changed")
        }
        let planFiles = Set((report["files"] as! [[String: Any]]).map { $0["path"] as! String })
        let filesAfter = try files()
        for (path, hash) in filesBefore where !planFiles.contains(path) {
            #expect(filesAfter[path] == hash, "a file the plan does not name changed")
        }
        for file in report["files"] as! [[String: Any]] where file["action"] as? String == "delete" {
            #expect(filesAfter[file["path"] as! String] == nil, "a deleted row's file is gone")
        }
        // No e-mail address of the subject is left in any byte of the database, the WAL or the state dir.
        for identifier in subject where identifier.hasPrefix("email:") {
            let address = Data(identifier.dropFirst(6).lowercased().utf8)
            for path in ["ops.db", "ops.db-wal", "state/state.db", "state/state.db-wal", "state/index.db"] {
                let url = folder.appending(path: path)
                guard let data = try? Data(contentsOf: url) else { continue }
                let lowered = Data(data.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 })
                #expect(lowered.range(of: address) == nil, "\(path) still holds the address")
            }
        }
        // The same erasure again finds nothing to do and changes nothing.
        let databaseAfter = try bytes("ops.db")
        let again = try json(try dsr(["erase", "--apply", "--json"] + subject))
        #expect((again["steps"] as! [[String: Any]]).allSatisfy { $0["action"] as? String == "retain" })
        #expect(try bytes("ops.db") == databaseAfter)
        #expect(try dsr(["audit", "verify"]).code == 0)
    }

    @Test func aMessageBodyThatStillMentionsThePersonIsReportedAndCountsAsResidue() throws {
        let subject = ["email:jan.devries@example.nl"]
        let plan = try json(try dsr(["erase", "--json"] + subject))
        let redacted = try #require((plan["files"] as! [[String: Any]]).first { $0["action"] as? String == "redact" })
        let file = folder.appending(path: "files/\(redacted["path"]!)")
        var message = try Data(contentsOf: file)
        message.append(Data("\r\n-- \r\nForwarded by jan.devries@example.nl\r\n".utf8))
        try message.write(to: file)
        let applied = try dsr(["erase", "--apply", "--json"] + subject)
        #expect(applied.code == 1, "a check found problems: \(applied.stderr)")
        let report = try json(applied)
        let mentioning = report["bodies_mentioning"] as! [[String: Any]]
        #expect(mentioning.count == 1 && mentioning.first?["key"] as? Int == redacted["key"] as? Int)
        let places = (report["residue"] as! [String: Any])["places"] as! [[String: Any]]
        #expect(places.contains { ($0["place"] as? String) == "emails \(redacted["key"]!) (file)" }, "\(places)")
        // The headers were rewritten all the same; the path never appears in the residue report.
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let head = String(text[..<text.range(of: "\r\n\r\n")!.lowerBound]).lowercased()
        #expect(!head.contains("jan.devries"))
    }

    @Test func theIndexForgetsOnlyWhatWasErasedAndTheSuppressionListKeepsHashes() throws {
        try useALargeWorkspace()
        let subject = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
        // Locate once so the index is built, then erase.
        #expect(try dsr(["locate", "--json"] + subject).code == 0)
        let applied = try json(try dsr(["erase", "--apply", "--json"] + subject))
        let pseudonymised = (applied["steps"] as! [[String: Any]]).filter {
            $0["table"] as? String == "cdrs" && $0["action"] as? String == "pseudonymise"
        }.map { $0["key"] as! Int }
        try #require(!pseudonymised.isEmpty)
        let stored = try IdentifierIndex.storedEntries(at: folder.appending(path: "state/index.db"))
        func entries(_ column: String) -> Int {
            stored.filter {
                $0.source.table == "cdrs" && $0.source.column == column && pseudonymised.contains(Int($0.entry.rid))
            }.count
        }
        let (callerEntries, forwardEntries) = (entries("caller_number"), entries("forwarded_to"))
        #expect(callerEntries == 0, "the erased caller numbers are no longer in the index")
        #expect(forwardEntries > 0, "the same rows' other columns stay indexed")
        // The owner still finds the calls forwarded to them (through the index) after the caller's erasure.
        let owner = try json(try dsr(["locate", "--json", "email:pieter@smitinstallatie.nl", "phone:+31687654321"]))
        let ownerCalls = Set(
            (owner["records"] as! [[String: Any]]).filter { $0["table"] as? String == "cdrs" }.map {
                $0["key"] as! Int
            })
        let scanned = try json(
            try dsr(["locate", "--json", "--scan", "email:pieter@smitinstallatie.nl", "phone:+31687654321"]))
        let scannedCalls = Set(
            (scanned["records"] as! [[String: Any]]).filter { $0["table"] as? String == "cdrs" }.map {
                $0["key"] as! Int
            })
        #expect(ownerCalls == scannedCalls && !ownerCalls.isEmpty)
        // The suppression list holds the erased identifiers as keyed hashes, never in plain form.
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        let hashes = try state.read { db in try String.fetchAll(db, sql: "SELECT hash FROM suppression_list") }
        try state.close()
        #expect(hashes.count >= 2 && hashes.allSatisfy { $0.count == 64 && !$0.contains("@") })
    }

    @Test func coRecipientsOfARedactedMessageAreStillFoundThroughTheIndex() throws {
        let other = ["email:info@kustlicht.example"]
        func emails(_ extra: [String]) throws -> Set<Int> {
            let found = try json(try dsr(["locate", "--json"] + other + extra))
            return Set(
                (found["records"] as! [[String: Any]]).filter { $0["table"] as? String == "emails" }.map {
                    $0["key"] as! Int
                })
        }
        // Jan only receives messages here, so the erasure redacts and deletes no row. (At demo
        // scale the index re-reads tables under 50,000 rows anyway; in a large table only the
        // erasure's precise forget — the subject's hashes, not the whole cell — keeps this true.)
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        try database.write { db in
            try db.execute(
                sql: "UPDATE emails SET from_addr = 'someone@example.org' WHERE lower(from_addr) LIKE '%devries%'")
        }
        try database.close()
        let before = try emails([])
        #expect(!before.isEmpty)
        let erased = try json(try dsr(["erase", "--apply", "--json", "email:jan.devries@example.nl"]))
        #expect((erased["steps"] as! [[String: Any]]).allSatisfy { $0["action"] as? String == "redact" })
        #expect(try emails([]) == before, "the index still finds the co-recipient's messages")
        #expect(try emails(["--scan"]) == before)
    }

    @Test func aHotJournalLeftByAKilledWriterIsRolledBackBeforeReading() throws {
        // Another writer dies with SIGKILL inside a transaction: ops.db-journal is hot, and a
        // read-only connection cannot roll it back.
        let script = """
            import os, signal, sqlite3
            pid = os.fork()
            if pid == 0:
                c = sqlite3.connect('ws/ops.db', isolation_level=None)
                c.execute('PRAGMA cache_size=1')
                c.execute('BEGIN IMMEDIATE')
                c.execute('UPDATE cdrs SET duration_s = duration_s + 1')
                os.kill(os.getpid(), signal.SIGKILL)
            os.waitpid(pid, 0)
            """
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        process.currentDirectoryURL = scratch.url
        try process.run()
        process.waitUntilExit()
        let journal = folder.appending(path: "ops.db-journal")
        try #require(((try? FileManager.default.attributesOfItem(atPath: journal.path))?[.size] as? Int ?? 0) > 0)
        let located = try dsr(["locate", "phone:+31681234567"])
        #expect(located.code == 0, "\(located.stderr)")
        #expect(!FileManager.default.fileExists(atPath: journal.path), "rolled back")
        #expect(try dsr(["erase", "--apply", "phone:+31681234567"]).code == 0)
    }

    @Test func aStaleDigestChangesNothing() throws {
        let subject = ["phone:+31681234567"]
        let before = try bytes("ops.db")
        let refused = try dsr(["erase", "--apply", "--expect", String(repeating: "0", count: 64)] + subject)
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("plan changed"))
        #expect(try bytes("ops.db") == before)
    }

    @Test func processorHeldAudioStaysWithoutTheFlagAndGoesWithIt() throws {
        let subject = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
        let plan = try json(try dsr(["erase", "--json"] + subject))
        let held = plan["processor_held"] as! [[String: Any]]
        #expect(!held.isEmpty && held.allSatisfy { ($0["controller"] as? String)?.hasPrefix("customers:") == true })
        // Without the flag the plan leaves them alone (aPlantedSubjectIsErased… checks the rows
        // stay byte for byte); with it they and their files go.
        #expect(!(plan["steps"] as! [[String: Any]]).contains { $0["table"] as? String == "recordings" })
        let full = try dsr(["erase", "--apply", "--include-processor-data", "--json"] + subject)
        #expect(full.code == 0, "\(full.stderr)")
        let deleted = (try json(full)["files"] as! [[String: Any]]).filter { $0["format"] as? String == "audio" }
        #expect(!deleted.isEmpty)
        for file in deleted {
            #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "files/\(file["path"]!)").path))
        }
        #expect(try dsr(["audit", "log"]).stdout.contains("\"include_processor_data\":true"))
    }

    @Test func pathsOutsideTheFilesRootAndLinksAreNeverFollowed() throws {
        let canary = scratch.url.appending(path: "canary.txt")
        try Data("canary".utf8).write(to: canary)
        let outside = scratch.url.appending(path: "outside.wav")
        try Data("outside".utf8).write(to: outside)
        let link = folder.appending(path: "files/link.wav")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: outside)
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        try database.write { db in
            let ids = try Int64.fetchAll(
                db,
                sql: """
                    SELECT r.id FROM recordings r JOIN cdrs c ON c.id = r.cdr_id
                    WHERE c.caller_number LIKE '%81234567' ORDER BY r.id LIMIT 2
                    """)
            try db.execute(
                sql: "UPDATE recordings SET file_path = '../../canary.txt' WHERE id = ?", arguments: [ids[0]])
            try db.execute(sql: "UPDATE recordings SET file_path = 'link.wav' WHERE id = ?", arguments: [ids[1]])
        }
        try database.close()
        let outcome = try dsr(["erase", "--apply", "--include-processor-data", "--json", "phone:+31681234567"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect(FileManager.default.fileExists(atPath: canary.path), "a ../ path is never deleted")
        #expect(FileManager.default.fileExists(atPath: outside.path), "a link is never followed")
        let refused = try json(outcome)["files_refused"] as! [[String: Any]]
        #expect(refused.count == 2, "\(refused)")
    }

    @Test func aLockedDatabaseExits75AndChangesNothing() throws {
        try shortBusyTimeout()
        let before = try bytes("ops.db")
        // Another writer holds the lock for longer than the busy timeout.
        let outcome = try whileLocked("ops.db", for: 2.5) { try dsr(["erase", "--apply", "phone:+31681234567"]) }
        #expect(outcome.code == 75, "\(outcome.stderr)")
        #expect(try bytes("ops.db") == before)
        // Nothing half done is left: no interrupted erasure to resume.
        #expect(try dsr(["erase", "--resume"]).stdout.contains("No interrupted erasure"))
    }

    @Test func aCrashBetweenTheCommitAndTheFilesIsFinishedByTheNextCommand() throws {
        // The operations commit happened (the rows are gone) but the files were not deleted yet.
        let subject = ["email:jan.devries@example.nl"]
        let plan = try json(try dsr(["erase", "--json"] + subject))
        let deleted = (plan["files"] as! [[String: Any]]).filter { $0["action"] as? String == "delete" }
        try #require(!deleted.isEmpty)
        let ops = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        try ops.write { db in
            for file in deleted {
                try db.execute(sql: "DELETE FROM emails WHERE id = ?", arguments: [file["key"] as! Int])
            }
        }
        try ops.close()
        try journal(phase: "committed", digest: plan["digest"] as! String, identifier: subject[0], files: deleted)
        for file in deleted {
            #expect(FileManager.default.fileExists(atPath: folder.appending(path: "files/\(file["path"]!)").path))
        }
        let next = try dsr(["request", "list"])
        #expect(next.code == 0, "\(next.stderr)")
        #expect(next.stderr.contains("finished the files of 1 interrupted erasure"), "\(next.stderr)")
        for file in deleted {
            #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "files/\(file["path"]!)").path))
        }
        #expect(try dsr(["erase", "--resume"]).stdout.contains("No interrupted erasure"))
    }

    func whileLocked<T>(_ file: String, for seconds: Double, _ body: () throws -> T) throws -> T {
        try workspace.whileLocked(file, for: seconds, body)
    }

    func shortBusyTimeout() throws { try workspace.shortBusyTimeout() }

    /// An erasure of the demo caller whose operations commit happened and whose index commit
    /// did not (another process holds index.db's write lock past the busy timeout, as a crash
    /// at that point would leave it), on a large workspace. Returns the subject, the index
    /// entries of her number in the rows erased (a function, read when called), and their
    /// number before, and the bytes of ops.db before the erasure.
    func anErasureStoppedBeforeTheIndex() throws -> (
        subject: [String], callerEntries: () throws -> Int, before: Int, opsBefore: Data
    ) {
        try useALargeWorkspace()
        try shortBusyTimeout()
        let subject = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
        #expect(try dsr(["locate", "--json"] + subject).code == 0)  // builds the index
        let plan = try json(try dsr(["erase", "--json"] + subject))
        let pseudonymised = (plan["steps"] as! [[String: Any]]).filter {
            $0["table"] as? String == "cdrs" && $0["action"] as? String == "pseudonymise"
        }.map { $0["key"] as! Int }
        try #require(!pseudonymised.isEmpty)
        let callerEntries = {
            try IdentifierIndex.storedEntries(at: self.folder.appending(path: "state/index.db")).filter {
                $0.source.table == "cdrs" && $0.source.column == "caller_number"
                    && pseudonymised.contains(Int($0.entry.rid))
            }.count
        }
        let before = try callerEntries()
        try #require(before > 0)
        let opsBefore = try bytes("ops.db")
        let failed = try whileLocked("state/index.db", for: 3) { try dsr(["erase", "--apply", "--yes"] + subject) }
        #expect(failed.code == 75, "\(failed.stderr)")
        #expect(try callerEntries() == before, "the index did not commit")
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        let erased = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM cdrs WHERE caller_number LIKE 'erased:%'") ?? 0
        }
        try database.close()
        #expect(erased == pseudonymised.count, "the operations database did commit")
        return (subject, callerEntries, before, opsBefore)
    }

    @Test func aCrashBeforeTheIndexForgetsIsFinishedByTheNextCommand() throws {
        let (_, callerEntries, _, _) = try anErasureStoppedBeforeTheIndex()
        // The next command finishes it from the journal: the index forgets the erased numbers.
        let next = try dsr(["request", "list"])
        #expect(next.code == 0, "\(next.stderr)")
        #expect(try callerEntries() == 0)
        #expect(try dsr(["erase", "--resume"]).stdout.contains("No interrupted erasure"))
        // The owner's calls are still all found through the index.
        let owner = try json(try dsr(["locate", "--json", "email:pieter@smitinstallatie.nl", "phone:+31687654321"]))
        let scanned = try json(
            try dsr(["locate", "--json", "--scan", "email:pieter@smitinstallatie.nl", "phone:+31687654321"]))
        #expect((owner["records"] as! [[String: Any]]).count == (scanned["records"] as! [[String: Any]]).count)
    }

    @Test func aResumeNeverForgetsEntriesWhoseRowsStillHoldTheValue() throws {
        // The same journal entry, but as if the operations commit had not happened: ops.db is
        // put back (same file) and the entry marked `planned`. A resume whose own erasure then
        // cannot run (ops.db locked) must leave every entry: the rows still hold the number.
        let (_, callerEntries, before, opsBefore) = try anErasureStoppedBeforeTheIndex()
        let handle = try FileHandle(forWritingTo: folder.appending(path: "ops.db"))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: opsBefore)
        try handle.close()
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path)
        try state.write { db in try db.execute(sql: "UPDATE erasure_journal SET phase = 'planned'") }
        try state.close()
        let resumed = try whileLocked("ops.db", for: 3) { try dsr(["erase", "--resume"]) }
        #expect(resumed.code == 75, "\(resumed.stderr)")
        #expect(try callerEntries() == before)
    }

    @Test func anInterruptedErasureIsReportedAndFinishedByResume() throws {
        // A crash after the journal entry but before the operations commit: simulated by a
        // journal entry written as erase writes it, for a subject whose data is all still there.
        let subject = ["email:jan.devries@example.nl"]
        let plan = try json(try dsr(["erase", "--json"] + subject))
        // The journal also names a file that a row still names and this erasure does not
        // touch (the data changed since, say): a resume must never delete it.
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        let stranger = try database.read { db in
            try String.fetchOne(
                db, sql: "SELECT file_path FROM emails WHERE lower(from_addr || to_addrs) NOT LIKE '%devries%' LIMIT 1")
        }
        try database.close()
        let strangerPath = try #require(stranger)
        try journal(
            phase: "planned", digest: plan["digest"] as! String, identifier: subject[0],
            files: plan["files"] as! [[String: Any]] + [
                ["table": "emails", "column": "file_path", "path": strangerPath, "action": "delete"]
            ])
        let status = try dsr(["status"])
        #expect(status.code == 1 && status.stdout.contains("erase --resume"), "\(status.stdout)")
        let resumed = try dsr(["erase", "--resume", "--json"])
        #expect(resumed.code == 0, "\(resumed.stderr)")
        // The same end state as an uninterrupted run: nothing left to erase, files done.
        let again = try json(try dsr(["erase", "--json"] + subject))
        #expect((again["steps"] as! [[String: Any]]).isEmpty)
        for file in plan["files"] as! [[String: Any]] where file["action"] as? String == "delete" {
            #expect(!FileManager.default.fileExists(atPath: folder.appending(path: "files/\(file["path"]!)").path))
        }
        #expect(!(try dsr(["status"]).stdout.contains("erase --resume")))
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "files/\(strangerPath)").path))
    }

    @Test func anErasureRequestMustBeVerifiedAndIsClosedWithItsOutcome() throws {
        let opened = try dsr(["request", "open", "--type", "erasure", "email:jan.devries@example.nl"])
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(try dsr(["erase", "--request", id, "--apply"]).code == 65, "not verified")
        #expect(try dsr(["request", "verify", id, "--method", "ID card"]).code == 0)
        let applied = try dsr(["erase", "--request", id, "--apply"])
        #expect(applied.code == 0, "\(applied.stderr)")
        let shown = try dsr(["request", "show", id, "--json"]).stdout
        #expect(shown.contains("\"closed\"") && shown.contains("completed"), "\(shown)")
        // The state dir keeps the subject only as keyed hashes.
        for path in ["state/state.db", "state/state.db-wal"] {
            let data = (try? Data(contentsOf: folder.appending(path: path))) ?? Data()
            #expect(data.range(of: Data("jan.devries@example.nl".utf8)) == nil, "\(path)")
        }
    }
}
