import Foundation
import Testing

/// Issue 14: a change whose transaction fails with a serialization failure after it wrote its
/// journal (the plan's rows locked, the crash record in state.db, then the first UPDATE) is run
/// again whole; what the rolled-back attempt wrote in state.db goes, so nothing is left for a
/// resume to take for a crash, and the end state is that of a run without the failure.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct PostgresRetryTests {
    static let sanne = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
    static let pieter = ["email:pieter@smitinstallatie.nl", "phone:+31687654321"]

    static let changes: [[String]] = [
        ["erase", "--apply", "--yes", "--include-processor-data"] + sanne,
        ["rectify", "--apply", "--yes"] + pieter
            + ["--replace", "email:pieter@smitinstallatie.nl=pieter.smit@example.org"],
        ["retention", "audit", "--as-of", "2026-12-01", "--apply"],
    ]

    /// The first UPDATE or DELETE on any demo table fails with SQLSTATE 40001, once: a sequence
    /// counts the firings and is not rolled back with the transaction.
    static let fault = """
        CREATE SEQUENCE dsr_test_fault;
        CREATE FUNCTION dsr_test_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF nextval('dsr_test_fault') = 1 THEN
                RAISE EXCEPTION 'injected conflict' USING ERRCODE = 'serialization_failure';
            END IF;
            RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
        """
        + BackendWorkspace.tables.map { table, _ in
            "CREATE TRIGGER dsr_test_fault BEFORE UPDATE OR DELETE ON \(table) FOR EACH ROW EXECUTE FUNCTION dsr_test_fault();"
        }.joined(separator: "\n")

    /// Rows of state.db's crash records: erasure and rectification journals, index repairs.
    static func records(_ workspace: BackendWorkspace) throws -> String {
        let outcome = try #require(
            try DSRProcess.execute(
                URL(filePath: "/usr/bin/sqlite3"),
                [
                    "ws/state/state.db",
                    "SELECT (SELECT count(*) FROM erasure_journal) || ' ' || (SELECT count(*) FROM erasure_journal_files)"
                        + " || ' ' || (SELECT count(*) FROM rectification_journal) || ' ' || (SELECT count(*) FROM index_repairs)",
                ], in: workspace.scratch.url, timeout: 60))
        try #require(outcome.code == 0, "\(outcome.stderr)")
        return outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: changes)
    func aChangeRetriedAfterItsJournalLeavesNoJournalAndTheSameEnd(_ change: [String]) throws {
        let faulted = try BackendWorkspace(.postgres)
        let database = try #require(faulted.database)
        try PostgresTestServer.psql(Self.fault, database: database)
        let outcome = try faulted.dsr(change)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let fired = try PostgresTestServer.psql("SELECT last_value FROM dsr_test_fault", database: database)
        #expect(
            (Int(fired.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 1, "the fault fired, then it ran again")
        #expect(try Self.records(faulted) == "0 0 0 0", "crash records of the rolled-back attempt are left")

        let plain = try BackendWorkspace(.postgres)
        #expect(try plain.dsr(change).code == 0)
        #expect(try faulted.dump() == plain.dump(), "the retried change ends as one without the failure")
    }
}
