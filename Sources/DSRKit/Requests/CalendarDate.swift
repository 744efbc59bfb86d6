import Foundation

/// A calendar date without time (the DPO's dates are days), ISO 8601 `YYYY-MM-DD`.
///
/// Proleptic Gregorian calendar, years 0001–9999 so that every date has exactly the four-digit
/// form. All arithmetic is plain integer arithmetic on day numbers: no `Calendar`, no locale and
/// no time zone, so a deadline never moves with the machine it is computed on.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years a date may have: those written with exactly four digits, from 0001.
    static let years = 1...9999

    /// The date, or nil when it does not exist (2026-02-30, month 13, year 0 or 10000).
    public init?(year: Int, month: Int, day: Int) {
        guard Self.years.contains(year), (1...12).contains(month),
            (1...Self.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses strict ISO 8601 `YYYY-MM-DD` (ASCII digits, zero-padded, no time, no sign); nil otherwise.
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Self.number(bytes[0..<4]), let month = Self.number(bytes[5..<7]),
            let day = Self.number(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date in UTC of an instant: the register's dates must not depend on where `dsr` runs.
    public static func today(clock: Date = Date()) -> CalendarDate {
        let seconds = Int(clock.timeIntervalSince1970.rounded(.down))
        return CalendarDate(dayNumber: floorDivide(seconds, by: 86_400))
    }

    /// `2026-03-01`.
    public var description: String {
        Self.pad(year, to: 4) + "-" + Self.pad(month, to: 2) + "-" + Self.pad(day, to: 2)
    }

    /// The date `days` days later (earlier when negative).
    ///
    /// Traps when the result falls outside 0001–9999; callers bound user-given day counts.
    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The same day number `months` calendar months later (earlier when negative), or the last day
    /// of that month when it has no such day: 31 January + 1 → 28 or 29 February.
    ///
    /// This is the end of a period expressed in months under Regulation (EEC, Euratom)
    /// No 1182/71 Art. 3(2)(c), which GDPR Art. 12(3) periods follow.
    /// Traps when the result falls outside 0001–9999.
    public func addingMonths(_ months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = Self.floorDivide(index, by: 12)
        let newMonth = index - newYear * 12 + 1
        let newDay = min(day, Self.daysInMonth(year: newYear, month: newMonth))
        guard let date = CalendarDate(year: newYear, month: newMonth, day: newDay) else {
            preconditionFailure("CalendarDate out of range 0001-9999 adding \(months) months to \(self)")
        }
        return date
    }

    /// Whole days from this date to `other`: positive when `other` is later, 0 on the same day.
    public func days(until other: CalendarDate) -> Int {
        other.dayNumber - dayNumber
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    // MARK: - Codable

    /// Decodes the ISO string form; anything else is a data error naming the expected format.
    /// - Throws: `DecodingError.dataCorrupted` when the string is not a strict `YYYY-MM-DD` date.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = CalendarDate(iso: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected a date in the form YYYY-MM-DD")
        }
        self = date
    }

    /// Encodes as the ISO string `YYYY-MM-DD`, the form the register stores and prints.
    /// - Throws: what the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    // MARK: - Day numbers

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's `days_from_civil`).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = Self.floorDivide(y, by: 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12  // March = 0, so the leap day ends the shifted year
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day number since 1970-01-01 (H. Hinnant's `civil_from_days`).
    /// Traps outside 0001–9999.
    init(dayNumber: Int) {
        let shifted = dayNumber + 719_468
        let era = Self.floorDivide(shifted, by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        guard let date = CalendarDate(year: year, month: month, day: day) else {
            preconditionFailure("CalendarDate out of range 0001-9999 for day number \(dayNumber)")
        }
        self = date
    }

    // MARK: - Helpers

    /// Gregorian leap years: every fourth year, except centuries not divisible by 400.
    static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// 28–31; `month` must be 1...12.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Rounds toward negative infinity, for day numbers and month indexes before the epoch.
    static func floorDivide(_ value: Int, by divisor: Int) -> Int {
        let quotient = value / divisor
        return value % divisor < 0 ? quotient - 1 : quotient
    }

    /// The value of a run of ASCII digits; nil when any byte is not `0`–`9`.
    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// `value` with leading zeros to `width` digits; `value` is never negative here.
    private static func pad(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
