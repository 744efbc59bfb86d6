import Foundation
import Testing

/// A failure of a step a test depends on (a command that should have worked).
struct AuditStepFailure: Error, CustomStringConvertible {
    var description: String
}

/// A small demo workspace whose audit trail is driven through the built binary and
/// inspected or tampered with through the sqlite3 CLI, as an attacker with file access would.
final class AuditWorkspace: Sendable {
    let scratch: ScratchFolder

    /// The workspace folder inside the scratch folder.
    var folder: URL { scratch.url.appending(path: "ws") }
    /// dsr's state folder: state.db, its -wal and -shm, index.db, the secret.
    var stateDir: URL { folder.appending(path: "state") }
    /// dsr's state database.
    var stateDatabase: URL { stateDir.appending(path: "state.db") }

    /// Makes `dsr demo --dir ws --customers 10 --calls 2000` in a fresh scratch folder.
    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "10", "--calls", "2000"], in: scratch.url)
        guard outcome.code == 0 else { throw AuditStepFailure(description: "demo: \(outcome.code) \(outcome.stderr)") }
    }

    /// Runs `dsr ARGUMENTS --config ws/dsr.yaml` as actor `dpo`.
    @discardableResult
    func dsr(_ arguments: [String], actor: String = "dpo") throws -> DSRProcess.Outcome {
        try DSRProcess.run(
            arguments + ["--config", "ws/dsr.yaml"], in: scratch.url, environment: ["DSR_ACTOR": actor])
    }

    /// Runs a command that must succeed and returns its standard output.
    @discardableResult
    func must(_ arguments: [String]) throws -> String {
        let outcome = try dsr(arguments)
        guard outcome.code == 0 else {
            throw AuditStepFailure(
                description: "dsr \(arguments.joined(separator: " ")): \(outcome.code) \(outcome.stderr)")
        }
        return outcome.stdout
    }

    /// Runs SQL on the state database through the sqlite3 CLI; returns its output.
    @discardableResult
    func sqlite(_ sql: String, json: Bool = false) throws -> String {
        let outcome = try Tool.run(
            "/usr/bin/sqlite3", (json ? ["-json"] : []) + [stateDatabase.path(percentEncoded: false), sql])
        guard outcome.code == 0 else { throw AuditStepFailure(description: "sqlite3: \(outcome.stderr)") }
        return outcome.stdout
    }

    /// `dsr audit verify --json [--head HEAD]`: the exit code and the report.
    func verify(head: String? = nil) throws -> (code: Int32, report: [String: Any]) {
        let outcome = try dsr(["audit", "verify", "--json"] + (head.map { ["--head", $0] } ?? []))
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        guard let report else { throw AuditStepFailure(description: "verify printed no report: \(outcome.stderr)") }
        return (outcome.code, report)
    }

    /// `dsr audit log --json`, parsed.
    func entries() throws -> [[String: Any]] {
        let json = try JSONSerialization.jsonObject(with: Data(try must(["audit", "log", "--json"]).utf8))
        return json as? [[String: Any]] ?? []
    }

    /// The sequence numbers of the trail as stored, in order.
    func storedSeqs() throws -> [Int] {
        try sqlite("SELECT seq FROM audit_log ORDER BY seq").split(separator: "\n").compactMap { Int($0) }
    }
}

/// Runs a tool other than dsr and collects its output.
enum Tool {
    static func run(_ executable: String, _ arguments: [String], in directory: URL? = nil) throws
        -> DSRProcess.Outcome
    {
        let process = Process()
        process.executableURL = URL(filePath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let files = try ScratchFolder()
        let out = files.url.appending(path: "out")
        let err = files.url.appending(path: "err")
        _ = FileManager.default.createFile(atPath: out.path(percentEncoded: false), contents: nil)
        _ = FileManager.default.createFile(atPath: err.path(percentEncoded: false), contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return DSRProcess.Outcome(
            code: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8),
            stderr: try String(contentsOf: err, encoding: .utf8))
    }
}

/// `dsr audit verify` on a trail tampered with through the sqlite3 CLI: it must fail at the
/// right sequence number with the right kind of damage, and `--head` must catch what the
/// chain alone cannot (a cut tail, a history rewritten with recomputed hashes).
@Suite struct AuditTamperingTests {
    let workspace: AuditWorkspace
    /// `dsr audit head` after the trail was built: what the DPO keeps elsewhere.
    let keptHead: String

