import Foundation
import GRDB
import Testing

/// Exit codes as CONTRACT.md section 5 defines them, where they used to be wrong (issue 9, item 10).
@Suite struct ExitCodeEndToEndTests {
    let scratch: ScratchFolder
    var config: String { scratch.url.appending(path: "ws/dsr.yaml").path }
    static let subject = "phone:+31681234567"

    init() throws {
        scratch = try ScratchFolder()
        let demo = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "12", "--calls", "1000", "--seed", "4"], in: scratch.url)
        try #require(demo.code == 0, "\(demo.stderr)")
    }

    func dsr(_ arguments: String...) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments, in: scratch.url, environment: ["DSR_CONFIG": config])
    }

    @Test func aTableTheMapNamesButTheDatabaseLacksIsBadData() throws {
        let queue = try DatabaseQueue(path: scratch.url.appending(path: "ws/ops.db").path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "DROP TABLE voicemails") }
        try queue.close()
        for arguments in [["locate", Self.subject], ["locate", "--scan", Self.subject], ["export", Self.subject]] {
            let outcome = try DSRProcess.run(arguments, in: scratch.url, environment: ["DSR_CONFIG": config])
            #expect(outcome.code == 65, "\(arguments): \(outcome.code) \(outcome.stderr)")
            #expect(outcome.stderr.contains("voicemails"), "\(arguments): \(outcome.stderr)")
        }
    }

    @Test func aMissingPasswordFileIsAMissingInput() throws {
        let missing = try dsr("export", Self.subject, "--encrypt", "--password-file", "nowhere.txt")
        #expect(missing.code == 66, "\(missing.stderr)")
        #expect(missing.stderr.contains("nowhere.txt"))
        try Data("\n".utf8).write(to: scratch.url.appending(path: "empty.txt"))
        let empty = try dsr("export", Self.subject, "--encrypt", "--password-file", "empty.txt")
        #expect(empty.code == 65, "\(empty.stderr)")
    }

    @Test func overwritingHasItsOwnFlag() throws {
        #expect(try dsr("export", Self.subject, "-o", "out.zip").code == 0)
        let again = try dsr("export", Self.subject, "-o", "out.zip", "--force")
        #expect(again.code == 73, "\(again.stderr)")
        #expect(again.stderr.contains("--overwrite"))
        let before = try Data(contentsOf: scratch.url.appending(path: "out.zip"))
        let replaced = try dsr("export", Self.subject, "-o", "out.zip", "--overwrite")
        #expect(replaced.code == 0, "\(replaced.stderr)")
        let path = scratch.url.appending(path: "out.zip").path
        let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        #expect(try Data(contentsOf: scratch.url.appending(path: "out.zip")) != before, "a new archive (new time)")
    }

    @Test func aClosedRequestSaysItsIdentifiersWereForgotten() throws {
        let opened = try dsr("request", "open", "--type", "access", Self.subject, "--json")
        let id = try #require(
            (try JSONSerialization.jsonObject(with: Data(opened.stdout.utf8)) as? [String: Any])?["id"] as? String)
        #expect(try dsr("request", "close", id, "--outcome", "completed").code == 0)
        let outcome = try dsr("export", "--request", id, "--force")
        #expect(outcome.code == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("replaced by keyed hashes") && outcome.stderr.contains("give them again"))
    }

    @Test func filesThatCannotBeIncludedAreListedAndExitOne() throws {
        let located = try dsr("locate", "--json", Self.subject)
        let document = try JSONSerialization.jsonObject(with: Data(located.stdout.utf8)) as! [String: Any]
        let recordings = (document["files"] as! [[String: Any]]).filter {
            $0["table"] as? String == "recordings" && $0["status"] as? String == "ok"
        }
        try #require(recordings.count >= 2)
        let missing = recordings[0]
        let refused = recordings[1]
        try FileManager.default.removeItem(
            at: scratch.url.appending(path: "ws/files/" + (missing["path"] as! String)))
        let queue = try DatabaseQueue(path: scratch.url.appending(path: "ws/ops.db").path)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE recordings SET file_path = '../../outside.wav' WHERE id = ?",
                arguments: [refused["key"] as! Int])
        }
        try queue.close()
        let outcome = try dsr("export", Self.subject, "--include-processor-data", "-o", "gaps.zip", "--json")
        #expect(outcome.code == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("recordings \(missing["key"]!): not in the archive: the file is missing"))
        #expect(outcome.stderr.contains("recordings \(refused["key"]!): not in the archive: its path leaves"))
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        #expect((report["files_left_out"] as? [[String: Any]])?.count == 2, "\(outcome.stdout)")
        let bsdtar = Process()
        bsdtar.executableURL = URL(filePath: "/usr/bin/bsdtar")
        bsdtar.arguments = ["-xf", "gaps.zip", "letter.txt"]
        bsdtar.currentDirectoryURL = scratch.url
        try bsdtar.run()
        bsdtar.waitUntilExit()
        let extracted = try String(contentsOf: scratch.url.appending(path: "letter.txt"), encoding: .utf8)
        #expect(extracted.contains("Call recordings \(missing["key"]!): the file is missing from our storage"))
        #expect(extracted.contains("Call recordings \(refused["key"]!): its stored location is not valid"))
        let allowed = try dsr(
            "export", Self.subject, "--include-processor-data", "-o", "gaps2.zip", "--allow-missing-files")
        #expect(allowed.code == 0, "\(allowed.stderr)")
        #expect(allowed.stderr.contains("not in the archive"), "listed either way")
    }
}
