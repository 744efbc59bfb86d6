import DSRKit
import Foundation

/// Draws a ``ProgressReading`` on one stderr line that is overwritten, not scrolled:
/// `building the index  [#######.................]  4,200,000/10,000,000 values  310,000/s  0:19 left`.
enum ProgressBar {
    /// Columns assumed when the terminal does not say how wide it is.
    static let defaultColumns = 80

    /// The display for `context`: only when stderr is a terminal and the output is not JSON.
    static func display(_ context: CommandContext, json: Bool) -> ProgressDisplay? {
        guard context.stderrIsTerminal, !json else { return nil }
        let sink = context.stderr
        let columns = context.stderrColumns ?? defaultColumns
        return { reading in sink.write(text(reading, columns: columns)) }
    }

    /// What the display writes for `reading`: the line cleared, then the reading in one column
    /// less than the terminal's width (a line that wraps could not be overwritten). The bar
    /// narrows, then goes, before the numbers are cut.
    static func text(_ reading: ProgressReading, columns: Int) -> String {
        let clear = "\r\u{1B}[2K"
        guard !reading.finished else { return clear }
        let room = max(columns - 1, 0)
        let bare = line(reading, width: 0)
        // The bar takes its width plus four: two spaces and the brackets.
        let width = min(24, room - bare.count - 4)
        return clear + (width >= 8 ? line(reading, width: width) : bare).prefix(room)
    }

    /// The text of one reading, without the carriage return; `width` 0: no bar.
    static func line(_ reading: ProgressReading, width: Int = 24) -> String {
        var parts = [reading.task]
        if let total = reading.total, total > 0 {
            if width > 0 {
                let filled = max(0, min(width, reading.done * width / total))
                parts.append(
                    "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
            }
            parts.append("\(grouped(reading.done))/\(grouped(total)) \(reading.unit)")
        } else {
            parts.append("\(grouped(reading.done)) \(reading.unit)")
        }
        if let rate = reading.rate { parts.append("\(grouped(Int(rate.rounded())))/s") }
        if let remaining = reading.remaining { parts.append("\(clock(remaining)) left") }
        return parts.joined(separator: "  ")
    }

    /// 1234567 as "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// Seconds as m:ss (or h:mm:ss).
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(rest))" : "\(minutes):\(two(rest))"
    }
}

extension ActorOptions {
    /// The command's session, drawing long jobs' progress on a terminal's stderr unless `json`.
    func session(_ workspace: WorkspaceOptions, _ context: CommandContext, json: Bool) throws -> Session {
        try workspace.session(context, actor: resolve(context), json: json)
    }
}

extension WorkspaceOptions {
    /// The command's session acting as `actor`, drawing long jobs' progress on a terminal's
    /// stderr unless `json` (also the work a crashed command left, which the session finishes first).
    func session(_ context: CommandContext, actor: String, json: Bool) throws -> Session {
        try session(context, actor: actor, progress: ProgressBar.display(context, json: json))
    }
}
