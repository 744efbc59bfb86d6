import ArgumentParser
import DSRKit

extension DSR.Restrict {
    /// `dsr restrict lift RESTRICTION-ID --informed-on YYYY-MM-DD`.
    struct Lift: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "lift",
            abstract: "Lift a restriction; the person must have been told before (Art. 18(3)).",
            discussion: """
                --informed-on is the day the person was told that the restriction would be
                lifted: not after today, and not before the restriction began.

                Example:
                  dsr restrict lift R-2026-0001 --informed-on 2026-04-02
                """)

        @Argument(help: ArgumentHelp("The restriction id.", valueName: "restriction-id")) var id: String
        @Option(help: ArgumentHelp("The day the person was told of the lift (Art. 18(3)).", valueName: "YYYY-MM-DD"))
        var informedOn: String
        @Option(help: "Language of the letter to the person and the notices: en, nl or bg.")
        var lang: Language = .english
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws { _ = try calendarDate(informedOn, option: "--informed-on") }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context)
            let answer = try session.answerLift(
                id, informedOn: try calendarDate(informedOn, option: "--informed-on"), language: lang)
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
