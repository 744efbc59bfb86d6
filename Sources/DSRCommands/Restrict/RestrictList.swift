import ArgumentParser
import DSRKit

extension DSR.Restrict {
    /// `dsr restrict list`.
    struct List: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List restrictions: in-force, lifted or expired.",
            discussion: "Example:\n  dsr restrict list --json")

        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let register = try workspace.session(
                context, actor: AuditActor.resolve(explicit: nil, environment: context.environment)
            ).limitsRegister()
            let restrictions = try register.restrictions()
            if output.json {
                return try JSONOutput.print(
                    restrictions.map { RestrictionListing($0, today: register.today) }, to: context)
            }
            for restriction in restrictions {
                context.stdout.line(RestrictionText.line(restriction, today: register.today))
            }
            if restrictions.isEmpty { context.stdout.line("No restrictions.") }
        }
    }

    /// `dsr restrict check IDENTIFIER…`: exit 1 when restricted, for other systems' scripts.
    struct Check: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Exit 1 when any identifier is under a restriction in force, 0 when not.",
            discussion: """
                For the billing and marketing scripts of other systems, to ask before they use
                someone's data. The identifiers are only read and hashed, never searched for:
                0612345678, +31 6 1234 5678 and 0031612345678 answer alike. Prints the
                restriction ids, never the identifier.

                Example:
                  dsr restrict check phone:0612345678 || echo "restricted: do not use"
                """)

        @Argument(help: ArgumentHelp("The identifiers to check.", valueName: "identifier"))
        var identifiers: [String] = []
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if identifiers.isEmpty { throw ValidationError("give at least one identifier to check") }
        }

        func run(_ context: CommandContext) throws {
            let session = try workspace.session(
                context, actor: AuditActor.resolve(explicit: nil, environment: context.environment))
            let found = try session.restrictionsInForce(typed: identifiers)
            if output.json {
                try JSONOutput.print(
                    CheckAnswer(restricted: !found.isEmpty, restrictions: found.map(\.id)), to: context)
            } else {
                context.stdout.line(
                    found.isEmpty
                        ? "not restricted" : "restricted: " + found.map(\.id).joined(separator: ", "))
            }
            if !found.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
        }

        struct CheckAnswer: Encodable {
            let restricted: Bool
            let restrictions: [String]
        }
    }
}
