import Foundation
import GRDB
import Testing

@Suite struct WorkspaceEndToEndTests {
    let scratch: ScratchFolder
    init() throws { scratch = try ScratchFolder() }

    func mode(_ relative: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(
            atPath: scratch.url.appending(path: relative).path(percentEncoded: false))
        return (attributes[.posixPermissions] as! NSNumber).intValue & 0o777
    }

    @Test func initWritesOwnerOnlyStateAndRefusesTwice() throws {
        let first = try DSRProcess.run(["init", "--dir", "ws"], in: scratch.url)
        #expect(first.code == 0, "\(first.stderr)")
        #expect(try mode("ws/state") == 0o700)
        #expect(try mode("ws/state/secret.key") == 0o600)
        let key = try Data(contentsOf: scratch.url.appending(path: "ws/state/secret.key"))
        #expect(key.count == 32)

        let second = try DSRProcess.run(["init", "--dir", "ws"], in: scratch.url)
        #expect(second.code == 73)
        let forced = try DSRProcess.run(["init", "--dir", "ws", "--force"], in: scratch.url)
        #expect(forced.code == 0)
        #expect(try Data(contentsOf: scratch.url.appending(path: "ws/state/secret.key")) == key)
    }

    /// A tiny operations database plus a workspace whose busy timeout is short.
    func makeWorkspace() throws -> URL {
        let database = scratch.url.appending(path: "ops.db")
        let queue = try DatabaseQueue(path: database.path(percentEncoded: false))
        try queue.write { db in try db.execute(sql: "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)") }
        try queue.close()
        #expect(try DSRProcess.run(["init", "--dir", "."], in: scratch.url).code == 0)
        let config = scratch.url.appending(path: "dsr.yaml")
        let text = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "busy_timeout_seconds: 5", with: "busy_timeout_seconds: 0.2")
        try Data(text.utf8).write(to: config)
        return database
    }

    @Test func aDatabaseLockedByAnotherProcessGivesExit75() throws {
        let database = try makeWorkspace()
        let holder = try DatabaseQueue(path: database.path(percentEncoded: false))
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN EXCLUSIVE")
            try db.execute(sql: "INSERT INTO customers VALUES (1, 'held')")
            defer { try? db.execute(sql: "ROLLBACK") }
            let outcome = try DSRProcess.run(["status"], in: scratch.url)
            #expect(outcome.code == 75)
            #expect(outcome.stderr.contains("locked"))
            #expect(outcome.stderr.contains("ops.db"))
        }
        // Once the lock is gone the same command works (it reports the missing tables: exit 1).
        let after = try DSRProcess.run(["status"], in: scratch.url)
        #expect(after.code == 1)
        #expect(after.stdout.contains("customers         0"))
    }

    @Test func statusJSONIsOneDocumentOnStdout() throws {
        _ = try makeWorkspace()
        let outcome = try DSRProcess.run(["status", "--json"], in: scratch.url)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(object?["tables"] is [Any])
        #expect((object?["problems"] as? [Any])?.isEmpty == false)
    }

    @Test func demoForceNeverReplacesDataItDidNotMake() throws {
        let database = try makeWorkspace()
        let before = try Data(contentsOf: database)
        let outcome = try DSRProcess.run(
            ["demo", "--dir", ".", "--calls", "1000", "--customers", "10", "--force"], in: scratch.url)
        #expect(outcome.code == 73)
        #expect(outcome.stderr.contains("did not make"))
        #expect(try Data(contentsOf: database) == before)
    }

    @Test func demoWithBadOptionsIsAUsageErrorAndWritesNothing() throws {
        let outcome = try DSRProcess.run(["demo", "--dir", "ws", "--calls", "5"], in: scratch.url)
        #expect(outcome.code == 64)
        #expect(outcome.stderr.contains("calls"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "ws").path))
    }

    @Test func demoRefusesAnExistingWorkspaceWithoutForce() throws {
        let args = ["demo", "--dir", "ws", "--customers", "10", "--calls", "1000"]
        #expect(try DSRProcess.run(args, in: scratch.url).code == 0)
        let key = try Data(contentsOf: scratch.url.appending(path: "ws/state/secret.key"))
        let again = try DSRProcess.run(args, in: scratch.url)
        #expect(again.code == 73)
        #expect(again.stderr.contains("--force"))
        let forced = try DSRProcess.run(args + ["--force", "--json"], in: scratch.url)
        #expect(forced.code == 0)
        #expect(try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) is [String: Any])
        #expect(try Data(contentsOf: scratch.url.appending(path: "ws/state/secret.key")) == key)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.url.appending(path: "ws").path)
            .filter { $0.hasPrefix(".dsr-demo-partial") }
        #expect(FileManager.default.fileExists(atPath: scratch.url.appending(path: "ws/.dsr-demo").path))
        #expect(leftovers.isEmpty)
        let status = try DSRProcess.run(["status", "--config", "ws/dsr.yaml"], in: scratch.url)
        #expect(status.code == 0, "\(status.stdout)")
    }
}
