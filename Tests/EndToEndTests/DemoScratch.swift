import Foundation

/// A demo workspace in a scratch folder with what the restriction and hold tests compare:
/// a full `sqlite3 .dump` of the operations database and the bytes of every file.
struct DemoScratch {
    let scratch: ScratchFolder
    var folder: URL { scratch.url.appending(path: "ws") }

    init(calls: Int = 3000) throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "12", "--calls", String(calls)], in: scratch.url)
        guard outcome.code == 0 else { throw Failure(message: outcome.stderr) }
    }

    struct Failure: Error { let message: String }

    /// Runs `dsr ARGUMENTS --config ws/dsr.yaml`.
    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments + ["--config", "ws/dsr.yaml"], in: scratch.url)
    }

    /// The JSON document a `--json` run printed.
    func json(_ outcome: DSRProcess.Outcome) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// The JSON array a `--json` list printed.
    func list(_ outcome: DSRProcess.Outcome) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [[String: Any]] ?? []
    }

    /// `sqlite3 ops.db .dump`: every row of every table, as text.
    func dump() throws -> String {
        let outcome = try DSRProcess.execute(
            URL(filePath: "/usr/bin/sqlite3"), [folder.appending(path: "ops.db").path(percentEncoded: false), ".dump"],
            in: nil)
        guard let outcome, outcome.code == 0 else { throw Failure(message: "sqlite3 .dump failed") }
        return outcome.stdout
    }

    /// The bytes of every file under the files root, by relative path.
    func files() throws -> [String: Data] {
        let root = folder.appending(path: "files")
        var contents: [String: Data] = [:]
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path(percentEncoded: false)) {
            let url = root.appending(path: path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            contents[path] = try Data(contentsOf: url)
        }
        return contents
    }

    /// The actions of the audit log, oldest first, with their details.
    func audit() throws -> [(action: String, details: String)] {
        let outcome = try DSRProcess.execute(
            URL(filePath: "/usr/bin/sqlite3"),
            [
                folder.appending(path: "state/state.db").path(percentEncoded: false),
                "SELECT action || char(31) || details FROM audit_log ORDER BY seq",
            ], in: nil)
        return (outcome?.stdout ?? "").split(separator: "\n").map { line in
            let parts = line.split(separator: "\u{1F}", maxSplits: 1).map(String.init)
            return (parts[0], parts.count > 1 ? parts[1] : "")
        }
    }
}
