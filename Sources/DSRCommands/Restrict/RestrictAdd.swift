import ArgumentParser
import DSRKit

extension DSR.Restrict {
    /// `dsr restrict (--request ID | IDENTIFIER…) --reason TEXT [--until YYYY-MM-DD]`.
    struct Add: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Restrict processing of a person's data (the default: dsr restrict IDENTIFIER… --reason …).",
            discussion: """
                Locates the person first and records the keyed hashes of every identifier found.
                Prints the restriction's id and the recipients to inform (Art. 19): those of
                every table that holds the person's records.

                See also: dsr restrict list, dsr restrict lift, dsr restrict check
                (dsr help restrict lists them).

                Example:
                  dsr restrict --request DSR-2026-0004 --reason "objects to processing (Art. 21), pending"
                  dsr restrict phone:+31681234567 --reason "disputes accuracy" --until 2026-06-30
                """)

        @Argument(help: ArgumentHelp("The person's identifiers (or use --request).", valueName: "identifier"))
        var identifiers: [String] = []
        @Option(help: ArgumentHelp("The restriction request this answers.", valueName: "id")) var request: String?
        @Option(help: "Why processing is restricted (kept in the register, not in the audit log).")
        var reason: String
        @Option(help: ArgumentHelp("The last day it applies (default: until lifted).", valueName: "YYYY-MM-DD"))
        var until: String?
        @Option(help: "Language of the letter to the person and the notices: en, nl or bg.")
        var lang: Language = .english
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if identifiers.isEmpty && request == nil { throw ValidationError("give identifiers or --request ID") }
            if let until { _ = try calendarDate(until, option: "--until") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: output.json)
            let subject = try session.subject(identifiers: identifiers, request: request)
            let answer = try session.answerRestriction(
                subject, reason: reason, until: try until.map { try calendarDate($0, option: "--until") },
                language: lang)
            if output.json {
                try JSONOutput.print(answer, to: context)
            } else {
                RestrictionText.print(answer.report, to: context.stdout)
                LetterLines.print(answer.letters, to: context.stdout)
            }
            try LetterLines.check(answer.letters, context)
        }
    }
}
