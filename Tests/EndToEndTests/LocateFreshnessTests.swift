import Foundation
import Testing

/// The index must never be stale: rows written by other programs show up (or vanish) in
/// the very next locate.
@Suite struct LocateFreshnessTests {
    let scratch: ScratchFolder
    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "10", "--calls", "2000"], in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
    }

    func ownCalls(_ identifier: String) throws -> Set<String> {
        let outcome = try DSRProcess.run(["locate", "--config", "ws/dsr.yaml", "--json", identifier], in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        return Set(
            (json["records"] as! [[String: Any]]).filter {
                $0["table"] as? String == "cdrs" && $0["relation"] as? String == "subject"
            }.map { "\($0["key"]!)" })
    }

    /// Runs SQL through the sqlite3 CLI, as another system writing to the database would.
    func sqlite(_ sql: String) throws {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/sqlite3")
        process.arguments = [scratch.url.appending(path: "ws/ops.db").path, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }

    @Test func callsInsertedByAnotherProgramAreFoundAndDeletedOnesAreNot() throws {
        let before = try ownCalls("phone:+31681234567")
        #expect(before.count > 50)
        try sqlite(
            """
            INSERT INTO cdrs (id, service_number, caller_number, caller_withheld, started_at, duration_s)
            SELECT 900001, service_number, '06-81234567', 0, '2026-11-01T10:00:00Z', 42 FROM cdrs
            WHERE service_number LIKE '+31%' LIMIT 1;
            INSERT INTO cdrs (id, service_number, caller_number, caller_withheld, started_at, duration_s)
            SELECT 900002, service_number, '0031 6 8123 4567', 0, '2026-11-01T10:05:00Z', 7 FROM cdrs LIMIT 1;
            INSERT INTO cdrs (id, service_number, caller_number, caller_withheld, started_at, duration_s)
            SELECT 900003, service_number, '+31 6 81234568', 0, '2026-11-01T10:06:00Z', 7 FROM cdrs LIMIT 1;
            """)
        let after = try ownCalls("phone:+31681234567")
        #expect(after == before.union(["900001", "900002"]), "new calls found, the one-digit-off decoy not")

        let gone = try #require(before.sorted().first)
        try sqlite(
            "DELETE FROM recordings WHERE cdr_id = \(gone); DELETE FROM voicemails WHERE cdr_id = \(gone); DELETE FROM cdrs WHERE id = \(gone);"
        )
        try sqlite("UPDATE cdrs SET caller_number = '+31600000000' WHERE id = 900002;")
        let later = try ownCalls("phone:+31681234567")
        #expect(later == after.subtracting([gone, "900002"]), "deleted and changed rows are not reported")
    }
}
