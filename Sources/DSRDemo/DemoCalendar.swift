import DSRKit

/// Fixed calendar arithmetic for the demo period; never reads the clock.
///
/// Instants are seconds since 2025-01-01T00:00:00Z (negative before it). Formatting is done
/// by hand: `String(format:)` and date formatters are slow on Linux and locale-dependent.
enum DemoCalendar {
    /// Days from 1970-01-01 to 2025-01-01.
    static let epochOffsetDays = 20_089
    /// Number of days in the call period 2025-01-01 ... 2026-10-31.
    static let periodDays = 669
    /// Number of months in the call period (2025-01 ... 2026-10).
    static let periodMonths = 22
    /// Seconds in a day.
    static let day = 86_400

    /// Days since 1970-01-01 of a civil date (proleptic Gregorian).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count since 1970-01-01.
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Seconds since 2025-01-01 of midnight on a civil date.
    static func instant(year: Int, month: Int, day: Int) -> Int {
        (daysFromCivil(year: year, month: month, day: day) - epochOffsetDays) * Self.day
    }

    /// The period-relative month index (0 = 2025-01) of an instant.
    static func monthIndex(_ instant: Int) -> Int {
        let date = civil(fromDays: floorDiv(instant, Self.day) + epochOffsetDays)
        return (date.year - 2025) * 12 + date.month - 1
    }

    /// Floor division for possibly negative instants.
    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    /// `2026-03-01T14:05:09Z` for an instant.
    static func iso(_ instant: Int) -> String {
        let buffer = DemoBytes()
        writeISO(instant, into: buffer)
        return buffer.string
    }

    /// Appends `2026-03-01T14:05:09Z` to a byte buffer.
    static func writeISO(_ instant: Int, into out: DemoBytes) {
        let days = floorDiv(instant, Self.day)
        let date = civil(fromDays: days + epochOffsetDays)
        writeDate(year: date.year, month: date.month, day: date.day, into: out)
        out.append(UInt8(ascii: "T"))
        writeClock(instant - days * Self.day, into: out)
    }

    /// Appends `2026-03-01`.
    static func writeDate(year: Int, month: Int, day: Int, into out: DemoBytes) {
        out.appendNumber(year, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendNumber(month, width: 2)
        out.append(UInt8(ascii: "-"))
        out.appendNumber(day, width: 2)
    }

    /// Appends `14:05:09Z` for seconds since midnight.
    @inline(__always)
    static func writeClock(_ seconds: Int, into out: DemoBytes) {
        out.appendNumber(seconds / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendNumber(seconds / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendNumber(seconds % 60, width: 2)
        out.append(UInt8(ascii: "Z"))
    }

    /// `2026-03` for a period-relative month index.
    static func period(monthIndex: Int) -> String {
        let out = DemoBytes()
        out.appendNumber(2025 + monthIndex / 12, width: 4)
        out.append(UInt8(ascii: "-"))
        out.appendNumber(monthIndex % 12 + 1, width: 2)
        return out.string
    }

    /// Instant of the first second of a period-relative month.
    static func monthStart(_ monthIndex: Int) -> Int {
        instant(year: 2025 + monthIndex / 12, month: monthIndex % 12 + 1, day: 1)
    }

    /// `2026/03` folder part for a file path.
    static func folder(_ instant: Int) -> String {
        let date = civil(fromDays: floorDiv(instant, Self.day) + epochOffsetDays)
        let out = DemoBytes()
        out.appendNumber(date.year, width: 4)
        out.append(UInt8(ascii: "/"))
        out.appendNumber(date.month, width: 2)
        return out.string
    }

    /// RFC 5322 §3.3 date: `Sun, 01 Mar 2026 14:05:09 +0000`.
    static func rfc5322(_ instant: Int) -> String {
        let days = floorDiv(instant, Self.day)
        let date = civil(fromDays: days + epochOffsetDays)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        let out = DemoBytes()
        let weekday = ((days + epochOffsetDays) % 7 + 7) % 7
        out.append(weekdays[weekday] + ", ")
        out.appendNumber(date.day, width: 2)
        out.append(" " + months[date.month - 1] + " ")
        out.appendNumber(date.year, width: 4)
        out.append(UInt8(ascii: " "))
        let seconds = instant - days * Self.day
        out.appendNumber(seconds / 3600, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendNumber(seconds / 60 % 60, width: 2)
        out.append(UInt8(ascii: ":"))
        out.appendNumber(seconds % 60, width: 2)
        out.append(" +0000")
        return out.string
    }
}
