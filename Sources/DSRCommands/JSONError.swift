import ArgumentParser
import DSRKit

/// `--json` on failure: one document `{"error": {"exit": 65, "message": "…"}}` on stdout,
/// besides the stderr line, so a script that reads stdout as JSON learns what went wrong.
extension DSR {
    /// Prints the error document when the command line asked for `--json`, the command it names
    /// has that flag, and nothing is on stdout yet (a command that reported and then failed has
    /// already printed its one document).
    static func printJSONError(_ code: Int32, _ message: String, _ arguments: [String], _ context: CommandContext) {
        guard !context.stdout.hasWritten, asksForJSON(arguments) else { return }
        let document = JSONText.object([
            (
                "error",
                JSONText.object([("exit", JSONText.integer(Int64(code))), ("message", JSONText.string(message))])
            )
        ])
        context.stdout.line(document.text)
    }

    /// Whether `arguments` hold `--json` (before a `--`) for a command that takes it. Read from
    /// the raw arguments, because the parse itself may be what failed.
    static func asksForJSON(_ arguments: [String]) -> Bool {
        let options = arguments.prefix { $0 != "--" }
        guard options.contains("--json") else { return false }
        var command: any ParsableCommand.Type = DSR.self
        // The subcommand path: leading words that name a subcommand of the one before.
        for word in options where !word.hasPrefix("-") {
            let named = command.configuration.subcommands.first {
                $0._commandName == word || $0.configuration.aliases.contains(word)
            }
            guard let named else { break }
            command = named
        }
        // A command has the flag when its help lists it (OutputOptions, in every command that reports).
        let help = DSR.helpMessage(for: command, includeHidden: true, columns: 1000)
        return help.split(separator: "\n").contains { $0.drop { $0 == " " }.hasPrefix("--json") }
    }
}
