import ArgumentParser
import DSRKit
import Foundation

extension DSR.Request {
    /// `dsr request open`.
    struct Open: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Register a new request; prints its id and due date.",
            discussion:
                "Example:\n  dsr request open --type erasure email:jan@example.nl phone:0612345678 --received 2026-03-01"
        )

        @Option(help: "access, portability, erasure, rectification, restriction or objection.")
        var type: RequestType
        @Argument(help: ArgumentHelp("The subject's identifiers.", valueName: "identifier"))
        var identifiers: [String] = []
        @Option(help: ArgumentHelp("The day the request was received (default today).", valueName: "YYYY-MM-DD"))
        var received: String?
        @Option(help: "Your reference for the request (case number, ticket).")
        var reference: String?
        @Option(help: "How it came in (e-mail, letter, web form).")
        var channel: String?
        @Option(help: "A note for the register.")
        var note: String?
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if identifiers.isEmpty { throw ValidationError("give at least one identifier of the subject") }
            if let received { _ = try calendarDate(received, option: "--received") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context)
            let subject = try session.subject(identifiers: identifiers, request: nil)
            let request = try session.register().open(
                type: type, subjects: subject.identifiers,
                received: try received.map { try calendarDate($0, option: "--received") },
                reference: reference, channel: channel, note: note)
            if output.json { return try JSONOutput.print(request, to: context) }
            context.stdout.line("\(request.id) due \(request.due)")
        }
    }
}

extension RequestType: ExpressibleByArgument {}
extension RequestOutcome: ExpressibleByArgument {}
extension RequestStatus: ExpressibleByArgument {}
