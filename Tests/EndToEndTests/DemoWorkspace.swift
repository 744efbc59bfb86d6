import Foundation
import GRDB
import Testing

/// A demo workspace in a scratch folder (`ws/`), the real binary run on it, and what tests
/// read back: every row, every file, the JSON of a run.
struct DemoWorkspace {
    let scratch: ScratchFolder
    var folder: URL { scratch.url.appending(path: "ws") }

    /// `dsr demo` with `customers` customers and `calls` call records (past 50,000 the index
    /// no longer re-indexes the cdrs table on every change, so what it learnt or forgot shows).
    init(customers: Int = 12, calls: Int = 3000, seed: Int? = nil) throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", String(customers), "--calls", String(calls)]
                + (seed.map { ["--seed", String($0)] } ?? []), in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
    }

    /// Replaces the workspace with a new demo of `calls` call records.
    func remake(customers: Int = 12, calls: Int) throws {
        try FileManager.default.removeItem(at: folder)
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", String(customers), "--calls", String(calls)], in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
    }

    /// Runs `dsr` on the workspace.
    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments + ["--config", "ws/dsr.yaml"], in: scratch.url)
    }

    /// The JSON document a run printed.
    func json(_ outcome: DSRProcess.Outcome) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any], "\(outcome.stderr)")
    }

    /// Every row of every table of ops.db as text, keyed by `table:key` (the key as `--json` prints it).
    func rows() throws -> [String: String] { try Self.rows(in: folder) }

    /// Every row of every table of the ops.db in workspace `folder`, keyed as ``rows()``.
    static func rows(in folder: URL) throws -> [String: String] {
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        defer { try? database.close() }
        return try database.read { db in
            var all: [String: String] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") {
                let key = table == "service_numbers" ? "number" : "id"
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \(table)") {
                    let value: DatabaseValue = row[key]
                    let text: String
                    switch value.storage {
                    case .string(let string): text = string
                    case .int64(let number): text = String(number)
                    default: text = value.description
                    }
                    all["\(table):\(text)"] = row.description
                }
            }
            return all
        }
    }

    /// The bytes of every file under the files root, by relative path.
    func files() throws -> [String: Data] { try Self.files(in: folder) }

    /// The bytes of every file under the files root of the workspace in `folder`.
    static func files(in folder: URL) throws -> [String: Data] {
        let root = folder.appending(path: "files")
        var contents: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) {
            let url = root.appending(path: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            contents[path] = try Data(contentsOf: url)
        }
        return contents
    }

    /// The bytes of a file of the workspace.
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: folder.appending(path: path)) }

    /// Points the workspace at a copy of the built-in data map changed by `edit`.
    func useDataMap(_ edit: (String) -> String) throws {
        let shown = try dsr(["datamap", "show"])
        #expect(shown.code == 0, "\(shown.stderr)")
        let edited = edit(shown.stdout)
        #expect(edited != shown.stdout, "the edit changed the map")
        try Data(edited.utf8).write(to: folder.appending(path: "map.yaml"))
        let config = folder.appending(path: "dsr.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
            of: "datamap: builtin", with: "datamap: map.yaml")
        try Data(text.utf8).write(to: config)
    }

    /// Lowers the busy timeout so a test's lock holder makes dsr give up quickly (exit 75).
    func shortBusyTimeout() throws {
        let config = folder.appending(path: "dsr.yaml")
        let text = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(
            of: "busy_timeout_seconds: 5", with: "busy_timeout_seconds: 0.3")
        try Data(text.utf8).write(to: config)
    }

    /// Runs `body` while another connection holds `file`'s write lock for `seconds` (readers
    /// may still read a rollback-journal database).
    func whileLocked<T>(_ file: String, for seconds: Double, _ body: () throws -> T) throws -> T {
        let holder = try DatabaseQueue(path: folder.appending(path: file).path)
        let locked = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            try? holder.inDatabase { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                locked.signal()
                usleep(UInt32(seconds * 1_000_000))
                try db.execute(sql: "ROLLBACK")
            }
            done.signal()
        }
        locked.wait()
        defer {
            done.wait()
            try? holder.close()
        }
        return try body()
    }
}
