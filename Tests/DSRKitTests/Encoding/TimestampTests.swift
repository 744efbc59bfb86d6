import Foundation
import Testing

@testable import DSRKit

/// ISO 8601 as operations data writes it, checked against Foundation's own parser.
@Suite struct TimestampTests {
    static let accepted: [(String, String)] = [
        ("2026-03-01T14:05:09Z", "2026-03-01T14:05:09Z"),
        ("2026-03-01 14:05:09", "2026-03-01T14:05:09Z"),
        ("2026-03-01T14:05Z", "2026-03-01T14:05:00Z"),
        ("2026-03-01T14:05:09.123Z", "2026-03-01T14:05:09Z"),
        ("2026-03-01T15:05:09+01:00", "2026-03-01T14:05:09Z"),
        ("2026-03-01T09:05:09-0500", "2026-03-01T14:05:09Z"),
        ("2024-02-29T00:00:00Z", "2024-02-29T00:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
        ("2000-01-01T00:00:00+14:00", "1999-12-31T10:00:00Z"),
        // Surrounding white space, ASCII and not, is ignored (the ASCII kind on a fast path).
        ("  2026-03-01T14:05:09Z\t", "2026-03-01T14:05:09Z"),
        ("\u{00A0}2026-03-01T14:05:09Z\u{2003}", "2026-03-01T14:05:09Z"),
    ]

    @Test(arguments: accepted)
    func aFormReadsAsFoundationReadsItsCanonicalForm(text: String, canonical: String) throws {
        let formatter = ISO8601DateFormatter()
        let expected = try #require(formatter.date(from: canonical))
        let timestamp = try #require(Timestamp(text))
        #expect(timestamp.seconds == Int64(expected.timeIntervalSince1970))
        #expect(timestamp.hasTime)
    }

    @Test func aDateAloneIsMidnightUTCWithoutATime() throws {
        let date = try #require(Timestamp("2026-03-01"))
        #expect(date.seconds == 1_772_323_200)
        #expect(!date.hasTime)
    }

    @Test(arguments: [
        "", "2026-3-1", "2026-02-30", "2025-02-29", "2026-13-01", "2026-03-01T25:00:00Z", "2026-03-01T14:61",
        "2026-03-01T14:05:09Q", "2026-03-01T14:05:09+1", "yesterday", "2026-03-01T14:05:09Z trailing",
        " ", "\t\u{00A0}", "\u{00A0}2026-03-01T14:05:09Z\u{00A0}x",
    ])
    func aNearMissIsNotATimestamp(text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func partsFollowTheTimeZoneAcrossDaylightSaving() throws {
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        // Winter: UTC+1; summer: UTC+2; late on 28 February UTC is already 1 March there.
        #expect(try #require(Timestamp("2026-01-15T12:00:00Z")).parts(in: amsterdam).hour == 13)
        #expect(try #require(Timestamp("2026-07-15T12:00:00Z")).parts(in: amsterdam).hour == 14)
        let late = try #require(Timestamp("2026-02-28T23:30:00Z")).parts(in: amsterdam)
        #expect(late == Timestamp.Parts(year: 2026, month: 3, day: 1, hour: 0, minute: 30, second: 0))
    }
}
