import Foundation
import Testing

/// The PostgreSQL server the tests use: the throw-away cluster `make test` starts
/// (scripts/postgres-test-server.sh), named by `$DSR_TEST_POSTGRES_URL` with its password in
/// `$DSR_TEST_POSTGRES_PASSWORD`. Each workspace gets a database of its own.
enum PostgresTestServer {
    static let url = ProcessInfo.processInfo.environment["DSR_TEST_POSTGRES_URL"]
    static let password = ProcessInfo.processInfo.environment["DSR_TEST_POSTGRES_PASSWORD"] ?? ""

    /// Whether the server is there. Without it the PostgreSQL tests say so loudly on stderr;
    /// under CI (`$CI` set) they do not skip but fail (``requiredButMissing``).
    static let isAvailable: Bool = {
        if url != nil { return true }
        if isCI { return true }
        FileHandle.standardError.write(
            Data(
                """
                PostgreSQL tests SKIPPED: no $DSR_TEST_POSTGRES_URL; `make test` starts a throw-away \
                cluster (scripts/postgres-test-server.sh) and sets it\n
                """.utf8))
        return false
    }()

    static var isCI: Bool { !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty }

    /// The environment a `dsr` or `psql` run needs for the server.
    static var environment: [String: String] { ["PGPASSWORD": password] }

    /// The server's URL with `database` in place of the test database.
    static func url(of database: String) throws -> String {
        let base = try #require(url, "CI must run the PostgreSQL tests: $DSR_TEST_POSTGRES_URL is not set")
        let parts = try #require(URLComponents(string: base))
        var copy = parts
        copy.path = "/" + database
        return try #require(copy.string)
    }

    /// Runs `psql` on `database` (the test database when nil) and returns its unaligned output.
    @discardableResult
    static func psql(_ sql: String, database: String? = nil) throws -> String {
        let outcome = try psqlOutcome(sql, database: database)
        try #require(outcome.code == 0, "psql failed: \(outcome.stderr)")
        return outcome.stdout
    }

    /// ``psql(_:database:)`` that may fail: its exit code and output.
    static func psqlOutcome(_ sql: String, database: String? = nil) throws -> DSRProcess.Outcome {
        let target = try URLComponents(string: try url(of: database ?? "dsr_test"))!
        return try #require(
            try DSRProcess.execute(
                URL(filePath: "/usr/bin/psql"),
                [
                    "-qAtX", "-v", "ON_ERROR_STOP=1", "-F", "\t", "-P", "null=\\N", "-h", target.host ?? "127.0.0.1",
                    "-p", String(target.port ?? 5432), "-U", target.user ?? "dsr", "-d",
                    String(target.path.dropFirst()), "-c", sql,
                ], in: nil, environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, timeout: 120))
    }

    /// A new, empty database; dropped by ``drop(_:)``.
    static func makeDatabase() throws -> String {
        let name = "dsr_e2e_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try psql("CREATE DATABASE \(name)")
        return name
    }

    static func drop(_ database: String) {
        _ = try? psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)")
    }
}

/// A `psql` holding one connection open and fed statements through its standard input: a
/// second writer that keeps a transaction open while dsr runs beside it.
final class PsqlSession {
    private let process = Process()
    private let input = Pipe()
    private let log: URL
    /// The session's `application_name`, by which the server's views name its backend.
    let name = "dsr-test-writer-" + UUID().uuidString.prefix(8).lowercased()
    let database: String

    init(database: String) throws {
        self.database = database
        let target = try #require(URLComponents(string: try PostgresTestServer.url(of: database)))
        log = FileManager.default.temporaryDirectory.appending(path: "psql-session-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = URL(filePath: "/usr/bin/psql")
        process.arguments = [
            "-qAtX", "-v", "ON_ERROR_STOP=1", "-h", target.host ?? "127.0.0.1", "-p", String(target.port ?? 5432),
            "-U", target.user ?? "dsr", "-d", database,
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(
            PostgresTestServer.environment.merging(["PGAPPNAME": name]) { $1 }
        ) { $1 }
        let output = try FileHandle(forWritingTo: log)
        process.standardInput = input
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: log)
    }

    /// Sends statements; they run as psql reads them.
    func send(_ sql: String) {
        input.fileHandleForWriting.write(Data((sql + "\n").utf8))
    }

    /// Waits until every statement sent has run and the session sits inside its open transaction.
    func waitUntilIdleInTransaction() throws {
        try PostgresTestServer.waitUntil("\(name) idle in a transaction", database: database) {
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = '\(name)' AND state = 'idle in transaction'"
        }
    }

    /// Closes the input (psql ends its connection) and returns psql's status and output.
    func finish() throws -> (code: Int32, output: String) {
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: log), as: UTF8.self))
    }
}

extension PostgresTestServer {
    /// Polls `count` (a query answering one number) until it answers at least 1; fails after 60 s.
    static func waitUntil(_ what: String, database: String, count: () -> String) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let answer = try psql(count(), database: database).trimmingCharacters(in: .whitespacesAndNewlines)
            if (Int(answer) ?? 0) >= 1 { return }
            usleep(20_000)
        }
        Issue.record("waited 60 s for \(what)")
        throw CancellationError()
    }

    /// Waits until a backend on `database` other than `except` waits for a lock.
    static func waitForLockWaiter(database: String, except writer: PsqlSession) throws {
        try waitUntil("a backend waiting for a lock", database: database) {
            """
            SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND wait_event_type = 'Lock' \
            AND application_name <> '\(writer.name)'
            """
        }
    }
}
