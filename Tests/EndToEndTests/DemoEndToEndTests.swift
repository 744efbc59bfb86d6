import Foundation
import GRDB
import Testing

/// `dsr demo --calls 20000`, run once as a real process and inspected with independent readers.
final class DemoFixture: Sendable {
    static let customers = 40
    static let calls = 20_000
    static let seed = "11"
    /// Created once for the suite (generation takes a few seconds in a debug build).
    static let shared = Result { try DemoFixture() }

    let scratch: ScratchFolder
    let outcome: DSRProcess.Outcome
    var folder: URL { scratch.url.appending(path: "ws") }
    var database: URL { folder.appending(path: "ops.db") }
    var filesRoot: URL { folder.appending(path: "files") }

    init() throws {
        scratch = try ScratchFolder()
        outcome = try DSRProcess.run(
            [
                "demo", "--dir", "ws", "--customers", "\(Self.customers)", "--calls", "\(Self.calls)", "--seed",
                Self.seed,
            ],
            in: scratch.url)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: database.path(percentEncoded: false), configuration: config).read(body)
    }

    /// Every file path a row names, with the table, for rows whose path stays inside the root.
    func filePaths(_ table: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT file_path FROM \(table) WHERE file_path IS NOT NULL ORDER BY id")
        }.filter { !$0.hasPrefix("/") && !$0.split(separator: "/").contains("..") }
    }

    func contents(_ relative: String) -> Data? {
        FileManager.default.contents(atPath: filesRoot.appending(path: relative).path(percentEncoded: false))
    }
}

@Suite struct DemoEndToEndTests {
    let demo: DemoFixture
    init() throws { demo = try DemoFixture.shared.get() }

    @Test func demoSucceedsAndPrintsSubjectsAndCommands() {
        #expect(demo.outcome.code == 0, "stderr: \(demo.outcome.stderr)")
        #expect(demo.outcome.stdout.contains("Planted subjects"))
        #expect(demo.outcome.stdout.contains("  $ dsr "))
        for label in ["caller", "owner", "bg-caller", "email-only", "ipv6-orderer"] {
            #expect(demo.outcome.stdout.contains("  \(label): "), "subject \(label) printed")
        }
    }

