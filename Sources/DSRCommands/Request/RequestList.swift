import ArgumentParser
import DSRKit
import Foundation

extension DSR.Request {
    /// `dsr request list`.
    struct List: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List requests; with --overdue, exit 1 when any is listed (for cron).",
            discussion: "Example:\n  dsr request list --status open --due-within 7\n  dsr request list --overdue --json"
        )

        @Option(help: "open or closed.") var status: RequestStatus?
        @Option(help: "Only requests of this type.") var type: RequestType?
        @Flag(help: "Only open requests past their due date; exit 1 when there are any.") var overdue = false
        @Option(help: ArgumentHelp("Only open requests due within this many days.", valueName: "days"))
        var dueWithin: Int?
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if let dueWithin, !(0...3650).contains(dueWithin) {
                throw ValidationError("--due-within takes a number of days from 0 to 3650")
            }
        }

        func run(_ context: CommandContext) throws {
            let register = try workspace.session(
                context, actor: AuditActor.resolve(explicit: nil, environment: context.environment)
            ).register()
            let requests = try register.list(status: status, type: type, overdue: overdue, dueWithin: dueWithin)
            if output.json {
                try JSONOutput.print(requests, to: context)
            } else {
                for request in requests {
                    let flag = request.isOverdue(on: register.today) ? "  OVERDUE" : ""
                    context.stdout.line(
                        "\(request.id)  \(request.type.rawValue)  \(request.status.rawValue)  due \(request.effectiveDue)\(flag)"
                    )
                }
                if requests.isEmpty { context.stdout.line("No requests.") }
            }
            if overdue, !requests.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
        }
    }

    /// `dsr request show`.
    struct Show: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one request.", discussion: "Example:\n  dsr request show DSR-2026-0001")
        @Argument(help: "The request id.") var id: String
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let register = try workspace.session(
                context, actor: AuditActor.resolve(explicit: nil, environment: context.environment)
            ).register()
            let request = try register.show(id)
            if output.json { return try JSONOutput.print(request, to: context) }
            RequestText.print(request, to: context.stdout, today: register.today)
        }
    }
}
