import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr audit`: the tamper-evident trail.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "The audit trail: what was done for whom, and a check that nobody altered it.",
            discussion: """
                Entries name subjects only by keyed hashes. Keep the output of
                `dsr audit head` somewhere else (a ticket, a mail to yourself): with it,
                `dsr audit verify --head` also notices a truncated or rewritten history.

                Example:
                  dsr audit verify
                  dsr audit find email:jan@example.nl
                """,
            subcommands: [Log.self, Verify.self, Head.self, Find.self])
    }
}

extension DSR.Audit {
    /// `dsr audit log`.
    struct Log: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "Print the audit trail.", discussion: "Example:\n  dsr audit log --request DSR-2026-0001")
        @Option(help: "Only entries of this request.") var request: String?
        @Option(help: ArgumentHelp("Only entries from this day on.", valueName: "YYYY-MM-DD")) var since: String?
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws { if let since { _ = try calendarDate(since, option: "--since") } }

        func run(_ context: CommandContext) throws {
            let trail = try workspace.session(context, actor: "").auditTrail()
            try AuditText.print(try trail.entries(request: request, since: since), output, context)
        }
    }

    /// `dsr audit verify`.
    struct Verify: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: "Check the hash chain; exit 1 naming the first bad entry and what happened to it.",
            discussion: "Example:\n  dsr audit verify --head 42:3f9a…")
        @Option(help: ArgumentHelp("A head kept elsewhere, as printed by `dsr audit head`.", valueName: "SEQ:HASH"))
        var head: String?
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let report = try workspace.session(context, actor: "").auditTrail().verify(head: head)
            if output.json {
                try JSONOutput.print(report, to: context)
            } else if report.intact {
                context.stdout.line("Audit trail intact: \(report.entries) entries, head \(report.head ?? "(empty)").")
            } else {
                context.stdout.line(
                    "Audit trail BROKEN at entry \(report.firstBadSeq ?? 0): \(report.damage?.rawValue ?? "damaged").")
            }
            if !report.intact { throw ExitCode(ExitCodes.checkFailed) }
        }
    }

    /// `dsr audit head`.
    struct Head: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "head",
            abstract: "Print SEQ:HASH of the newest entry, to keep somewhere else.",
            discussion: "Example:\n  dsr audit head >> ~/dsr-heads.txt")
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions

        func run(_ context: CommandContext) throws {
            let trail = try workspace.session(context, actor: "").auditTrail()
            context.stdout.line(try trail.head() ?? "0:" + AuditEntry.genesis)
        }
    }

    /// `dsr audit find`.
    struct Find: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "find",
            abstract: "What did we do for this person? Entries whose subjects include the identifier.",
            discussion: "Example:\n  dsr audit find phone:+31681234567")
        @Argument(help: "An identifier of the person.") var identifier: String
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let session = try workspace.session(context, actor: "")
            let subject = try session.subject(identifiers: [identifier], request: nil)
            let entries = try session.auditTrail().entries(about: try session.auditSubjects(subject.identifiers))
            try AuditText.print(entries, output, context)
        }
    }
}

/// Prints audit entries.
enum AuditText {
    static func print(_ entries: [AuditEntry], _ output: OutputOptions, _ context: CommandContext) throws {
        if output.json { return try JSONOutput.print(entries, to: context) }
        for entry in entries {
            let request = entry.requestID.map { " \($0)" } ?? ""
            context.stdout.line(
                "\(entry.seq)  \(entry.at)  \(entry.actor)  \(entry.action)\(request)  \(entry.details)")
        }
        if entries.isEmpty { context.stdout.line("No entries.") }
    }
}
