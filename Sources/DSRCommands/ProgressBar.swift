import DSRKit
import Foundation

/// Draws a ``ProgressReading`` on one stderr line that is overwritten, not scrolled:
/// `building the index [#######.......] 4,200,000/10,000,000 rows  310,000/s  0:19 left`.
enum ProgressBar {
    /// The display for `context`: only when stderr is a terminal and the output is not JSON.
    static func display(_ context: CommandContext, json: Bool) -> ProgressDisplay? {
        guard context.stderrIsTerminal, !json else { return nil }
        let sink = context.stderr
        return { reading in sink.write(reading.finished ? "\r\u{1B}[2K" : "\r\u{1B}[2K" + line(reading)) }
    }

    /// The text of one reading, without the carriage return.
    static func line(_ reading: ProgressReading, width: Int = 24) -> String {
        var parts = [reading.task]
        if let total = reading.total, total > 0 {
            let filled = min(width, reading.done * width / total)
            parts.append(
                "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]")
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
        let session = try self.session(workspace, context)
        session.progressDisplay = ProgressBar.display(context, json: json)
        return session
    }
}
