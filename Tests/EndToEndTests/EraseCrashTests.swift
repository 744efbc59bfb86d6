import Foundation
import GRDB
import Testing

/// `dsr erase --apply` killed with SIGKILL at a random moment, then `dsr erase --resume`: the
/// operations database and the files end as an uninterrupted erasure leaves them (issue 10).
///
/// A kill that lands before the journal entry is written leaves nothing to resume; such a trial
/// must have changed nothing, and running the erasure again must then reach the same end state.
@Suite struct EraseCrashTests {
    static let subject = ["phone:+31681234567", "email:sanne.bakker@example.nl", "--include-processor-data"]
    static let trials = 20

    let demo: DemoCopies
    var scratch: ScratchFolder { demo.scratch }
    var pristine: URL { demo.pristine }

    init() throws { demo = try DemoCopies() }

    func copy(_ name: String) throws -> URL { try demo.copy(name) }

    func dsr(_ arguments: [String], in folder: URL) throws -> DSRProcess.Outcome { try demo.dsr(arguments, in: folder) }

    /// Runs an uninterrupted erasure in a fresh copy; returns the copy and the seconds it took.
    func uninterrupted(_ name: String) throws -> (URL, Double) {
        let folder = try copy(name)
        let start = Date()
        let outcome = try dsr(["erase", "--apply", "--yes"] + Self.subject, in: folder)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        return (folder, Date().timeIntervalSince(start))
    }

    @Test func aKilledErasureResumesToTheSameEndState() throws {
        let untouched = try EndState(of: pristine)
        var runs: [(URL, Double)] = []
        for index in 0..<3 { runs.append(try uninterrupted("reference-\(index)")) }
        let expected = try EndState(of: runs[0].0)
        #expect(expected != untouched, "the erasure changed something")
        #expect(
            try EndState(of: runs[1].0) == expected, "two uninterrupted erasures end alike once tokens are normalised")
        let full = runs.map(\.1).sorted()[1]

        var identical = 0
        var notStarted = 0
        var killTimes: [Double] = []
        for trial in 0..<Self.trials {
            let folder = try copy("trial-\(trial)")
            let delay = Double.random(in: 0...full)
            let start = Date()
            try demo.runKilled(["erase", "--apply", "--yes"] + Self.subject, in: folder, after: delay)
            killTimes.append(Date().timeIntervalSince(start))

            let (journal, applied) = try Self.erasureState(folder)
            let resumed = try dsr(["erase", "--resume"], in: folder)
            #expect(resumed.code == 0, "trial \(trial): \(resumed.stderr)")
            #expect(try Self.erasureState(folder).journal == 0, "trial \(trial): the journal is empty after --resume")
            let state = try EndState(of: folder)
            if state == expected {
                identical += 1
            } else if journal == 0, applied == 0, state == untouched {
                _ = try dsr(["erase", "--apply", "--yes"] + Self.subject, in: folder)
                #expect(try EndState(of: folder) == expected, "trial \(trial): a re-run after an early kill")
                notStarted += 1
            } else {
                Issue.record(
                    "trial \(trial), killed after \(killTimes.last!) s: \(state.differences(from: expected).joined(separator: "; "))"
                )
            }
            try? FileManager.default.removeItem(at: folder)
        }
        let sorted = killTimes.sorted().map { String(format: "%.0f", $0 * 1000) }
        print(
            "EraseCrashTests: \(identical) of \(Self.trials) identical after --resume, \(notStarted) killed before the "
                + "journal entry (untouched, identical after a re-run); uninterrupted "
                + String(format: "%.0f ms", full * 1000) + "; kill times (ms) \(sorted.joined(separator: " "))")
        #expect(identical + notStarted == Self.trials)
    }

    @Test func theComparisonSeesOneChangedRowAndOneChangedFile() throws {
        let (reference, _) = try uninterrupted("reference")
        let expected = try EndState(of: reference)
        let (other, _) = try uninterrupted("other")
        #expect(try EndState(of: other) == expected)

        let database = try DatabaseQueue(path: other.appending(path: "ops.db").path)
        try database.write { db in
            try db.execute(sql: "UPDATE cdrs SET duration_s = duration_s + 1 WHERE id = (SELECT max(id) FROM cdrs)")
        }
        try database.close()
        let changedRow = try EndState(of: other)
        #expect(changedRow != expected)
        #expect(changedRow.differences(from: expected) == ["cdrs: 1 row(s) differ"])

        let (third, _) = try uninterrupted("third")
        let file = try #require(try EndState(of: third).files.keys.sorted().first)
        let handle = try FileHandle(forWritingTo: third.appending(path: "files/\(file)"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([0]))
        try handle.close()
        #expect(try EndState(of: third).differences(from: expected) == ["file \(file) differs"])
    }

    /// The erasure journal's entries and the `erase.apply` audit entries, read only.
    static func erasureState(_ folder: URL) throws -> (journal: Int, applied: Int) {
        var configuration = Configuration()
        configuration.readonly = true
        let state = try DatabaseQueue(path: folder.appending(path: "state/state.db").path, configuration: configuration)
        defer { try? state.close() }
        return try state.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM erasure_journal") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'erase.apply'") ?? 0
            )
        }
    }
}

/// What an erasure leaves: every table's schema and rows (pseudonym tokens, random per erasure,
/// normalised to `erased:X`) and the bytes of every file under the files root.
struct EndState: Equatable {
    var tables: [String: [String]] = [:]
    var files: [String: Data] = [:]

    init(of folder: URL) throws {
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        defer { try? database.close() }
        tables = try database.read { db in
            var tables: [String: [String]] = [:]
            for (name, sql) in try Row.fetchAll(
                db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).map({ ($0[0] as String, $0[1] as String) }) {
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"").map {
                    $0.description.replacing(#/erased:[0-9a-f]{16}/#, with: "erased:X")
                }
                tables[name] = [sql] + rows.sorted()
            }
            return tables
        }
        let root = folder.appending(path: "files")
        for path in try FileManager.default.subpathsOfDirectory(atPath: root.path) {
            var isDirectory: ObjCBool = false
            let url = root.appending(path: path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files[path] = try Data(contentsOf: url)
        }
    }

    /// What differs from `other`, named by table and file path (no cell values).
    func differences(from other: EndState) -> [String] {
        var found: [String] = []
        for name in Set(tables.keys).union(other.tables.keys).sorted() {
            let mine = tables[name] ?? []
            let theirs = other.tables[name] ?? []
            guard mine != theirs else { continue }
            let changed = Set(mine).symmetricDifference(theirs).count
            found.append("\(name): \(max(1, changed / 2)) row(s) differ")
        }
        for path in Set(files.keys).union(other.files.keys).sorted() where files[path] != other.files[path] {
            found.append(
                files[path] == nil
                    ? "file \(path) missing" : other.files[path] == nil ? "file \(path) left" : "file \(path) differs")
        }
        return found
    }
}
