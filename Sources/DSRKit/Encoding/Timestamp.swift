import Foundation

/// A moment read from ISO 8601 text as the operations data stores it (`2026-03-01T14:05:09Z`),
/// tolerating what other systems write: a space for `T`, no seconds, fractions, an offset
/// (`+01:00`, `+0100`), no zone (read as UTC, as CONTRACT.md section 2 says), or a date alone.
struct Timestamp: Sendable, Equatable {
    /// Seconds since 1970-01-01T00:00:00Z.
    let seconds: Int64
    /// Whether the text gave a time of day (a date alone is midnight UTC and has none).
    let hasTime: Bool

    /// The calendar fields of a moment in some time zone.
    struct Parts: Equatable {
        let year, month, day, hour, minute, second: Int
    }

    init(seconds: Int64, hasTime: Bool) {
        self.seconds = seconds
        self.hasTime = hasTime
    }

    /// Reads `text`; nil when it is not an ISO 8601 date or date and time.
    init?(_ text: String) {
        var scanner = Digits(Self.trimmed(text))
        guard let year = scanner.number(4), scanner.skip("-"), let month = scanner.number(2), scanner.skip("-"),
            let day = scanner.number(2), (1...12).contains(month), (1...Self.days(in: month, of: year)).contains(day)
        else { return nil }
        var seconds = Self.daysFromEpoch(year: year, month: month, day: day) * 86_400
        guard !scanner.atEnd else {
            self.init(seconds: seconds, hasTime: false)
            return
        }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "), let hour = scanner.number(2),
            scanner.skip(":"), let minute = scanner.number(2), hour < 24, minute < 60
        else { return nil }
        var second = 0
        if scanner.skip(":") {
            guard let value = scanner.number(2), value <= 60 else { return nil }
            second = value
            if scanner.skip(".") || scanner.skip(",") {
                guard scanner.skipDigits() else { return nil }
            }
        }
        seconds += Int64(hour * 3600 + minute * 60 + second)
        if scanner.skip("Z") || scanner.skip("z") || scanner.atEnd {
            guard scanner.atEnd else { return nil }
        } else {
            scanner.skip(" ")
            let sign: Int64
            if scanner.skip("+") {
                sign = 1
            } else if scanner.skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = scanner.number(2), hours < 24 else { return nil }
            _ = scanner.skip(":")
            let minutes = scanner.atEnd ? 0 : scanner.number(2)
            guard let minutes, minutes < 60, scanner.atEnd else { return nil }
            seconds -= sign * Int64(hours * 3600 + minutes * 60)
        }
        self.init(seconds: seconds, hasTime: true)
    }

    /// The calendar fields of this moment in `zone` (daylight saving time included).
    func parts(in zone: TimeZone) -> Parts {
        let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds))))
        var local = time_t(seconds + offset)
        var fields = tm()
        gmtime_r(&local, &fields)
        return Parts(
            year: Int(fields.tm_year) + 1900, month: Int(fields.tm_mon) + 1, day: Int(fields.tm_mday),
            hour: Int(fields.tm_hour), minute: Int(fields.tm_min), second: Int(fields.tm_sec))
    }

    /// The UTF-8 bytes without surrounding white space. ASCII spaces and tabs are cut from the
    /// bytes (Foundation's trimming costs ~15,000 instructions a call, and a plan dates every
    /// retained cell); other white space goes through Foundation.
    private static func trimmed(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        guard bytes[first] < 0x80, bytes[last] < 0x80 else {
            return Array(text.trimmingCharacters(in: .whitespaces).utf8)
        }
        return Array(bytes[first...last])
    }

    private static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func days(in month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to a date of the proleptic Gregorian calendar.
    private static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int64 {
        // Howard Hinnant's days_from_civil.
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over ASCII bytes for the timestamp reader.
private struct Digits {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index == bytes.count }

    /// Exactly `count` decimal digits.
    mutating func number(_ count: Int) -> Int? {
        guard index + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + count] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += count
        return value
    }

    @discardableResult
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard !atEnd, bytes[index] == UInt8(ascii: character) else { return false }
        index += 1
        return true
    }

    /// One or more digits.
    mutating func skipDigits() -> Bool {
        let start = index
        while !atEnd, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        return index > start
    }
}
