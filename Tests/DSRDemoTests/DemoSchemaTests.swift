import DSRKit
import Foundation
import GRDB
import Testing

@testable import DSRDemo

/// The generated database has exactly the reference schema of CONTRACT.md section 2.
@Suite("Demo schema")
struct DemoSchemaTests {
    /// table → [(column, type, not null, primary key)], transcribed from CONTRACT.md.
    static let reference: [(String, [(String, String, Bool, Bool)])] = [
        (
            "customers",
            [
                ("id", "INTEGER", false, true), ("name", "TEXT", true, false),
                ("registration_no", "TEXT", false, false), ("vat_no", "TEXT", false, false),
                ("address", "TEXT", false, false), ("postcode", "TEXT", false, false),
                ("city", "TEXT", false, false), ("country", "TEXT", true, false),
                ("iban", "TEXT", false, false), ("created_at", "TEXT", true, false),
            ]
        ),
        (
            "contacts",
            [
                ("id", "INTEGER", false, true), ("customer_id", "INTEGER", true, false),
                ("full_name", "TEXT", true, false), ("email", "TEXT", false, false),
                ("phone", "TEXT", false, false), ("role", "TEXT", false, false),
                ("created_at", "TEXT", true, false),
            ]
        ),
        (
            "orders",
            [
                ("id", "INTEGER", false, true), ("customer_id", "INTEGER", true, false),
                ("contact_id", "INTEGER", false, false), ("service_number", "TEXT", true, false),
                ("number_type", "TEXT", true, false), ("country", "TEXT", true, false),
                ("ordered_at", "TEXT", true, false), ("ip_address", "TEXT", false, false),
                ("regulator_info", "TEXT", false, false), ("status", "TEXT", true, false),
            ]
        ),
        (
            "service_numbers",
            [
                ("number", "TEXT", false, true),
                ("customer_id", "INTEGER", true, false), ("forward_to", "TEXT", false, false),
                ("recording_enabled", "INTEGER", true, false),
                ("recording_retention_days", "INTEGER", false, false),
                ("voicemail_enabled", "INTEGER", true, false), ("active_from", "TEXT", true, false),
                ("active_until", "TEXT", false, false),
            ]
        ),
        (
            "invoices",
            [
                ("id", "INTEGER", false, true), ("customer_id", "INTEGER", true, false),
                ("period", "TEXT", false, false), ("issued_at", "TEXT", true, false),
                ("total_cents", "INTEGER", true, false),
            ]
        ),
        (
            "cdrs",
            [
                ("id", "INTEGER", false, true), ("service_number", "TEXT", true, false),
                ("caller_number", "TEXT", false, false), ("caller_withheld", "INTEGER", true, false),
                ("started_at", "TEXT", true, false), ("duration_s", "INTEGER", true, false),
                ("forwarded_to", "TEXT", false, false), ("charge_cents", "INTEGER", false, false),
                ("invoice_id", "INTEGER", false, false),
            ]
        ),
        (
            "recordings",
            [
                ("id", "INTEGER", false, true), ("cdr_id", "INTEGER", true, false),
                ("file_path", "TEXT", true, false), ("recorded_at", "TEXT", true, false),
                ("duration_s", "INTEGER", false, false), ("sha256", "TEXT", false, false),
            ]
        ),
        (
            "emails",
            [
                ("id", "INTEGER", false, true), ("message_id", "TEXT", false, false),
                ("direction", "TEXT", true, false), ("from_addr", "TEXT", true, false),
                ("to_addrs", "TEXT", true, false), ("cc_addrs", "TEXT", false, false),
                ("subject", "TEXT", false, false), ("sent_at", "TEXT", true, false),
                ("customer_id", "INTEGER", false, false), ("file_path", "TEXT", true, false),
            ]
        ),
        (
            "voicemails",
            [
                ("id", "INTEGER", false, true), ("cdr_id", "INTEGER", true, false),
                ("file_path", "TEXT", false, false), ("received_at", "TEXT", true, false),
                ("emailed_at", "TEXT", false, false), ("email_id", "INTEGER", false, false),
            ]
        ),
    ]

    /// table → [(column, referenced table, referenced column)], from the arrows.
    static let foreignKeys: [(String, [(String, String, String)])] = [
        ("contacts", [("customer_id", "customers", "id")]),
        ("orders", [("customer_id", "customers", "id"), ("contact_id", "contacts", "id")]),
        ("service_numbers", [("customer_id", "customers", "id")]),
        ("invoices", [("customer_id", "customers", "id")]),
        (
            "cdrs",
            [
                ("service_number", "service_numbers", "number"),
                ("invoice_id", "invoices", "id"),
            ]
        ),
        ("recordings", [("cdr_id", "cdrs", "id")]),
        ("emails", [("customer_id", "customers", "id")]),
        ("voicemails", [("cdr_id", "cdrs", "id"), ("email_id", "emails", "id")]),
    ]

    @Test func matchesTheReferenceSchema() throws {
        let fixture = try DemoFixture.make()
        defer { fixture.remove() }
        try fixture.open().read { db in
            let tables = try String.fetchAll(
                db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            #expect(tables == Self.reference.map(\.0).sorted())
            let indexes = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            #expect(indexes == 0)
            for (table, columns) in Self.reference {
                let rows = try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))")
                let actual = rows.map { row -> String in
                    let pk: Int = row["pk"]
                    let notNull: Int = row["notnull"]
                    return "\(row["name"] as String) \(row["type"] as String) \(notNull == 1) \(pk > 0)"
                }
                #expect(actual == columns.map { "\($0.0) \($0.1) \($0.2) \($0.3)" }, "\(table)")
            }
            for (table, keys) in Self.foreignKeys {
                let rows = try Row.fetchAll(db, sql: "PRAGMA foreign_key_list(\(table))")
                let actual = rows.map { "\($0["from"] as String)>\($0["table"] as String).\($0["to"] as String)" }
                #expect(actual.sorted() == keys.map { "\($0.0)>\($0.1).\($0.2)" }.sorted(), "\(table)")
            }
        }
    }

    @Test func countsMatchOptionsAndForeignKeysHold() throws {
        let fixture = try DemoFixture.make()
        defer { fixture.remove() }
        try fixture.open().read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") == 20)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM cdrs") == 3000)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            for table in DemoSchema.tables {
                let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
                #expect(count == fixture.report.counts[table], "\(table)")
                #expect((count ?? 0) > 0, "\(table) is empty")
            }
        }
        let journal = fixture.database.path(percentEncoded: false) + "-journal"
        #expect(!FileManager.default.fileExists(atPath: journal))
    }

    @Test func rejectsBadOptionsAndExistingDatabase() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "dsr-demo-bad-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appending(path: "ops.db")
        let files = folder.appending(path: "files")
        for options in [DemoOptions(customers: 9), DemoOptions(calls: 999)] {
            #expect(throws: DemoError.self) {
                _ = try DemoGenerator.generate(database: database, filesRoot: files, options: options, progress: nil)
            }
        }
        do {
            _ = try DemoGenerator.generate(
                database: database, filesRoot: files, options: DemoOptions(customers: 9), progress: nil)
        } catch let error as DemoError {
            #expect(error.kind == .usage)
        }
        _ = FileManager.default.createFile(atPath: database.path(percentEncoded: false), contents: Data())
        #expect(throws: DemoError.databaseExists(path: database.path(percentEncoded: false))) {
            _ = try DemoGenerator.generate(
                database: database, filesRoot: files, options: DemoFixture.options, progress: nil)
        }
    }
}
