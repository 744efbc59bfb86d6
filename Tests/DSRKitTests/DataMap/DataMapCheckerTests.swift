import Foundation
import Testing

@testable import DSRKit

extension DataMapTests {
    /// The checks of how tables fit together, and of the map against an operations database.
    @Suite struct Checker {
        /// Mistakes that only show against the database or across tables, one per line.
        static let broken = """
            version: 1
            tables:
              cdrs:
                primary_key: id
                holds: record
                purpose: "Calls."
                legal_basis: "Art. 6(1)(b) GDPR"
                role: controller
                retention: {rule: "400 days", days: 400, from: strated_at}
                identifiers:
                  - {column: caller_nmber, kind: phone, country: {prefix_of: service_numbr}}
                  - {column: forwarded_to, kind: phone, country: {via: [service_numbr, customer_id], column: country}}
                  - {column: caller_number, kind: phone, country: {via: [service_number, customer_id], column: land}}
                  - {column: charge_cents, kind: email, country: NL}
                  - {column: duration_s, kind: ip}
                references:
                  - {column: service_number, table: service_numbers, target: numbr, children: related}
                  - {column: invoice_id, table: invoicez, target: id}
                columns:
                  - {column: caller_nmber, erasure: pseudonymise}
                  - {column: forwarded_to, erasure: retain, basis: "tax law", until: {days: 30, from: sent_at}}
                  - {column: caller_number, erasure: pseudonymise}
                  - {column: charge_cents, erasure: redact}
                  - {column: caller_number, erasure: redact}
              service_numbers:
                primary_key: number
                holds: record
                purpose: "Numbers."
                legal_basis: "Art. 6(1)(b) GDPR"
                role: controller
                retention: {rule: "Owner decides.", days: 10, days_column: {via: [customer], column: days}}
                references:
                  - {column: customer_id, table: customers, target: id}
              customers:
                primary_key: id
                holds: organisation
                purpose: "Customers."
                legal_basis: "Art. 6(1)(b) GDPR"
                role: controller
                retention: {rule: "Contract.", from: created_at}
              faxes:
                primary_key: id
                holds: record
                purpose: "Faxes."
                legal_basis: "Art. 6(1)(b) GDPR"
                role: controller
                retention: {rule: "Never kept."}
            """

        @Test(arguments: [
            ("from: strated_at", "retention 'from' column 'strated_at': table 'cdrs' has no such column"),
            ("column: caller_nmber, kind", "identifier 'caller_nmber': table 'cdrs' has no such column"),
            ("prefix_of: service_numbr", "prefix_of column 'service_numbr': table 'cdrs' has no such column"),
            ("via: [service_numbr", "'service_numbr' is not a reference of table 'cdrs'"),
            ("column: land", "country column (via service_number, customer_id) 'land': table 'customers'"),
            ("kind: email, country: NL", "only phone identifiers take 'country'"),
            ("kind: ip", "identifier 'duration_s' of table 'cdrs' has no entry under 'columns'"),
            ("target: numbr", "target 'numbr': table 'service_numbers' has no such column"),
            ("table: invoicez", "names table 'invoicez', which the map does not describe"),
            ("from: sent_at", "'until' from column 'sent_at': table 'cdrs' has no such column"),
            ("column: caller_number, erasure: redact", "is listed twice under 'columns' (first on line 22)"),
            ("days_column: {via", "gives both 'days' and 'days_column'"),
            ("days_column: {via", "'customer' is not a reference of table 'service_numbers'"),
            ("from: created_at", "gives 'from' without 'days' or 'days_column'"),
            ("  faxes:", "table 'faxes' does not exist in the database"),
        ])
        func eachMistakeIsReportedOnItsLine(marker: String, message: String) throws {
            let problems = try Self.brokenProblems.get()
            let line = Parser.line(of: marker, in: Self.broken)
            #expect(DataMapTests.has(problems, line: line, message), "\(DataMapTests.lines(problems))")
        }

        @Test func nothingElseIsReported() throws {
            let problems = try Self.brokenProblems.get()
            #expect(problems.count == 17, "\(DataMapTests.lines(problems))")
        }

        @Test func aReferenceToATableTheMapLacksIsReportedOnce() throws {
            let problems = try Self.brokenProblems.get().filter { $0.message.contains("invoicez") }
            #expect(problems.count == 1)
        }

        @Test func validateWorksWithoutADatabase() {
            let result = DataMapParser.read(Self.broken)
            #expect(result.problems.isEmpty)
            let problems = result.map.validate(locations: result.locations)
            #expect(problems.count == 9, "\(DataMapTests.lines(problems))")
            #expect(!problems.contains { $0.message.contains("has no such column") })
        }

        @Test func namesAreComparedAsSQLiteDoesIgnoringCase() throws {
            let text = BuiltinDataMap.text.replacingOccurrences(of: "primary_key: id", with: "primary_key: ID")
            #expect(try Self.problems(text).isEmpty)
        }

        /// The problems of ``broken``, computed once for all its tests.
        static let brokenProblems = Result { try problems(broken) }

        /// The problems of `text` against a fresh demo database.
        static func problems(_ text: String) throws -> [DataMapProblem] {
            let folder = try TemporaryDirectory()
            return try DataMapChecker.check(text: text, operations: .sqlite(try DataMapTests.demoDatabase(in: folder)))
        }
    }
}
