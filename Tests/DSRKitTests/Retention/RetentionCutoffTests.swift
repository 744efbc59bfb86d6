import Testing

@testable import DSRKit

/// The period arithmetic at the cutoff: a record is past retention when its start plus the
/// period is strictly before 00:00 UTC of `--as-of` (CONTRACT.md section 7; a day is 86,400 s).
@Suite struct RetentionCutoffTests {
    static let cutoff = RetentionCutoff(asOf: CalendarDate(iso: "2026-12-01")!)

    /// Whether a start stored as `text` is past a one-day period at the cutoff.
    static func past(_ text: String, days: Int64 = 1) -> Bool? {
        RetentionCutoff.start(of: .text(text)).flatMap { cutoff.isPast(start: $0, days: days) }
    }

    @Test func theCutoffIsMidnightUTCOfTheDay() {
        #expect(Self.cutoff.seconds == Timestamp("2026-12-01T00:00:00Z")!.seconds)
    }

    @Test(arguments: [
        // Ending exactly at the cutoff is not before it.
        ("2026-11-30T00:00:00Z", false),
        ("2026-11-29T23:59:59Z", true),
        ("2026-11-30T00:00:01Z", false),
        // Offsets are honoured: each of these is the same moment as the line above it.
        ("2026-11-30T01:00:00+01:00", false),
        ("2026-11-30T00:59:59+01:00", true),
        ("2026-11-29T19:00:00-05:00", false),
        ("2026-11-29T18:59:59-0500", true),
        // No zone reads as UTC (CONTRACT.md section 2); a space may stand for T.
        ("2026-11-29 23:59:59", true),
        ("2026-11-30 00:00", false),
        // A date alone is midnight UTC.
        ("2026-11-30", false),
        ("2026-11-29", true),
        ("2026-11-29T23:59:59.999Z", true),
    ])
    func aRecordIsPastWhenItsEndIsBeforeTheCutoff(start: String, past: Bool) {
        #expect(Self.past(start) == past, "\(start)")
    }

    @Test func aLongerPeriodMovesTheBoundaryByWholeDays() {
        #expect(Self.past("2025-10-27T00:00:00Z", days: 400) == false)
        #expect(Self.past("2025-10-26T23:59:59Z", days: 400) == true)
    }

    @Test(arguments: ["", "garbage", "2026-02-30T10:00:00Z", "30/11/2026", "2026-11-30T25:00:00Z"])
    func unreadableStartsHaveNoStart(text: String) {
        #expect(RetentionCutoff.start(of: .text(text)) == nil)
    }

    @Test(arguments: [
        "2026-11-30T00:00:00Z", "2024-02-29T23:59:59Z", "1969-12-31T23:59:59Z", "2026-12-31T23:59:60Z",
        "0001-01-01T00:00:00Z", "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z", "2026-11-30T24:00:00Z",
        "2026-11-30T10:60:00Z", "2026-11-30t10:00:00Z", "2026-11-30T10:00:00z",
    ])
    func theCanonicalFormReadsAsTimestampReadsIt(text: String) {
        #expect(RetentionCutoff.start(of: .text(text)) == Timestamp(text)?.seconds, "\(text)")
    }

    @Test func nullAndNumbersHaveNoStart() {
        #expect(RetentionCutoff.start(of: .null) == nil)
        #expect(RetentionCutoff.start(of: .integer(1_700_000_000)) == nil)
    }

    @Test func aNegativePeriodIsUnsetAndAHugeOneNeverEnds() {
        #expect(Self.cutoff.isPast(start: 0, days: -1) == nil)
        #expect(Self.cutoff.isPast(start: 0, days: .max) == false)
        #expect(Self.cutoff.isPast(start: 0, days: 0) == true)
    }

    @Test func theOldestStartIsWrittenInUTC() {
        #expect(RetentionCutoff.iso(0) == "1970-01-01T00:00:00Z")
        #expect(RetentionCutoff.iso(-1) == "1969-12-31T23:59:59Z")
        #expect(RetentionCutoff.iso(Timestamp("2025-01-03T08:12:09+01:00")!.seconds) == "2025-01-03T07:12:09Z")
    }

    @Test func oldestRowsKeepsTheLimitOldestInOrder() {
        var rows = OldestRows(limit: 3)
        for (start, number) in [(50, 1), (10, 2), (40, 3), (30, 4), (10, 5), (60, 6)] as [(Int64, Int64)] {
            rows.offer(start: start, number: number)
        }
        #expect(rows.sorted.map(\.number) == [2, 5, 4])
        var none = OldestRows(limit: 0)
        none.offer(start: 1, number: 1)
        #expect(none.sorted.isEmpty)
    }
}
