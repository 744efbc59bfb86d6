import Foundation
import Testing

@testable import DSRKit

extension DataMapTests {
    /// `datamap check` names the line of each mistake in the retention keys, one case per kind.
    @Suite struct RetentionKeys {
        /// A mistake: what to replace in the built-in map, with what, and the message expected on
        /// the line of `marker` (a text of the replacement).
        struct Mistake: Sendable, CustomTestStringConvertible {
            let kind: String
            let old: String
            let new: String
            let marker: String
            let message: String

            var testDescription: String { kind }
        }

        static let mistakes: [Mistake] = [
            Mistake(
                kind: "unknown key", old: "then_referenced: pseudonymise}",
                new: "then_referenced: pseudonymise, keep_for: 3}", marker: "keep_for",
                message: "unknown key 'keep_for'"),
            Mistake(
                kind: "bad then of a table", old: "days: 2555, from: issued_at,\n      then: delete-row}",
                new: "days: 2555, from: issued_at,\n      then: shred}", marker: "then: shred",
                message: "unknown then 'shred'"),
            Mistake(
                kind: "then_referenced that deletes", old: "then_referenced: pseudonymise}",
                new: "then_referenced: delete-row}", marker: "then_referenced: delete-row",
                message: "'then_referenced' must be pseudonymise"),
            Mistake(
                kind: "then without a period",
                old: "retention: {rule: \"While the number is assigned, then 7 years for tax and bookkeeping law.\"}",
                new: "retention: {rule: \"While the number is assigned.\", then: delete-row}",
                marker: "While the number is assigned.\", then", message: "'then' needs a period"),
            Mistake(
                kind: "from not in the table", old: "days: 730, from: sent_at,", new: "days: 730, from: sendt_at,",
                marker: "from: sendt_at",
                message: "retention 'from' column 'sendt_at': table 'emails' has no such column"),
            Mistake(
                kind: "from that is a reference", old: "days: 400, from: received_at,", new: "days: 400, from: cdr_id,",
                marker: "days: 400, from: cdr_id",
                message: "'from' column 'cdr_id' is a reference column, not a timestamp"),
            Mistake(
                kind: "from declared as a number", old: "days: 2555, from: issued_at,",
                new: "days: 2555, from: total_cents,",
                marker: "from: total_cents", message: "'total_cents' of table 'invoices' is declared INTEGER"),
            Mistake(
                kind: "days_column not in the table", old: "column: recording_retention_days}",
                new: "column: retention_days}", marker: "column: retention_days}",
                message: "'retention_days': table 'service_numbers' has no such column"),
            Mistake(
                kind: "while_referenced_by a table that does not reference it", old: "[recordings, voicemails]",
                new: "[recordings, invoices]", marker: "[recordings, invoices]",
                message: "table 'invoices' of 'while_referenced_by' has no reference to table 'cdrs'"),
            Mistake(
                kind: "while_referenced_by a table the map lacks", old: "[recordings, voicemails]",
                new: "[recordings, faxes]", marker: "[recordings, faxes]", message: "names table 'faxes'"),
            Mistake(
                kind: "also_purge of a column that is not a reference", old: "also_purge: [email_id]",
                new: "also_purge: [emailed_at]", marker: "also_purge: [emailed_at]",
                message: "'also_purge' column 'emailed_at' is not a reference of table 'voicemails'"),
            Mistake(
                kind: "bad then of a column", old: "from: ordered_at, then: set-null}",
                new: "from: ordered_at, then: forget}", marker: "then: forget", message: "unknown then 'forget'"),
            Mistake(
                kind: "column from not in the table", old: "retention: {days: 365, from: ordered_at,",
                new: "retention: {days: 365, from: order_date,", marker: "from: order_date",
                message: "retention 'from' column 'order_date': table 'orders' has no such column"),
            Mistake(
                kind: "column retention without days", old: "retention: {days: 365, from: ordered_at,",
                new: "retention: {from: ordered_at,", marker: "retention: {from: ordered_at,", message: "has no 'days'"),
            Mistake(
                kind: "bad then of a file", old: "until_set: emailed_at, then: delete}",
                new: "until_set: emailed_at, then: shred}", marker: "then: shred}", message: "unknown then 'shred'"),
            Mistake(
                kind: "until_set not in the table", old: "until_set: emailed_at,", new: "until_set: mailed_at,",
                marker: "until_set: mailed_at",
                message: "retention 'until_set' column 'mailed_at': table 'voicemails' has no such column"),
            Mistake(
                kind: "until_set that is a reference", old: "until_set: emailed_at,", new: "until_set: email_id,",
                marker: "until_set: email_id", message: "'until_set' column 'email_id' is a reference column"),
        ]

        /// The problems of the built-in map with `mistake` made, against a demo database.
        static func problems(_ mistake: Mistake) throws -> (text: String, problems: [DataMapProblem]) {
            let text = BuiltinDataMap.text.replacingOccurrences(of: mistake.old, with: mistake.new)
            #expect(text != BuiltinDataMap.text, "the replacement applies")
            return (text, try DataMapTests.Checker.problems(text))
        }

        @Test(arguments: mistakes)
        func eachMistakeIsReportedOnItsLine(_ mistake: Mistake) throws {
            let (text, problems) = try Self.problems(mistake)
            let line = Parser.line(of: mistake.marker, in: text)
            #expect(line > 0)
            #expect(DataMapTests.has(problems, line: line, mistake.message), "\(DataMapTests.lines(problems))")
        }

        @Test func theBuiltinMapHasNoRetentionProblems() throws {
            #expect(try DataMapTests.Checker.problems(BuiltinDataMap.text).isEmpty)
        }
    }
}
