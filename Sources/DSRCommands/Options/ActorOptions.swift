import ArgumentParser
import DSRKit

/// `--actor NAME`: who is acting, for the audit trail.
struct ActorOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Who is acting, for the audit trail (default: $DSR_ACTOR, else the OS user).", valueName: "name"))
    var actor: String?

    func resolve(_ context: CommandContext) -> String {
        AuditActor.resolve(explicit: actor, environment: context.environment)
    }
}

/// Parses a `YYYY-MM-DD` option value; a value that is not a date is a usage error (exit 64).
func calendarDate(_ text: String, option: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else {
        throw ValidationError("\(option) must be a date as YYYY-MM-DD, e.g. 2026-03-01")
    }
    return date
}
