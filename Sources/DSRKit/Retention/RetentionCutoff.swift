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
        return Timestamp(text)?.seconds
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
