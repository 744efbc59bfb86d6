import Foundation
import GRDB
import Testing

/// `dsr retention audit` on a demo copy: its counts are those of independent SQL over the same
/// data (CONTRACT.md section 7's table written as queries on the reference schema), and it
/// follows cron's conventions.
@Suite struct RetentionAuditTests {
    let workspace: RetentionWorkspace

    init() throws { workspace = try RetentionWorkspace() }

    /// Each rule of CONTRACT.md section 7 as SQL: the rows past retention at `:cutoff` and the
    /// start each runs from. Independent of dsr: julianday/unixepoch do the date arithmetic.
    static let rules: [String: (from: String, start: String)] = [
        // A call stays only while a recording or voicemail needs it and it holds no number in clear.
        "cdrs": (
            """
            cdrs c WHERE unixepoch(c.started_at) + 400 * 86400 < unixepoch(:cutoff) AND NOT (
              (c.caller_number IS NULL OR c.caller_number = '' OR c.caller_number LIKE 'erased:%')
              AND (c.forwarded_to IS NULL OR c.forwarded_to = '' OR c.forwarded_to LIKE 'erased:%')
              AND (EXISTS (SELECT 1 FROM recordings r WHERE r.cdr_id = c.id)
                OR EXISTS (SELECT 1 FROM voicemails v WHERE v.cdr_id = c.id)))
            """, "c.started_at"
        ),
        "recordings": (
            """
            recordings r JOIN cdrs c ON c.id = r.cdr_id JOIN service_numbers s ON s.number = c.service_number
            WHERE s.recording_retention_days IS NOT NULL
              AND julianday(r.recorded_at) + s.recording_retention_days < julianday(:cutoff)
            """, "r.recorded_at"
        ),
        "voicemails": ("voicemails WHERE julianday(received_at) + 400 < julianday(:cutoff)", "received_at"),
        "voicemails.file_path": (
            """
            voicemails WHERE emailed_at IS NOT NULL AND file_path IS NOT NULL
              AND unixepoch(emailed_at) < unixepoch(:cutoff)
            """, "emailed_at"
        ),
        "emails": ("emails WHERE unixepoch(sent_at) + 730 * 86400 < unixepoch(:cutoff)", "sent_at"),
        "orders.ip_address": (
            "orders WHERE ip_address IS NOT NULL AND unixepoch(ordered_at) + 365 * 86400 < unixepoch(:cutoff)",
            "ordered_at"
        ),
        "invoices": ("invoices WHERE unixepoch(issued_at) + 2555 * 86400 < unixepoch(:cutoff)", "issued_at"),
    ]

    /// What the SQL of ``rules`` counts at `asOf`, leaving out rules with nothing past.
    func expected(asOf: String) throws -> [String: RetentionWorkspace.Count] {
        try Self.expected(asOf: asOf, in: workspace.database)
    }

    /// What the SQL of ``rules`` counts at `asOf` in the operations database at `database`.
    static func expected(asOf: String, in database: URL) throws -> [String: RetentionWorkspace.Count] {
        let queue = try DatabaseQueue(path: database.path)
        defer { try? queue.close() }
        return try queue.read { db in
            var found: [String: RetentionWorkspace.Count] = [:]
            for (name, rule) in rules {
                let sql =
                    "SELECT count(*) AS n, strftime('%Y-%m-%dT%H:%M:%SZ', min(unixepoch(\(rule.start))), 'unixepoch')"
                    + " AS oldest FROM \(rule.from)"
                let row = try #require(try Row.fetchOne(db, sql: sql, arguments: ["cutoff": asOf + "T00:00:00Z"]))
                let count: Int = row["n"]
                if count > 0 { found[name] = RetentionWorkspace.Count(count: count, oldest: row["oldest"]) }
            }
            return found
        }
    }

    @Test(arguments: ["2025-06-01", "2026-03-01", "2027-03-01", "2033-06-01"])
    func theCountsPerRuleAreThoseOfIndependentSQL(asOf: String) throws {
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", asOf, "--json"])
        let expected = try expected(asOf: asOf)
        #expect(outcome.code == (expected.isEmpty ? 0 : 1), "\(outcome.stderr)")
        let found = RetentionWorkspace.violations(try workspace.json(outcome))
        #expect(found == expected, "as of \(asOf)")
    }

