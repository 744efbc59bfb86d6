import Foundation

/// How far a long job is, as a display shows it: a task, units done of a total, the rate
/// and the time left.
public struct ProgressReading: Sendable, Equatable {
    /// What is being done, in words a DPO reads ("building the index", "bulk requests").
    public var task: String
    /// What is counted ("rows", "records", "files").
    public var unit: String
    /// Units done so far.
    public var done: Int
    /// Units in all, when known.
    public var total: Int?
    /// Seconds since the job began.
    public var elapsed: Double
    /// Whether the job has ended (the display then clears its line).
    public var finished: Bool

    /// A reading (for displays and their tests; a job gets its readings from a ``ProgressMeter``).
    public init(task: String, unit: String, done: Int, total: Int?, elapsed: Double, finished: Bool = false) {
        self.task = task
        self.unit = unit
        self.done = done
        self.total = total
        self.elapsed = elapsed
        self.finished = finished
    }

    /// Units a second so far; nil before there is anything to divide.
    public var rate: Double? { elapsed > 0 && done > 0 ? Double(done) / elapsed : nil }

    /// Seconds left at the rate so far; nil without a total or a rate.
    public var remaining: Double? {
        guard let total, let rate, rate > 0 else { return nil }
        return Double(max(total - done, 0)) / rate
    }
}

/// Where readings go: the command layer draws them on a terminal's stderr.
public typealias ProgressDisplay = @Sendable (ProgressReading) -> Void

/// Counts a long job's progress and hands a reading to the display at most every `interval`
/// seconds, the first one `interval` after the start: a job done sooner shows nothing, so a
/// locate that refreshes a small table does not flash a line.
///
/// ``advance(by:)`` takes a lock and reads the clock: call it per batch (a few thousand rows),
/// not per row, on a hot path. Readings reach the display one at a time, in order, and none
/// after the final one, whichever threads advance the meter.
///
/// Without a display (stderr piped, `--json`) it does nothing.
public final class ProgressMeter: @unchecked Sendable {
    private let lock = NSLock()
    private let display: ProgressDisplay?
    private let interval: UInt64
    private let started: UInt64
    private var lastShown: UInt64
    /// Whether a reading was drawn (only then does ``finish()`` have a line to clear).
    private var shown = false
    private var reading: ProgressReading

    /// A meter for `task`, counting `unit` up to `total`, drawn on `display` at most every
    /// `interval` seconds.
    public init(
        task: String, unit: String, total: Int?, display: ProgressDisplay?, interval: Double = 0.2
    ) {
        self.display = display
        self.interval = UInt64(max(0, interval) * 1e9)
        self.started = Self.clock()
        self.lastShown = started
        self.reading = ProgressReading(task: task, unit: unit, done: 0, total: total, elapsed: 0, finished: false)
    }

    /// Whether anything is drawn (callers may skip counting work otherwise).
    public var isShown: Bool { display != nil }

    /// Adds `count` units done.
    public func advance(by count: Int = 1) {
        guard display != nil else { return }
        update { $0.done += count }
    }

    /// Sets the units done (and the total, when it became known).
    public func set(done: Int, total: Int? = nil) {
        guard display != nil else { return }
        update {
            $0.done = done
            if let total { $0.total = total }
        }
    }

    /// Ends the job: the display clears its line, if it drew one. Safe to call twice.
    public func finish() {
        guard let display else { return }
        lock.lock()
        defer { lock.unlock() }
        guard !reading.finished else { return }
        reading.finished = true
        reading.elapsed = Double(Self.clock() - started) / 1e9
        if shown { display(reading) }
    }

    private func update(_ change: (inout ProgressReading) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        change(&reading)
        let now = Self.clock()
        guard !reading.finished, now - lastShown >= interval, let display else { return }
        lastShown = now
        shown = true
        reading.elapsed = Double(now - started) / 1e9
        // Under the lock: two threads' readings never cross, and none follows the final one.
        display(reading)
    }

    /// Monotonic nanoseconds.
    private static func clock() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
