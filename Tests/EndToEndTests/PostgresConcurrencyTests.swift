import Foundation
import Testing

/// Issue 14: dsr beside other writers on one PostgreSQL database. An export reads one
/// snapshot, whatever commits while it runs; an erasure racing a writer on the same rows
/// waits for it (its rows are locked) and then retries on the new state, so it applies
/// wholly or not at all.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct PostgresConcurrencyTests {
    static let sanne = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
    /// Sanne's calls, whatever form her number was stored in.
    static let sanneCalls = "regexp_replace(caller_number, '[^0-9]', '', 'g') LIKE '%681234567'"

    /// The writer's change: longer calls for Sanne, her recordings retimed, and a new call.
    static let change = """
        UPDATE cdrs SET duration_s = duration_s + 100 WHERE \(sanneCalls);
        UPDATE recordings SET duration_s = coalesce(duration_s, 0) + 7 WHERE cdr_id IN (SELECT id FROM cdrs WHERE \(sanneCalls));
        INSERT INTO cdrs (id, service_number, caller_number, caller_withheld, started_at, duration_s)
            SELECT max(id) + 1, (SELECT service_number FROM cdrs WHERE \(sanneCalls) LIMIT 1), '+31681234567', 0,
                   '2026-11-30T12:00:00Z', 61 FROM cdrs;
        """

    /// The record files of an archive (`data/`), which depend on the rows read only (the page,
    /// the letter and the manifest carry the time of the export).
    static func records(of archive: URL) throws -> [String: Data] {
        let folder = FileManager.default.temporaryDirectory.appending(path: "dsr-extract-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try #require(
            try DSRProcess.execute(
                URL(filePath: "/usr/bin/bsdtar"), ["-xf", archive.path, "-C", folder.path], in: nil, timeout: 60))
        try #require(outcome.code == 0, "bsdtar: \(outcome.stderr)")
        let data = folder.appending(path: "data")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: data.path) {
            files[name] = try Data(contentsOf: data.appending(path: name))
        }
        return files
    }

    @Test func aWriterCommittingDuringAnExportDoesNotChangeTheArchive() throws {
        let workspace = try BackendWorkspace(.postgres)
        let database = try #require(workspace.database)
        let folder = workspace.scratch.url
        let before = try workspace.dsr(["export"] + Self.sanne + ["-o", "before.zip"])
        try #require(before.code == 0, "\(before.stderr)")

        // The writer locks the calls table, so the export, once its snapshot is taken, waits
        // on its first read of it; the writer then changes Sanne's rows and commits.
        let writer = try PsqlSession(database: database)
        writer.send("BEGIN; LOCK TABLE cdrs IN ACCESS EXCLUSIVE MODE;")
        try writer.waitUntilIdleInTransaction()
        let export = try BackgroundProcess(
            DSRProcess.binary, ["export"] + Self.sanne + ["-o", "during.zip", "--config", "ws/dsr.yaml"],
            in: folder, environment: PostgresTestServer.environment)
        try PostgresTestServer.waitUntil("the export waiting inside its snapshot", database: database) {
            """
            SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND wait_event_type = 'Lock' \
            AND backend_xmin IS NOT NULL AND application_name <> '\(writer.name)'
            """
        }
        writer.send(Self.change + "COMMIT;")
        let written = try writer.finish()
        #expect(written.code == 0, "\(written.output)")
        let during = export.wait()
        try #require(during.code == 0, "\(during.stderr)")
        let after = try workspace.dsr(["export"] + Self.sanne + ["-o", "after.zip"])
        try #require(after.code == 0, "\(after.stderr)")

        let first = try Self.records(of: folder.appending(path: "before.zip"))
        #expect(first.count >= 4, "the export holds Sanne's records: \(first.keys.sorted())")
        #expect(
            try Self.records(of: folder.appending(path: "during.zip")) == first, "one snapshot: the archive as before")
        // The change is there for the next export: the comparison above can fail.
        let last = try Self.records(of: folder.appending(path: "after.zip"))
        #expect(last["cdrs.csv"] != first["cdrs.csv"] && last["recordings.csv"] != first["recordings.csv"])
    }

    @Test func anErasureRacingAWriterOnItsRowsWaitsAndAppliesWhole() throws {
        // The race: the writer holds Sanne's rows locked (changed, not committed) when the
        // erasure starts; the erasure waits on its row locks, the writer commits, the erasure's
        // snapshot is then stale (40001) and it runs again on the new rows.
        let raced = try BackendWorkspace(.postgres)
        let database = try #require(raced.database)
        let writer = try PsqlSession(database: database)
        writer.send("BEGIN;\n" + Self.change)
        try writer.waitUntilIdleInTransaction()
        let erase = try BackgroundProcess(
            DSRProcess.binary, ["erase", "--apply", "--yes", "--json"] + Self.sanne + ["--config", "ws/dsr.yaml"],
            in: raced.scratch.url, environment: PostgresTestServer.environment)
        try PostgresTestServer.waitForLockWaiter(database: database, except: writer)
        usleep(200_000)
        writer.send("COMMIT;")
        let written = try writer.finish()
        #expect(written.code == 0, "\(written.output)")
        let erased = erase.wait()
        try #require(erased.code == 0, "the erasure retried and applied: \(erased.stderr)")

        // The same change committed first, then the same erasure: the same tables, row for row.
        let sequential = try BackendWorkspace(.postgres)
        try PostgresTestServer.psql(Self.change, database: try #require(sequential.database))
        let alone = try sequential.dsr(["erase", "--apply", "--yes", "--json"] + Self.sanne)
        try #require(alone.code == 0, "\(alone.stderr)")
        #expect(try raced.dump() == sequential.dump(), "the raced erasure applied whole, to the writer's rows too")
        // The writer's new call was erased too: the retry planned again on the new rows.
        let new = try PostgresTestServer.psql(
            "SELECT caller_number FROM cdrs ORDER BY id DESC LIMIT 1", database: database)
        #expect(new.hasPrefix("erased:"), "the call the writer added: \(new)")
        let records =
            try JSONSerialization.jsonObject(
                with: Data(try raced.dsr(["locate", "--json"] + Self.sanne).stdout.utf8)) as? [String: Any]
        #expect((records?["records"] as? [Any])?.isEmpty == true, "nothing of Sanne is found afterwards")
        // No journal entry of the rolled-back attempt is left for a resume to take for a crash.
        let journal = try #require(
            try DSRProcess.execute(
                URL(filePath: "/usr/bin/sqlite3"), ["ws/state/state.db", "SELECT count(*) FROM erasure_journal"],
                in: raced.scratch.url, timeout: 60))
        #expect(journal.stdout == "0\n", "erasure journal entries left: \(journal.stdout) \(journal.stderr)")
    }
}

/// A process started and waited for later, its output in temporary files.
final class BackgroundProcess {
    private let process = Process()
    private let out: URL
    private let err: URL
    private let exited = DispatchSemaphore(value: 0)

    init(_ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]) throws {
        out = FileManager.default.temporaryDirectory.appending(path: "bg-out-\(UUID().uuidString)")
        err = FileManager.default.temporaryDirectory.appending(path: "bg-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DSR_CONFIG")
        process.environment = env.merging(environment) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }

    /// Waits (at most two minutes, then kills it) and returns its outcome.
    func wait() -> DSRProcess.Outcome {
        if exited.wait(timeout: .now() + 120) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
        }
        return DSRProcess.Outcome(
            code: process.terminationStatus,
            stdout: String(decoding: (try? Data(contentsOf: out)) ?? Data(), as: UTF8.self),
            stderr: String(decoding: (try? Data(contentsOf: err)) ?? Data(), as: UTF8.self))
    }
}
