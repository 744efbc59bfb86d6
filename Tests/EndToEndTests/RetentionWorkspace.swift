import Foundation
import GRDB
import Testing

/// A demo workspace (3,000 calls, seed 7) for the retention tests, with the few rows a fresh
/// demo never has: e-mailed voicemails whose audio is still there, starts that cannot be read,
/// starts written with an offset, a number with recordings but no recording period, and
/// calls as a purge leaves them.
struct RetentionWorkspace {
    let demo: DemoWorkspace
    var scratch: ScratchFolder { demo.scratch }
    var folder: URL { demo.folder }
    var database: URL { folder.appending(path: "ops.db") }

    init() throws {
        demo = try DemoWorkspace(calls: 3000, seed: 7)
        try write(
            """
            UPDATE voicemails SET file_path = 'voicemails/kept-' || id || '.wav'
              WHERE emailed_at IS NOT NULL AND id % 2 = 0;
            UPDATE service_numbers SET recording_retention_days = NULL WHERE number = (
              SELECT c.service_number FROM recordings r JOIN cdrs c ON c.id = r.cdr_id ORDER BY r.id LIMIT 1);
            UPDATE cdrs SET started_at = 'not a date' WHERE id IN (11, 12);
            -- As a purge leaves them: calls still needed by a recording, their numbers pseudonymised,
            -- and two calls nothing needs that hold no number in clear (still to be deleted).
            UPDATE cdrs SET caller_number = 'erased:00000000000000a' || id, forwarded_to = NULL
              WHERE id IN (SELECT cdr_id FROM recordings ORDER BY id LIMIT 6);
            UPDATE cdrs SET caller_number = 'erased:00000000000000b' || id, forwarded_to = NULL
              WHERE id IN (SELECT id FROM cdrs WHERE id NOT IN (SELECT cdr_id FROM recordings)
                AND id NOT IN (SELECT cdr_id FROM voicemails) ORDER BY id LIMIT 2 OFFSET 20);
            UPDATE cdrs SET started_at = '2025-02-03T01:30:00+02:00' WHERE id = 14;
            UPDATE emails SET sent_at = '2025-03-01 10:00:00' WHERE id = 2;
            -- Exactly at the boundary as of 2027-03-01: start + period is the cutoff, not before it.
            UPDATE cdrs SET started_at = '2026-01-25T00:00:00Z' WHERE id = 15;
            UPDATE emails SET sent_at = '2025-03-01T00:00:00Z' WHERE id = 3;
            """)
    }

    /// Runs `sql` on the workspace's operations database.
    func write(_ sql: String) throws {
        let queue = try DatabaseQueue(path: database.path)
        defer { try? queue.close() }
        try queue.write { try $0.execute(sql: sql) }
    }

    /// Runs `dsr ARGUMENTS --config ws/dsr.yaml`.
    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome { try demo.dsr(arguments) }

    /// The JSON document a `--json` run printed.
    func json(_ outcome: DSRProcess.Outcome) throws -> [String: Any] { try demo.json(outcome) }

    /// The bytes of a file of the workspace.
    func bytes(_ path: String) throws -> Data { try demo.bytes(path) }

    /// `table` or `table.column` → (count, oldest) of the violations of an audit document.
    static func violations(_ document: [String: Any]) -> [String: Count] {
        var found: [String: Count] = [:]
        for item in document["violations"] as? [[String: Any]] ?? [] {
            let name = (item["table"] as! String) + ((item["column"] as? String).map { ".\($0)" } ?? "")
            found[name] = Count(count: item["count"] as! Int, oldest: item["oldest"] as? String)
        }
        return found
    }

    /// A rule's count and oldest start.
    struct Count: Equatable, CustomStringConvertible {
        let count: Int
        let oldest: String?
        var description: String { "\(count) from \(oldest ?? "-")" }
    }
}