    /// A fresh demo workspace per test with a trail of 8 entries:
    /// 1 request.open, 2 request.verify, 3 locate --request, 4 request.open, 5 locate,
    /// 6 request.extend, 7 request.close, 8 request.forget_identifiers.
    init() throws {
        workspace = try AuditWorkspace()
        let first = try workspace.must(["request", "open", "--type", "erasure", "phone:+31681234567"])
        let firstID = String(first.prefix { $0 != " " })
        try workspace.must(["request", "verify", firstID, "--method", "ID card seen at the counter"])
        try workspace.must(["locate", "--request", firstID])
        let second = try workspace.must(["request", "open", "--type", "access", "email:jan.devries@example.nl"])
        let secondID = String(second.prefix { $0 != " " })
        try workspace.must(["locate", "email:jan.devries@example.nl"])
        try workspace.must(["request", "extend", secondID, "--reason", "many recordings to review"])
        try workspace.must(["request", "close", firstID, "--outcome", "completed"])
        keptHead = try workspace.must(["audit", "head"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let actions = try workspace.entries().map { $0["action"] as? String ?? "?" }
        guard
            actions == [
                "request.open", "request.verify", "locate", "request.open", "locate", "request.extend",
                "request.close", "request.forget_identifiers",
            ], keptHead.hasPrefix("8:")
        else { throw AuditStepFailure(description: "unexpected trail \(actions), head \(keptHead)") }
    }

    /// Expects `verify` to fail with exit 1 at `seq` with `damage`, as JSON and as text.
    func expectBroken(
        at seq: Int, _ damage: String, head: String? = nil, sourceLocation: SourceLocation = #_sourceLocation
    )
        throws
    {
        let (code, report) = try workspace.verify(head: head)
        #expect(code == 1, sourceLocation: sourceLocation)
        #expect(report["intact"] as? Bool == false, sourceLocation: sourceLocation)
        #expect(report["first_bad_seq"] as? Int == seq, "\(report)", sourceLocation: sourceLocation)
        #expect(report["damage"] as? String == damage, "\(report)", sourceLocation: sourceLocation)
        let text = try workspace.dsr(["audit", "verify"] + (head.map { ["--head", $0] } ?? []))
        #expect(text.code == 1, sourceLocation: sourceLocation)
        #expect(text.stdout.contains("entry \(seq): \(damage)"), "\(text.stdout)", sourceLocation: sourceLocation)
    }

    /// Expects `verify` to pass with exit 0 over `entries` entries.
    func expectIntact(entries: Int, head: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (code, report) = try workspace.verify(head: head)
        #expect(code == 0, "\(report)", sourceLocation: sourceLocation)
        #expect(report["intact"] as? Bool == true, sourceLocation: sourceLocation)
        #expect(report["entries"] as? Int == entries, sourceLocation: sourceLocation)
        #expect(report["first_bad_seq"] == nil && report["damage"] == nil, sourceLocation: sourceLocation)
    }

    @Test func anUntouchedTrailVerifiesWithAndWithoutTheHead() throws {
        try expectIntact(entries: 8)
        try expectIntact(entries: 8, head: keptHead)
        let (_, report) = try workspace.verify()
        #expect(report["head"] as? String == keptHead)
        // The trail grows on: an older kept head still verifies.
        try workspace.must(["locate", "phone:+31681234567"])
        try expectIntact(entries: 9, head: keptHead)
        try expectIntact(entries: 9, head: "0:" + String(repeating: "0", count: 64))
    }

    @Test func changingOneFieldOfAnEntryIsAltered() throws {
        try workspace.sqlite("UPDATE audit_log SET actor = 'mallory' WHERE seq = 4")
        try expectBroken(at: 4, "altered")
        try expectBroken(at: 4, "altered", head: keptHead)
    }

    @Test func changingTheDetailsOfAnEntryIsAltered() throws {
        try workspace.sqlite("UPDATE audit_log SET details = '{}' WHERE seq = 5")
        try expectBroken(at: 5, "altered")
    }

    @Test func deletingAnEntryIsRemoved() throws {
        try workspace.sqlite("DELETE FROM audit_log WHERE seq = 4")
        try expectBroken(at: 4, "removed")
        try expectBroken(at: 4, "removed", head: keptHead)
    }

    @Test func deletingTheFirstEntryIsRemoved() throws {
        try workspace.sqlite("DELETE FROM audit_log WHERE seq = 1")
        try expectBroken(at: 1, "removed")
    }

    @Test func deletingAnEntryAndRenumberingTheRestIsRemoved() throws {
        // A forger closes the gap: 5... become 4...; entry 4 now links to a hash nowhere in the trail.
        try workspace.sqlite(
            """
            DELETE FROM audit_log WHERE seq = 4;
            UPDATE audit_log SET seq = seq + 1000 WHERE seq > 4;
            UPDATE audit_log SET seq = seq - 1001 WHERE seq > 1000;
            """)
        #expect(try workspace.storedSeqs() == Array(1...7))
        // Known issue: seq is part of the hashed content, so a renumbered entry never has intact
        // content, the "gap renumbered around" branch of AuditVerifier.chainDamage cannot fire,
        // and the fallback reports "altered" at 4.
        try expectBroken(at: 4, "removed")
    }

    @Test func insertingACorrectlyHashedEntryInTheMiddleIsInserted() throws {
        // The forger gives the new entry 4 a valid hash linked to 3; the old 4, now 5, still links to 3.
        try workspace.sqlite(
            """
            UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4;
            UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000;
            INSERT INTO audit_log (seq, at, actor, request_id, action, subjects, details, previous_hash, hash)
            SELECT 4, at, actor, request_id, action, subjects, details, hash, '' FROM audit_log WHERE seq = 3;
            """)
        try rehash(from: 4, through: 4)
        // Known issue: chainDamage accepts the forged 4, then finds 5 unlinked and, as its content
        // no longer matches (renumbered), reports "altered" at 5 rather than "inserted" at 4.
        try expectBroken(at: 4, "inserted")
    }

    @Test func insertingAnEntryInTheMiddleIsInserted() throws {
        // Make room at 4 (in two steps, so that no two rows share a seq on the way), then slip
        // in a copy of entry 3 that links to 3 and carries a made-up hash.
        try workspace.sqlite(
            """
            UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4;
            UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000;
            INSERT INTO audit_log (seq, at, actor, request_id, action, subjects, details, previous_hash, hash)
            SELECT 4, at, actor, request_id, action, subjects, details, hash, lower(hex(randomblob(32)))
            FROM audit_log WHERE seq = 3;
            """)
        #expect(try workspace.storedSeqs() == Array(1...9))
        try expectBroken(at: 4, "inserted")
    }

    @Test func insertingAnExactCopyOfTheEntryBeforeIsInserted() throws {
        // The copy keeps entry 3's own link and hash: only the chain around it betrays it.
        try workspace.sqlite(
            """
            UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 4;
            UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000;
            INSERT INTO audit_log (seq, at, actor, request_id, action, subjects, details, previous_hash, hash)
            SELECT 4, at, actor, request_id, action, subjects, details, previous_hash, hash
            FROM audit_log WHERE seq = 3;
            """)
        try expectBroken(at: 4, "inserted")
    }

    @Test func swappingTwoEntriesIsReordered() throws {
        try workspace.sqlite(
            """
            UPDATE audit_log SET seq = -5 WHERE seq = 5;
            UPDATE audit_log SET seq = 5 WHERE seq = 4;
            UPDATE audit_log SET seq = 4 WHERE seq = -5;
            """)
        #expect(try workspace.storedSeqs() == Array(1...8))
        try expectBroken(at: 4, "reordered")
        try expectBroken(at: 4, "reordered", head: keptHead)
    }

    @Test func swappingTheLastTwoEntriesIsReordered() throws {
        try workspace.sqlite(
            """
            UPDATE audit_log SET seq = -8 WHERE seq = 8;
            UPDATE audit_log SET seq = 8 WHERE seq = 7;
            UPDATE audit_log SET seq = 7 WHERE seq = -8;
            """)
        try expectBroken(at: 7, "reordered")
    }

    @Test func truncatingTheTailIsCaughtOnlyWithTheHead() throws {
        try workspace.sqlite("DELETE FROM audit_log WHERE seq >= 6")
        // The chain that is left is intact: without the kept head nobody can tell.
        try expectIntact(entries: 5)
        try expectBroken(at: 6, "truncated", head: keptHead)
    }

    @Test func emptyingTheTrailIsCaughtWithTheHead() throws {
        try workspace.sqlite("DELETE FROM audit_log")
        try expectIntact(entries: 0)
        try expectBroken(at: 1, "truncated", head: keptHead)
    }

    @Test func changingTheEntryAtTheKeptHeadWithoutRehashingIsAltered() throws {
        // Its content no longer matches its own hash, which the chain walk sees before the
        // head is compared: altered, with or without --head.
        try workspace.sqlite("UPDATE audit_log SET actor = 'mallory' WHERE seq = 8")
        try expectBroken(at: 8, "altered")
        try expectBroken(at: 8, "altered", head: keptHead)
    }

    @Test func rewritingHistoryWithRecomputedHashesIsCaughtOnlyWithTheHead() throws {
        // A forger who knows the encoding rewrites entry 7 and rehashes 7 and 8: the chain
        // itself is consistent again, but the entry at the kept head has another hash.
        try workspace.sqlite("UPDATE audit_log SET actor = 'mallory' WHERE seq = 7")
        try rehash(from: 7)
        try expectIntact(entries: 8)
        try expectBroken(at: 8, "rewritten", head: keptHead)
    }

    /// Recomputes the hash of every entry from `seq` through `last`, relinking each to the one before,
    /// with the canonical encoding of `AuditEntry` and `sha256sum`.
    func rehash(from seq: Int, through last: Int = .max) throws {
        let json = try workspace.sqlite(
            "SELECT * FROM audit_log WHERE seq BETWEEN \(seq - 1) AND \(last) ORDER BY seq", json: true)
        var rows = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        var previous = rows.removeFirst()["hash"] as? String ?? ""
        for row in rows {
            let fields: [(String, String)] = [
                ("seq", "\(row["seq"]!)"), ("at", row["at"] as? String ?? ""), ("actor", row["actor"] as? String ?? ""),
                ("request", row["request_id"] as? String ?? ""), ("action", row["action"] as? String ?? ""),
                ("subjects", row["subjects"] as? String ?? ""), ("details", row["details"] as? String ?? ""),
                ("previous", previous),
            ]
            func escape(_ value: String) -> String {
                value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                    .replacingOccurrences(of: "\r", with: "\\r")
            }
            let content = fields.map { "\($0.0)=\(escape($0.1))" }.joined(separator: "\n")
            let file = workspace.scratch.url.appending(path: "content")
            try Data(content.utf8).write(to: file)
            let digest = try Tool.run("/usr/bin/sha256sum", [file.path(percentEncoded: false)])
            let hash = String(digest.stdout.prefix(64))
            try workspace.sqlite(
                "UPDATE audit_log SET previous_hash = '\(previous)', hash = '\(hash)' WHERE seq = \(row["seq"]!)")
            previous = hash
        }
    }
}
