import DSRDemo
import DSRKit
import Foundation

/// The text `dsr demo` prints: what was made, the planted subjects, and commands to paste.
///
/// `make demo` runs every line that starts with spaces and `$ dsr `, so each must work as printed.
struct DemoSummary {
    var config: String
    var report: DemoReport

    func print(to out: OutputSink) {
        out.line("Demo workspace written: \(config)")
        let counts = report.counts.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }
        out.line("  ops.db: " + counts.joined(separator: ", "))
        out.line("  files: \(report.files)")
        out.line("")
        out.line("Planted subjects (synthetic people whose records span several tables):")
        let configFlag = "--config " + ShellQuote.quote(config)
        for subject in report.subjects {
            let owned = subject.expectedRecords.values.reduce(0) { $0 + $1.count }
            out.line("  \(subject.label): \(subject.summary) (\(owned) records)")
            out.line(
                "    $ dsr locate \(configFlag) " + subject.identifiers.map(ShellQuote.quote).joined(separator: " "))
        }
        out.line("")
        out.line("Try:")
        for command in sampleCommands { out.line("  $ " + command) }
    }

    /// Commands that work on the demo workspace, as a DPO would type them.
    var sampleCommands: [String] {
        let configFlag = "--config " + ShellQuote.quote(config)
        var commands = ["dsr status \(configFlag)", "dsr datamap check builtin \(configFlag)"]
        let withEmail = report.subjects.filter { $0.identifiers.contains { $0.hasPrefix("email:") } }
        if let owner = withEmail.first(where: { $0.label == "owner" }) ?? withEmail.first,
            let email = owner.identifiers.first(where: { $0.hasPrefix("email:") })
        {
            // One e-mail alone: the phone is learnt from the contact row, and its calls found.
            commands.append("dsr locate \(configFlag) --deep \(ShellQuote.quote(email))")
        }
        // An access export of the planted caller: the archive's path is printed.
        if let caller = report.subjects.first(where: { $0.label == "caller" }) {
            commands.append(
                "dsr export \(configFlag) --include-processor-data "
                    + caller.identifiers.map(ShellQuote.quote).joined(separator: " "))
        }
        // Every locate above left an audit entry: the trail must verify.
        commands.append("dsr audit verify \(configFlag)")
        return commands
    }
}

/// Quotes a word for a POSIX shell when it needs it.
enum ShellQuote {
    static func quote(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "@%+=:,./_-".unicodeScalars.contains($0)
        }
        if safe && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
