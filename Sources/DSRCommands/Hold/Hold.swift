import ArgumentParser
import DSRKit

extension DSR {
    /// `dsr hold`: legal holds (Art. 17(3)(b)/(e)).
    struct Hold: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "hold",
            abstract: "Legal holds: records that no erasure or purge may touch until a date.",
            discussion: """
                A police request to keep a caller's records, or a dispute over an invoice,
                keeps every record that holds one of the person's identifiers out of every
                erasure and purge through --until (inclusive); the plan shows them as held,
                with the basis. After that day the hold stops applying by itself and
                hold list shows it as expired.

                Example:
                  dsr hold add phone:+31681234567 --basis "police request 2026/0193" --until 2026-12-31
                  dsr hold list
                  dsr hold release H-2026-0001 --reason "the police closed the case"
                """,
            subcommands: [Add.self, List.self, Release.self])
    }
}

/// A hold as `hold list --json` and `hold add --json` print it.
struct HoldListing: Encodable {
    let id: String
    let status: String
    let addedAt: String
    let until: String
    let request: String?
    let basis: String
    let releasedAt: String?
    let releaseReason: String?

    init(_ hold: LegalHold, today: CalendarDate) {
        id = hold.id
        status = hold.status(on: today).rawValue
        addedAt = hold.addedAt
        until = hold.until.description
        request = hold.requestID
        basis = hold.basis
        releasedAt = hold.releasedAt
        releaseReason = hold.releaseReason
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(addedAt, forKey: .addedAt)
        try container.encode(until, forKey: .until)
        try container.encode(request, forKey: .request)
        try container.encode(basis, forKey: .basis)
        try container.encode(releasedAt, forKey: .releasedAt)
        try container.encode(releaseReason, forKey: .releaseReason)
    }

    enum CodingKeys: String, CodingKey {
        case id, status, addedAt, until, request, basis, releasedAt, releaseReason
    }

    /// One line of `hold list`.
    var line: String {
        "\(id)  \(status)  added \(addedAt)  until \(until)" + (request.map { "  \($0)" } ?? "")
            + (releasedAt.map { "  released \($0)" } ?? "") + "  basis: \(basis)"
    }
}

extension DSR.Hold {
    /// `dsr hold add (--request ID | IDENTIFIER…) --basis TEXT --until YYYY-MM-DD`.
    struct Add: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Keep a person's records out of every erasure and purge until a date.",
            discussion: """
                Locates the person first and records the keyed hashes of every identifier found.

                Example:
                  dsr hold add phone:+31681234567 --basis "police request 2026/0193" --until 2026-12-31
                """)

        @Argument(help: ArgumentHelp("The person's identifiers (or use --request).", valueName: "identifier"))
        var identifiers: [String] = []
        @Option(help: ArgumentHelp("The request the hold belongs to.", valueName: "id")) var request: String?
        @Option(help: "The legal obligation or claim (Art. 17(3)(b)/(e)) that requires keeping the records.")
        var basis: String
        @Option(help: ArgumentHelp("The last day the hold applies (not before today).", valueName: "YYYY-MM-DD"))
        var until: String
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if identifiers.isEmpty && request == nil { throw ValidationError("give identifiers or --request ID") }
            _ = try calendarDate(until, option: "--until")
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: output.json)
            let subject = try session.subject(identifiers: identifiers, request: request)
            let hold = try session.hold(subject, basis: basis, until: try calendarDate(until, option: "--until"))
            let today = CalendarDate.today(clock: session.now)
            if output.json { return try JSONOutput.print(HoldListing(hold, today: today), to: context) }
            context.stdout.line("\(hold.id) active until \(hold.until) (inclusive)")
        }
    }

    /// `dsr hold list`.
    struct List: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List legal holds: active, expired or released.",
            discussion: "Example:\n  dsr hold list --json")

        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let register = try workspace.session(
                context, actor: AuditActor.resolve(explicit: nil, environment: context.environment)
            ).limitsRegister()
            let holds = try register.legalHolds().map { HoldListing($0, today: register.today) }
            if output.json { return try JSONOutput.print(holds, to: context) }
            for hold in holds { context.stdout.line(hold.line) }
            if holds.isEmpty { context.stdout.line("No legal holds.") }
        }
    }

    /// `dsr hold release HOLD-ID --reason TEXT`.
    struct Release: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "release",
            abstract: "Release a legal hold before its date (audited).",
            discussion: "Example:\n  dsr hold release H-2026-0001 --reason \"the police closed the case\"")

        @Argument(help: ArgumentHelp("The hold id.", valueName: "hold-id")) var id: String
        @Option(help: "Why it is released (kept in the register, not in the audit log).") var reason: String
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let register = try actor.session(workspace, context).limitsRegister()
            let hold = try register.release(id, reason: reason)
            if output.json { return try JSONOutput.print(HoldListing(hold, today: register.today), to: context) }
            context.stdout.line("\(hold.id) released \(hold.releasedAt ?? "")")
        }
    }
}
