/// The moment a retention audit counts against: 00:00 UTC of the `--as-of` day
/// (CONTRACT.md section 7; a day is 86,400 s).
public struct RetentionCutoff: Sendable, Equatable {
    /// The day given as `--as-of`.
    public let asOf: CalendarDate
    /// 00:00 UTC of ``asOf``, in seconds since 1970-01-01T00:00:00Z.
    public let seconds: Int64

    /// The cutoff of `asOf`.
    public init(asOf: CalendarDate) {
        self.asOf = asOf
        seconds = Int64(asOf.dayNumber) * 86_400
    }

    /// Whether a record whose period started at `start` (seconds) and lasts `days` days is past
    /// retention: start + period strictly before the cutoff. Nil for a negative period, which
    /// no rule can mean (reported as unset).
    func isPast(start: Int64, days: Int64) -> Bool? {
        guard days >= 0 else { return nil }
        let (length, overflow) = days.multipliedReportingOverflow(by: 86_400)
        let (end, late) = start.addingReportingOverflow(length)
        if overflow || late { return false }
        return end < seconds
    }

    /// The moment a stored start value names, in seconds; nil when it is NULL or not ISO 8601
    /// text (CONTRACT.md section 2: an offset is honoured, no zone reads as UTC).
    static func start(of value: CellValue) -> Int64? {
        guard case .text(let text) = value else { return nil }
        if let seconds = canonicalSeconds(text) { return seconds }
        return Timestamp(text)?.seconds
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly, the form the reference schema stores, read in place: a
    /// scan dates every row of a table (10 million calls), and ``Timestamp`` copies the text
    /// first. Nil for any other form, which ``Timestamp`` then reads.
    private static func canonicalSeconds(_ text: String) -> Int64? {
        text.utf8.withContiguousStorageIfAvailable { canonicalSeconds($0) } ?? nil
    }

    /// ``canonicalSeconds(_:)`` of text read in place (a scan's cell, never copied).
    static func canonicalSeconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        do {
            guard bytes.count == 20, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
                bytes[16] == 0x3A, bytes[19] == 0x5A
            else { return nil }
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for index in start..<start + count {
                    let byte = bytes[index]
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                hour < 24, minute < 60, second <= 60,
                let date = CalendarDate(year: year, month: month, day: day)
            else { return nil }
            return Int64(date.dayNumber) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        }
    }

    /// `2026-03-01T14:05:09Z` for a moment: how findings give the oldest start (UTC).
    static func iso(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = Int(seconds - Int64(days) * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let time = two(rest / 3600) + ":" + two(rest % 3600 / 60) + ":" + two(rest % 60)
        return CalendarDate(dayNumber: days).description + "T" + time + "Z"
    }
}
