import ArgumentParser
import DSRKit
import Foundation

extension DSR.Request {
    /// `dsr request verify`.
    struct Verify: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Record how the subject's identity was verified (Art. 12(6)).",
            discussion:
                "Example:\n  dsr request verify DSR-2026-0001 --method \"ID card seen at the counter\" --by \"A. de Boer\""
        )
        @Argument(help: "The request id.") var id: String
        @Option(help: "How identity was verified.") var method: String
        @Option(help: "Who verified it (default: the actor).") var by: String?
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let register = try actor.session(workspace, context).register()
            try RequestChangeOutput.print(try register.verify(id, method: method, by: by), register, output, context)
        }
    }

    /// `dsr request extend`.
    struct Extend: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend",
            abstract: "Extend the deadline by two further months (once, within the first month).",
            discussion: "Example:\n  dsr request extend DSR-2026-0001 --reason \"recordings of 40 numbers to review\"")
        @Argument(help: "The request id.") var id: String
        @Option(help: "Why: the subject must be told within the first month, with the reasons.") var reason: String
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let register = try actor.session(workspace, context).register()
            try RequestChangeOutput.print(try register.extend(id, reason: reason), register, output, context)
        }
    }

    /// `dsr request close`.
    struct Close: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: "Close a request; its identifiers are then replaced by keyed hashes.",
            discussion: """
                A refusal needs --reason (Art. 12(4)). The identifiers are kept for
                --keep-identifiers-days after closing (default 0: replaced at once).

                Example:
                  dsr request close DSR-2026-0001 --outcome completed
                  dsr request close DSR-2026-0002 --outcome refused --reason "manifestly unfounded"
                """)
        @Argument(help: "The request id.") var id: String
        @Option(help: "completed, refused or withdrawn.") var outcome: RequestOutcome
        @Option(help: "Why (required for a refusal).") var reason: String?
        @Option(help: ArgumentHelp("Keep the identifiers this many days after closing.", valueName: "days"))
        var keepIdentifiersDays: Int = 0
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            guard (0...3650).contains(keepIdentifiersDays) else {
                throw ValidationError("--keep-identifiers-days takes 0 to 3650 days")
            }
        }

        func run(_ context: CommandContext) throws {
            let register = try actor.session(workspace, context).register()
            let request = try register.close(
                id, outcome: outcome, reason: reason, keepIdentifiersDays: keepIdentifiersDays)
            try RequestChangeOutput.print(request, register, output, context)
        }
    }
}

/// What the changing request commands print.
enum RequestChangeOutput {
    static func print(
        _ request: DSRKit.Request, _ register: RequestRegister, _ output: OutputOptions, _ context: CommandContext
    ) throws {
        if output.json { return try JSONOutput.print(request, to: context) }
        RequestText.print(request, to: context.stdout, today: register.today)
    }
}