    @Test func theDatesCoverEveryRuleAndOneWhereSomeAreNotDue() throws {
        let early = try expected(asOf: "2026-03-01")
        #expect(early["emails"] == nil && early["invoices"] == nil && early["cdrs"] != nil)
        let late = try expected(asOf: "2033-06-01")
        #expect(Set(late.keys) == Set(Self.rules.keys), "every rule has records past it at some date")
    }

    @Test func recordingsWithoutAPeriodAreReportedAsUnsetNotCounted() throws {
        let queue = try DatabaseQueue(path: workspace.database.path)
        let unset = try queue.read { db in
            try Int.fetchOne(
                db,
                sql: """
                    SELECT count(*) FROM recordings r LEFT JOIN cdrs c ON c.id = r.cdr_id
                    LEFT JOIN service_numbers s ON s.number = c.service_number WHERE s.recording_retention_days IS NULL
                    """) ?? 0
        }
        try queue.close()
        #expect(unset > 0, "the demo has numbers without a recording period")
        let document = try workspace.json(try workspace.dsr(["retention", "audit", "--as-of", "2033-06-01", "--json"]))
        let entries = document["unset"] as? [[String: Any]] ?? []
        let recordings = entries.first { $0["table"] as? String == "recordings" }
        #expect(recordings?["unset_period"] as? Int == unset)
        let cdrs = entries.first { $0["table"] as? String == "cdrs" }
        #expect(cdrs?["undated"] as? Int == 2, "the two calls whose start is not a date")
    }

    @Test func nothingDueIsSilentWithExitZero() throws {
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", "2016-01-01"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.isEmpty)
    }

    @Test func somethingDuePrintsOneStderrLinePerRuleAndExitsOne() throws {
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", "2027-03-01"])
        #expect(outcome.code == 1)
        #expect(outcome.stdout.isEmpty)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        let expected = try expected(asOf: "2027-03-01")
        #expect(lines.count == expected.count, "\(lines)")
        for (name, count) in expected {
            let line = lines.first {
                $0.hasPrefix("dsr: retention: \(name):") || $0.hasPrefix("dsr: retention: \(name) (")
            }
            #expect(line?.contains(" \(count.count) past retention, oldest \(count.oldest ?? "")") == true, "\(name)")
            #expect(line?.contains("; rule: ") == true)
        }
    }

    @Test func theJSONDocumentHasTheContractsShape() throws {
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", "2027-03-01", "--json"])
        #expect(outcome.code == 1)
        let document = try workspace.json(outcome)
        #expect(document["as_of"] as? String == "2027-03-01")
        #expect((document["resurrected"] as? [Any])?.isEmpty == true)
        #expect(document.keys.contains("purged") && document["purged"] is NSNull)
        let violations = try #require(document["violations"] as? [[String: Any]])
        #expect(!violations.isEmpty)
        for item in violations {
            #expect(Set(item.keys) == ["table", "column", "scope", "rule", "count", "oldest"])
        }
        #expect(document["not_checkable"] as? [String] == ["customers", "contacts", "orders", "service_numbers"])
        let quiet = try workspace.dsr(["retention", "audit", "--as-of", "2016-01-01", "--json"])
        #expect(quiet.code == 0)
        #expect((try workspace.json(quiet)["violations"] as? [Any])?.isEmpty == true)
    }

    @Test func aBadDateIsAUsageError() throws {
        for bad in ["2027-02-30", "01-03-2027", "tomorrow"] {
            #expect(try workspace.dsr(["retention", "audit", "--as-of", bad]).code == 64, "\(bad)")
        }
    }

    @Test func noValueOfARecordIsPrinted() throws {
        let outcome = try workspace.dsr(["retention", "audit", "--as-of", "2033-06-01", "--json"])
        let queue = try DatabaseQueue(path: workspace.database.path)
        let values = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT caller_number FROM cdrs WHERE caller_number IS NOT NULL LIMIT 200")
                + String.fetchAll(db, sql: "SELECT ip_address FROM orders WHERE ip_address IS NOT NULL")
        }
        try queue.close()
        for value in values where value.count > 6 {
            #expect(!outcome.stdout.contains(value) && !outcome.stderr.contains(value))
        }
    }
}
