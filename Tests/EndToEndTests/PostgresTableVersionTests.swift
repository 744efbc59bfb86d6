import Foundation
import Testing

/// Issue 14: on PostgreSQL a small table (read whole at every change, since a row can change in
/// place) is read again only when one of its rows changed: the refresh asks the server, in one
/// statement, for each small table's row count and a sum over its row versions.
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct PostgresTableVersionTests {
    /// `dsr index refresh --json`'s tables indexed again, and whether the index was emptied.
    func refresh(_ workspace: BackendWorkspace) throws -> (tables: [String], cleared: Bool) {
        let outcome = try workspace.dsr(["index", "refresh", "--json"])
        try #require(outcome.code == 0, "\(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let tables = try #require(document["rebuilt_tables"] as? [String], "\(outcome.stdout)")
        return (tables.sorted(), document["cleared"] as? Bool ?? false)
    }

    /// The tables and keys a locate of `subject` reports.
    func located(_ workspace: BackendWorkspace, _ subject: String) throws -> [String] {
        let outcome = try workspace.dsr(["locate", "--json", subject])
        try #require(outcome.code == 0, "\(outcome.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let records = try #require(document["records"] as? [[String: Any]])
        return records.map { "\($0["table"] ?? "?") \($0["key"] ?? "?")" }.sorted()
    }

    @Test func onlyTheSmallTablesWhoseRowsChangedAreReadAgain() throws {
        // 1,000 calls: every table is small.
        let workspace = try BackendWorkspace(.postgres, calls: 1000)
        let database = try #require(workspace.database)
        let built = try refresh(workspace)
        #expect(built.cleared && built.tables.count >= 8, "\(built)")

        // One contact's address changed in place: the same rows, the same keys.
        let contact = try PostgresTestServer.psql(
            "UPDATE contacts SET email = 'nieuw.adres@example.org' WHERE id = (SELECT min(id) FROM contacts) RETURNING id",
            database: database
        ).trimmingCharacters(in: .whitespacesAndNewlines)
        let changed = try refresh(workspace).tables
        #expect(changed == ["contacts"])
        let found = try located(workspace, "email:nieuw.adres@example.org")
        #expect(found.contains("contacts \(contact)"), "\(found)")

        // A row deleted, then the rows after it moved up by VACUUM FULL (a table without an
        // integer key is numbered in that order); a table VACUUM FULL rewrote as it was.
        try PostgresTestServer.psql(
            "DELETE FROM voicemails WHERE id = (SELECT min(id) FROM voicemails)", database: database)
        let deleted = try refresh(workspace).tables
        #expect(deleted == ["voicemails"])
        try PostgresTestServer.psql("VACUUM FULL voicemails", database: database)
        try PostgresTestServer.psql("VACUUM FULL invoices", database: database)
        let moved = try refresh(workspace).tables
        #expect(moved == ["voicemails"])

        // A change that leaves the row as it was is still a new row version: read again.
        try PostgresTestServer.psql("UPDATE contacts SET email = email WHERE id = \(contact)", database: database)
        let rewritten = try refresh(workspace).tables
        #expect(rewritten == ["contacts"])
        let foundAgain = try located(workspace, "email:nieuw.adres@example.org")
        #expect(foundAgain == found)
    }

    /// A contact's national number takes its country from its customer's row: a customer's
    /// country changed in place reads the contacts again, though no contact row changed.
    @Test func aChangedCountryReadsTheTablesWhoseNumbersTakeItAgain() throws {
        let workspace = try BackendWorkspace(.postgres, calls: 1000)
        let database = try #require(workspace.database)
        let row = try PostgresTestServer.psql(
            """
            SELECT c.id, c.phone, c.customer_id FROM contacts c JOIN customers cu ON cu.id = c.customer_id
            WHERE cu.country = 'BE' AND c.phone LIKE '04%' ORDER BY c.id LIMIT 1
            """, database: database
        ).trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\t").map(String.init)
        try #require(row.count == 3, "a Belgian contact with a national mobile number")
        let national = row[1].filter(\.isNumber).dropFirst()
        _ = try refresh(workspace)
        #expect(try located(workspace, "phone:+32\(national)").contains("contacts \(row[0])"))

        try PostgresTestServer.psql("UPDATE customers SET country = 'NL' WHERE id = \(row[2])", database: database)
        let tables = try refresh(workspace).tables
        #expect(tables.contains("contacts") && tables.contains("customers"), "\(tables)")
        let dutch = try located(workspace, "phone:+31\(national)")
        #expect(dutch.contains("contacts \(row[0])"), "\(dutch)")
        let belgian = try located(workspace, "phone:+32\(national)")
        #expect(!belgian.contains("contacts \(row[0])"), "\(belgian)")
    }
}
