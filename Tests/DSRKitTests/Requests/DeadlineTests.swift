import Foundation
import Testing

@testable import DSRKit

/// GDPR Art. 12(3) deadlines and the calendar dates they are counted in.
@Suite struct DeadlineTests {
    /// One received date and the date the rule under test gives for it.
    struct Row: Sendable, CustomTestStringConvertible {
        let received: String
        let expected: String
        var testDescription: String { "\(received) → \(expected)" }
        init(_ received: String, _ expected: String) {
            self.received = received
            self.expected = expected
        }
    }

    /// Parses a date that the table itself spells, failing the row (not the run) when it is wrong.
    static func date(_ iso: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CalendarDate {
        try #require(CalendarDate(iso: iso), "bad date in the table: \(iso)", sourceLocation: sourceLocation)
    }

    // MARK: - Due date

    static let dueRows: [Row] = [
        // Ends of January, leap year 2024.
        Row("2024-01-28", "2024-02-28"), Row("2024-01-29", "2024-02-29"),
        Row("2024-01-30", "2024-02-29"), Row("2024-01-31", "2024-02-29"),
        // Ends of January, common year 2026.
        Row("2026-01-28", "2026-02-28"), Row("2026-01-29", "2026-02-28"),
        Row("2026-01-30", "2026-02-28"), Row("2026-01-31", "2026-02-28"),
        // Century rule: 1900 and 2100 are common years, 2000 is a leap year.
        Row("1900-01-31", "1900-02-28"), Row("2000-01-31", "2000-02-29"), Row("2100-01-29", "2100-02-28"),
        // The end of February runs to the same date, not to the end of March.
        Row("2024-02-29", "2024-03-29"), Row("2024-02-28", "2024-03-28"), Row("2026-02-28", "2026-03-28"),
        // Thirty-one days into a month of thirty.
        Row("2026-03-31", "2026-04-30"), Row("2026-05-31", "2026-06-30"),
        Row("2026-08-31", "2026-09-30"), Row("2026-10-31", "2026-11-30"),
        // Thirty into a month of thirty-one keeps the date.
        Row("2026-04-30", "2026-05-30"), Row("2026-03-30", "2026-04-30"),
        // Over the turn of the year.
        Row("2026-12-31", "2027-01-31"), Row("2026-12-15", "2027-01-15"), Row("2025-12-01", "2026-01-01"),
        // An ordinary date.
        Row("2026-07-15", "2026-08-15"),
    ]

    @Test("one month after receipt, the last day when the month is shorter", arguments: dueRows)
    func due(row: Row) throws {
        let received = try Self.date(row.received)
        #expect(Deadline.due(received: received).description == row.expected)
    }

    // MARK: - Extension

    /// Received, original due date, extended due date.
    struct ExtensionRow: Sendable, CustomTestStringConvertible {
        let received: String
        let due: String
        let extended: String
        var testDescription: String { "\(received) → \(due) → \(extended)" }
    }

    static let extensionRows: [ExtensionRow] = [
        // Counted from receipt: 30 April, not 28 April (due + 2 months).
        ExtensionRow(received: "2026-01-31", due: "2026-02-28", extended: "2026-04-30"),
        ExtensionRow(received: "2024-01-31", due: "2024-02-29", extended: "2024-04-30"),
        ExtensionRow(received: "2026-01-29", due: "2026-02-28", extended: "2026-04-29"),
        // 30 November runs to the end of February after next, leap and common.
        ExtensionRow(received: "2023-11-30", due: "2023-12-30", extended: "2024-02-29"),
        ExtensionRow(received: "2025-11-30", due: "2025-12-30", extended: "2026-02-28"),
        // 31 December: due 31 January, extended 31 March of the next year.
        ExtensionRow(received: "2025-12-31", due: "2026-01-31", extended: "2026-03-31"),
        ExtensionRow(received: "2026-12-31", due: "2027-01-31", extended: "2027-03-31"),
        // 31 October: due 30 November, extended 31 January, not 30 January.
        ExtensionRow(received: "2026-10-31", due: "2026-11-30", extended: "2027-01-31"),
        ExtensionRow(received: "2026-05-31", due: "2026-06-30", extended: "2026-08-31"),
        ExtensionRow(received: "2026-07-15", due: "2026-08-15", extended: "2026-10-15"),
    ]

    @Test("extension: three months counted from receipt", arguments: extensionRows)
    func extended(row: ExtensionRow) throws {
        let received = try Self.date(row.received)
        let due = Deadline.due(received: received)
        let extended = Deadline.extended(received: received)
        #expect(due.description == row.due)
        #expect(extended.description == row.extended)
        // Never shorter than two further months added to the due date.
        #expect(extended >= due.addingMonths(2))
    }

    // MARK: - Parsing

    static let rejectedISO: [String] = [
        "2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32",
        "2026-1-05", "2026-01-5", "26-01-05", "02026-01-05", "2026-01-05T10:00", "2026-01-05Z", "",
        " 2026-01-05", "2026-01-05 ", "2026/01/05", "20260105", "+2026-01-05", "-2026-01-05", "2026-0a-05",
        "0000-01-01", "2026-01-0\u{FF15}", "2026\u{2010}01\u{2010}05",
    ]

    @Test("rejects anything but a real YYYY-MM-DD date", arguments: rejectedISO)
    func rejects(iso: String) {
        #expect(CalendarDate(iso: iso) == nil)
    }

    static let acceptedISO: [String] = ["2026-01-05", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"]

    @Test("accepts real dates and prints them back unchanged", arguments: acceptedISO)
    func roundTrips(iso: String) throws {
        let date = try #require(CalendarDate(iso: iso))
        #expect(date.description == iso)
    }

    @Test func fieldsAndPadding() throws {
        let date = try #require(CalendarDate(year: 2026, month: 3, day: 1))
        #expect(date.year == 2026 && date.month == 3 && date.day == 1)
        #expect(date.description == "2026-03-01")
        #expect(CalendarDate(year: 7, month: 1, day: 9)?.description == "0007-01-09")
    }

    @Test("impossible components give nil")
    func impossibleComponents() {
        #expect(CalendarDate(year: 2026, month: 2, day: 30) == nil)
        #expect(CalendarDate(year: 2026, month: 2, day: 29) == nil)
        #expect(CalendarDate(year: 2026, month: 0, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 13, day: 1) == nil)
        #expect(CalendarDate(year: 2026, month: 1, day: 0) == nil)
        #expect(CalendarDate(year: 0, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 10_000, month: 1, day: 1) == nil)
        #expect(CalendarDate(year: 2024, month: 2, day: 29) != nil)
    }

    // MARK: - Arithmetic

    /// From, to, and the days between them.
    static let spans: [(String, String, Int)] = [
        ("2024-02-28", "2024-03-01", 2),  // across the leap day
        ("2026-02-28", "2026-03-01", 1),  // no leap day in a common year
        ("2023-03-01", "2024-03-01", 366),
        ("2024-03-01", "2025-03-01", 365),
        ("2024-03-01", "2023-03-01", -366),
        ("2026-03-01", "2026-03-01", 0),
        ("1970-01-01", "2026-03-01", 20_513),
        ("2024-02-28", "2026-03-01", 732),
        ("1999-12-31", "2000-03-01", 61),  // 2000 is a leap year
        ("2100-02-28", "2100-03-01", 1),  // 2100 is not
    ]

    @Test("days(until:) and adding(days:) agree", arguments: spans)
    func span(from: String, to: String, days: Int) throws {
        let start = try Self.date(from)
        let end = try Self.date(to)
        #expect(start.days(until: end) == days)
        #expect(end.days(until: start) == -days)
        #expect(start.adding(days: days) == end)
    }

    @Test func addingDaysStepsThroughTheLeapDay() throws {
        let start = try Self.date("2024-02-28")
        let steps = (0...3).map { start.adding(days: $0).description }
        #expect(steps == ["2024-02-28", "2024-02-29", "2024-03-01", "2024-03-02"])
        #expect(try Self.date("2025-01-01").adding(days: -1).description == "2024-12-31")
        #expect(try Self.date("1970-01-01").adding(days: -1).description == "1969-12-31")
    }

    /// Start, months to add, expected date.
    static let monthSteps: [(String, Int, String)] = [
        ("2026-01-31", 0, "2026-01-31"),
        ("2026-03-31", -1, "2026-02-28"),
        ("2024-02-29", 12, "2025-02-28"),
        ("2024-02-29", 48, "2028-02-29"),
        ("2026-01-15", -13, "2024-12-15"),
        ("2026-11-30", 14, "2028-01-30"),
    ]

    @Test("addingMonths keeps the day, or the month's last day", arguments: monthSteps)
    func addingMonths(from: String, months: Int, expected: String) throws {
        #expect(try Self.date(from).addingMonths(months).description == expected)
    }

    // MARK: - Order, clock and coding

    @Test func comparableOrdersYearThenMonthThenDay() throws {
        let ordered = try ["2024-12-31", "2025-01-01", "2025-01-31", "2025-02-01", "2025-02-02", "2025-10-01"]
            .map { try Self.date($0) }
        #expect(ordered.reversed().sorted() == ordered)
        #expect(try Self.date("2025-09-30") < Self.date("2025-10-01"))  // not string order of "9" and "10"
        #expect(try !(Self.date("2026-03-01") < Self.date("2026-03-01")))
    }

    @Test func todayIsTheUTCDate() {
        #expect(CalendarDate.today(clock: Date(timeIntervalSince1970: 0)).description == "1970-01-01")
        #expect(CalendarDate.today(clock: Date(timeIntervalSince1970: 1_772_409_599)).description == "2026-03-01")
        #expect(CalendarDate.today(clock: Date(timeIntervalSince1970: 1_772_409_600)).description == "2026-03-02")
        #expect(CalendarDate.today(clock: Date(timeIntervalSince1970: -0.5)).description == "1969-12-31")
    }

    @Test func codesAsTheISOString() throws {
        let date = try Self.date("2026-03-01")
        let json = try JSONEncoder().encode([date])
        #expect(String(decoding: json, as: UTF8.self) == #"["2026-03-01"]"#)
        #expect(try JSONDecoder().decode([CalendarDate].self, from: json) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CalendarDate].self, from: Data(#"["2026-02-30"]"#.utf8))
        }
    }
}
