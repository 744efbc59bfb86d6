import ArgumentParser
import DSRKit

/// How a command names the letter and notices it wrote, and fails when it could not.
enum LetterLines {
    /// `letter: PATH` and `notices: PATH, …` (nothing when no letter was due).
    static func print(_ letters: LetterDelivery?, to sink: OutputSink) {
        guard case .written(let written) = letters else { return }
        sink.line("Letter to the person: \(written.letter)")
        if !written.notices.isEmpty {
            sink.line("Notices to the recipients (Art. 19): " + written.notices.joined(separator: ", "))
        }
    }

    /// Exit 73 when a letter was due and could not be written: what it answers stands.
    static func check(_ letters: LetterDelivery?, _ context: CommandContext) throws {
        guard case .failed(let problem) = letters else { return }
        context.stderr.line("dsr: error: the change was made, but its letter could not be written: \(problem)")
        throw ExitCode(ExitCodes.cannotCreate)
    }
}
