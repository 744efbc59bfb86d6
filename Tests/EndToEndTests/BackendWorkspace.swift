import Foundation
import Testing

/// The operations database a matrix test runs on.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// A demo workspace (same seed, same data) on either backend, the real binary run on it, and
/// the operations tables dumped in one normal form, so runs on the two can be compared.
final class BackendWorkspace {
    let backend: Backend
    let scratch: ScratchFolder
    /// The PostgreSQL database made for this workspace.
    private(set) var database: String?

    init(_ backend: Backend, calls: Int = 3000) throws {
        self.backend = backend
        scratch = try ScratchFolder()
        // One secret key for both backends: erased values' tokens and plan digests are keyed.
        let state = scratch.url.appending(path: "ws/state")
        try FileManager.default.createDirectory(
            at: state, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let key = state.appending(path: "secret.key")
        try Data((0..<32).map { UInt8($0 * 7 + 3) }).write(to: key)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: key.path)
        var arguments = ["demo", "--dir", "ws", "--calls", String(calls), "--seed", "7"]
        if backend == .postgres {
            let name = try PostgresTestServer.makeDatabase()
            database = name
            arguments += ["--postgres", try PostgresTestServer.url(of: name)]
        }
        let outcome = try DSRProcess.run(arguments, in: scratch.url, environment: PostgresTestServer.environment)
        try #require(outcome.code == 0, "dsr demo on \(backend): \(outcome.stderr)")
    }

    deinit {
        if let database { PostgresTestServer.drop(database) }
    }

    /// Runs `dsr` on the workspace.
    func dsr(_ arguments: [String], environment: [String: String] = [:]) throws -> DSRProcess.Outcome {
        try DSRProcess.run(
            arguments + ["--config", "ws/dsr.yaml"], in: scratch.url,
            environment: PostgresTestServer.environment.merging(environment) { $1 })
    }

    /// A `--json` run's document, with what differs between any two runs taken out (paths
    /// into the scratch folder, times, digests of archives, the residue byte scan of a SQLite
    /// file, which a server has no counterpart of).
    func json(_ arguments: [String], expecting code: Int32 = 0) throws -> String {
        let outcome = try dsr(arguments + ["--json"])
        #expect(outcome.code == code, "dsr \(arguments.first ?? "") on \(backend): \(outcome.stderr)")
        let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8))
        let normal = Self.normalised(document)
        let data = try JSONSerialization.data(withJSONObject: normal, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    static let volatileKeys: Set<String> = [
        "path", "letter", "notices", "generated_at", "manifest_sha256", "kept", "residue", "compacted", "server",
        "operations_db", "at", "created_at", "received", "due",
    ]

    private static func normalised(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            return object.filter { !volatileKeys.contains($0.key) }.mapValues(normalised)
        }
        if let list = value as? [Any] { return list.map(normalised) }
        return value
    }

    /// Every row of every demo table, in key order, as tab-separated text: time stamps as ISO
    /// text on both backends, NULL as `\N`.
    func dump() throws -> String {
        var text = ""
        for (table, key) in Self.tables {
            let select = "SELECT * FROM \(table) ORDER BY \(key)"
            text += "== \(table)\n"
            switch backend {
            case .sqlite:
                let outcome = try #require(
                    try DSRProcess.execute(
                        URL(filePath: "/usr/bin/sqlite3"),
                        ["-separator", "\t", "-nullvalue", "\\N", "ws/ops.db", select], in: scratch.url, timeout: 120))
                try #require(outcome.code == 0, "\(outcome.stderr)")
                text += outcome.stdout
            case .postgres:
                let rows = try PostgresTestServer.psql("SET TimeZone = 'UTC'; " + select, database: database)
                text += rows.replacing(
                    #/(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)\+00/#, with: { "\($0.output.1)T\($0.output.2)Z" })
            }
        }
        return Self.numberingTokens(text)
    }

    /// `text` with each pseudonym token (random per erasure, `erased:` and 16 hex digits)
    /// replaced by its number in order of first appearance: two dumps compare equal when the
    /// same values got one token, whatever its random digits.
    static func numberingTokens(_ text: String) -> String {
        var numbers: [Substring: Int] = [:]
        return text.replacing(#/erased:[0-9a-f]{16}/#) { match in
            let number = numbers[match.output] ?? numbers.count + 1
            numbers[match.output] = number
            return "erased:#\(number)"
        }
    }

    static let tables = [
        ("customers", "id"), ("contacts", "id"), ("orders", "id"), ("service_numbers", "number"),
        ("invoices", "id"), ("cdrs", "id"), ("recordings", "id"), ("emails", "id"), ("voicemails", "id"),
    ]
}
