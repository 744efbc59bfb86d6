import Foundation
import Testing

@testable import DSRKit

extension DataMapTests {
    /// The built-in map describes the reference schema with the semantics locate relies on.
    @Suite struct Builtin {
        let map: DataMap

        init() throws { map = try BuiltinDataMap.map() }

        @Test func itHasEveryTableOfTheReferenceSchema() {
            let names = [
                "customers", "contacts", "orders", "service_numbers", "invoices", "cdrs", "recordings", "emails",
                "voicemails",
            ]
            #expect(Set(map.tables.map(\.name)) == Set(names))
            #expect(map.tables.allSatisfy { $0.location != nil })
        }

        @Test func itPassesTheCheckerAgainstADemoDatabase() throws {
            let folder = try TemporaryDirectory()
            let database = try DataMapTests.demoDatabase(in: folder)
            let problems = try DataMapChecker.check(text: BuiltinDataMap.text, operations: .sqlite(database))
            #expect(problems.isEmpty, "\(DataMapTests.lines(problems))")
        }

        @Test func holdsAndRoles() throws {
            #expect(map.table("contacts")?.holds == .person)
            #expect(map.table("customers")?.holds == .organisation)
            for table in map.tables where !["contacts", "customers"].contains(table.name) {
                #expect(table.holds == .record, "\(table.name)")
            }
            #expect(map.table("recordings")?.role == .processor)
            #expect(map.table("voicemails")?.role == .processor)
            for table in map.tables where !["recordings", "voicemails"].contains(table.name) {
                #expect(table.role == .controller, "\(table.name)")
            }
        }

        @Test func identifiersAndTheirCountries() throws {
            let cdrs = try #require(map.table("cdrs"))
            let forwarded = try #require(cdrs.identifiers.first { $0.column == "forwarded_to" })
            #expect(forwarded.relation == .related)
            #expect(forwarded.country == .reference(via: ["service_number", "customer_id"], column: "country"))
            let caller = try #require(cdrs.identifiers.first { $0.column == "caller_number" })
            #expect(caller.relation == .subject)
            #expect(caller.country == .phonePrefix(column: "service_number"))

            let orders = try #require(map.table("orders"))
            let number = try #require(orders.identifiers.first { $0.column == "service_number" })
            #expect(number.relation == .related && number.country == .column("country"))
            #expect(orders.identifiers.contains { $0.column == "ip_address" && $0.kind == .ip })

            let contacts = try #require(map.table("contacts"))
            let phone = try #require(contacts.identifiers.first { $0.column == "phone" })
            #expect(phone.country == .reference(via: ["customer_id"], column: "country"))
            #expect(contacts.identifiers.contains { $0.column == "full_name" && $0.kind == .name })

            let emails = try #require(map.table("emails"))
            for column in ["from_addr", "to_addrs", "cc_addrs"] {
                #expect(emails.identifiers.contains { $0.column == column && $0.kind == .email && $0.addressList })
            }
            #expect(map.table("service_numbers")?.identifiers.contains { $0.column == "number" } == false)
            for table in ["contacts", "orders", "service_numbers", "invoices", "emails"] {
                let customer = map.table(table)?.identifiers.first { $0.column == "customer_id" }
                #expect(customer?.kind == .customer, "\(table)")
            }
        }

        @Test(arguments: [
            ("contacts", "customer_id", "customers", LinkRule.related, LinkRule.none),
            ("orders", "customer_id", "customers", .related, .none),
            ("orders", "contact_id", "contacts", .none, .owned),
            ("service_numbers", "customer_id", "customers", .related, .none),
            ("invoices", "customer_id", "customers", .none, .none),
            ("cdrs", "service_number", "service_numbers", .none, .related),
            ("cdrs", "invoice_id", "invoices", .none, .none),
            ("recordings", "cdr_id", "cdrs", .none, .owned),
            ("voicemails", "cdr_id", "cdrs", .none, .owned),
            ("voicemails", "email_id", "emails", .owned, .none),
            ("emails", "customer_id", "customers", .none, .none),
        ])
        func references(table: String, column: String, target: String, parent: LinkRule, children: LinkRule) throws {
            let reference = try #require(map.table(table)?.references.first { $0.column == column })
            #expect(reference.table == target)
            #expect(reference.parent == parent)
            #expect(reference.children == children)
        }

        @Test func filesRetentionAndErasure() throws {
            let files = map.tables.flatMap { table in table.files.map { "\(table.name).\($0.column) \($0.format)" } }
            #expect(files == ["recordings.file_path audio", "emails.file_path email", "voicemails.file_path audio"])
            #expect(map.table("voicemails")?.files.first?.format == .audio)
            #expect(map.table("emails")?.files.first?.format == .email)
            let recordings = try #require(map.table("recordings"))
            #expect(
                recordings.retention.daysColumn
                    == ColumnPath(via: ["cdr_id", "service_number"], column: "recording_retention_days"))
            let cdrs = try #require(map.table("cdrs"))
            #expect(cdrs.personalColumn("caller_number")?.erasure == .pseudonymise)
            guard case .retain(let basis, .tableRetention) = cdrs.personalColumn("started_at")?.erasure else {
                Issue.record("cdrs.started_at is retained for invoicing")
                return
            }
            #expect(basis.contains("Art. 17(3)(b)"))
        }

        @Test func everyTableSaysWhyAndForHowLong() {
            for table in map.tables {
                #expect(!table.purpose.isEmpty && !table.legalBasis.isEmpty && !table.retention.rule.isEmpty)
                #expect(!table.categories.isEmpty && !table.recipients.isEmpty, "\(table.name)")
            }
        }
    }
}