    @Test func everyTableAndColumnOfTheContractExistsWithItsType() throws {
        try demo.read { db in
            for (table, columns) in ReferenceSchema.tables {
                let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))")
                #expect(info.map { $0["name"] as String } == columns.map(\.name), "columns of \(table)")
                for (row, column) in zip(info, columns) {
                    #expect((row["type"] as String).uppercased() == column.type, "\(table).\(column.name) type")
                    #expect((row["pk"] as Int > 0) == column.primaryKey, "\(table).\(column.name) primary key")
                    #expect((row["notnull"] as Int == 1) == column.notNull, "\(table).\(column.name) NOT NULL")
                }
                let keys = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table))")
                let declared = Dictionary(
                    uniqueKeysWithValues: keys.map { ($0["from"] as String, $0["table"] as String) })
                for column in columns {
                    #expect(declared[column.name] == column.references, "\(table).\(column.name) reference")
                }
                let indexes = try Row.fetchAll(db, sql: "PRAGMA index_list(\(table))").filter {
                    $0["origin"] as String == "c"
                }
                #expect(indexes.isEmpty, "no indexes beyond primary keys on \(table)")
            }
        }
    }

    @Test func rowCountsMatchTheFlagsAndForeignKeysHold() throws {
        let counts = try demo.read { db in
            try ReferenceSchema.tables.map { table, _ in
                (table, try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0)
            }
        }
        let violations = try demo.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        let byTable = Dictionary(uniqueKeysWithValues: counts)
        #expect(byTable["customers"] == DemoFixture.customers)
        #expect(byTable["cdrs"] == DemoFixture.calls)
        #expect(violations.isEmpty, "foreign_key_check: \(violations.prefix(3))")
        for (table, rows) in counts { #expect(rows > 0, "\(table) has rows") }
    }

    @Test func everyExistingAudioFileIsAValidWAV() throws {
        var checked = 0
        for path in try demo.filePaths("recordings") + demo.filePaths("voicemails") {
            guard let data = demo.contents(path) else { continue }  // the planted missing file
            try MediaChecks.checkWAV(data, name: path)
            checked += 1
        }
        #expect(checked > 10)
    }

    @Test func everyEmailParsesAndNotificationAttachmentsAreValidWAVs() throws {
        var attachments = 0
        var parsed = 0
        let paths = try demo.filePaths("emails")
        for path in paths {
            guard let data = demo.contents(path) else { continue }
            parsed += 1
            let text = try #require(String(data: data, encoding: .utf8), "\(path) is UTF-8/ASCII")
            let message = try MediaChecks.parseMessage(text, name: path)
            for header in ["from", "to", "date", "subject", "message-id"] {
                #expect(message.header(header) != nil, "\(path) has \(header)")
            }
            guard message.header("content-type")?.lowercased().hasPrefix("multipart/") == true else { continue }
            for part in try MediaChecks.parts(of: message, name: path)
            where part.header("content-transfer-encoding")?.lowercased() == "base64" {
                let decoded = try #require(Data(base64Encoded: part.body, options: .ignoreUnknownCharacters))
                try MediaChecks.checkWAV(decoded, name: "\(path) attachment")
                attachments += 1
            }
        }
        #expect(attachments > 0, "voicemail notifications carry the WAV")
        #expect(parsed >= paths.count - 1, "every e-mail file is there (at most the planted missing one is not)")
        #expect(parsed > 50)
    }

    @Test func theMessOfTheContractIsThere() throws {
        try demo.read { db in
            let paths = try String.fetchAll(db, sql: "SELECT file_path FROM recordings")
            #expect(paths.contains { $0.contains("../") }, "a path that escapes the files root")
            let markers = try String.fetchAll(
                db,
                sql:
                    "SELECT DISTINCT lower(caller_number) FROM cdrs WHERE caller_withheld = 1 AND caller_number IS NOT NULL"
            )
            for marker in ["", "anonymous", "unknown", "restricted"] {
                #expect(markers.contains(marker), "withheld '\(marker)'")
            }
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM cdrs WHERE caller_withheld = 1 AND caller_number IS NULL")! > 0)
            let ips = try String.fetchAll(db, sql: "SELECT ip_address FROM orders WHERE ip_address IS NOT NULL")
            #expect(ips.contains { $0.contains(":") } && ips.contains { !$0.contains(":") }, "IPv4 and IPv6")
            #expect(ips.contains { $0.lowercased().contains("::ffff:") }, "IPv4-mapped IPv6")
            let names = try String.fetchAll(db, sql: "SELECT full_name FROM contacts")
            #expect(
                names.contains { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }, "Cyrillic names"
            )
            let callers = try String.fetchAll(db, sql: "SELECT caller_number FROM cdrs WHERE caller_withheld = 0")
            #expect(callers.contains { $0.hasPrefix("00") }, "00-prefixed international form")
            #expect(callers.contains { $0.contains("(0)") }, "+CC (0) form")
            #expect(callers.contains { $0.hasPrefix("0") && !$0.hasPrefix("00") }, "national form")
            #expect(callers.contains { $0.hasPrefix("+") && $0.contains(" ") }, "spaced international form")
            let subjects = try String.fetchAll(db, sql: "SELECT from_addr || ' ' || to_addrs FROM emails")
            #expect(subjects.contains { $0.contains("=?") }, "RFC 2047 encoded words")
        }
        let missing = try demo.filePaths("recordings").filter { demo.contents($0) == nil }
        #expect(!missing.isEmpty, "a row whose file is missing")
    }

    @Test func theSameSeedGivesByteIdenticalFiles() throws {
        let again = try ScratchFolder()
        let outcome = try DSRProcess.run(
            [
                "demo", "--dir", "ws", "--customers", "\(DemoFixture.customers)", "--calls", "\(DemoFixture.calls)",
                "--seed", DemoFixture.seed,
            ], in: again.url,
            // Another time zone and locale must not change a byte.
            environment: ["TZ": "Pacific/Auckland", "LANG": "bg_BG.UTF-8", "LC_ALL": "bg_BG.UTF-8"])
        #expect(outcome.code == 0)
        let first = try Self.digestTree(demo.folder)
        let second = try Self.digestTree(again.url.appending(path: "ws"))
        #expect(first.count > 20)
        #expect(first == second)
        #expect(
            outcome.stdout == demo.outcome.stdout.replacingOccurrences(of: demo.scratch.url.path, with: again.url.path))
    }

    /// Every data file of a workspace (not the state dir: its secret key is random by design) and its bytes.
    static func digestTree(_ root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path(percentEncoded: false))!
        while let relative = enumerator.nextObject() as? String {
            guard !relative.hasPrefix("state"), !relative.hasPrefix("exports") else { continue }
            let url = root.appending(path: relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path(percentEncoded: false), isDirectory: &isDirectory),
                !isDirectory.boolValue
            {
                result[relative] = try Data(contentsOf: url)
            }
        }
        return result
    }
}
