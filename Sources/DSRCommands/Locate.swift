import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr locate`: every record and file tied to a subject.
    struct Locate: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "locate",
            abstract: "Find every record and file tied to a person, and how each was reached.",
            discussion: """
                Identifiers are kind:value (email:, phone:, ip:, customer:) or bare: a
                value with @ is an e-mail, an IP address an IP, digits with spaces, +, -
                and (0) a phone. National phone forms take default_country from dsr.yaml.

                Records the person owns are listed apart from related context (calls
                merely forwarded to an owner, the organisation's row). Identifiers learnt
                from the person's own contact rows are searched too, with provenance.
                The operations database is only read.

                Example:
                  dsr locate --config demo/dsr.yaml phone:+31681234567
                  dsr locate email:jan.devries@example.nl --deep --json
                  dsr locate --request DSR-2026-0001
                """)

        @Argument(help: ArgumentHelp("The person's identifiers.", valueName: "identifier"))
        var identifiers: [String] = []

        @Flag(help: "Also scan the text of e-mail files for mentions of the person's numbers and addresses.")
        var deep = false

        @Flag(help: "Normalise every stored value instead of using the index (slow; for checking the index).")
        var scan = false

        @Option(
            help: ArgumentHelp("The request this search is for: its identifiers are searched too.", valueName: "id"))
        var request: String?

        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if identifiers.isEmpty && request == nil {
                throw ValidationError("give at least one identifier, e.g. phone:+31681234567, or --request ID")
            }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: output.json)
            let subject = try session.subject(identifiers: identifiers, request: request)
            var result = try session.locate(subject, options: LocateOptions(deep: deep, useIndex: !scan))
            let limits = try session.noteLimits(in: &result)
            if output.json {
                JSONOutput.print(result, to: context)
            } else {
                LocateSummary(result: result, limits: limits).print(to: context.stdout)
            }
        }
    }
}
