import ArgumentParser
import DSRKit
import Foundation

/// The root command: the subcommand list, the version, and the exit-code mapping.
public struct DSR: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "dsr",
        abstract: "Answer GDPR data-subject requests over a telephony provider's data.",
        discussion: """
            dsr finds every record tied to a person (calls, orders, contacts, recordings,
            voicemails, e-mails) and produces access exports, rectifications and erasures,
            each with a tamper-evident audit log.

            Start with a demo workspace:
              dsr demo --dir demo
              dsr status --config demo/dsr.yaml

            The workspace is found with --config FILE, else $DSR_CONFIG, else ./dsr.yaml.

            \(ExitCodes.documentation)
            """,
        version: DSRVersion.current,
        subcommands: [
            Init.self, Demo.self, Status.self, Locate.self, Export.self, Erase.self, Rectify.self, Restrict.self,
            Hold.self,
            RetentionCommand.self,
            Bulk.self,
            Request.self,
            Audit.self,
            DataMapCommand.self,
            Index.self,
        ]
    )

    public init() {}

    /// Parses `arguments`, runs the command in `context`, and returns the exit code.
    ///
    /// This is what the `dsr` executable calls, and what in-process tests call.
    public static func execute(_ arguments: [String], context: CommandContext) -> Int32 {
        defer { context.sessions.closeAll() }
        do {
            var command = try parseAsRoot(arguments)
            // The context travels as a task-local value rather than through `as? any
            // ContextualCommand`: that dynamic cast alone cost 6 million instructions per run
            // (a conformance scan of the whole binary).
            try CommandContext.$current.withValue(context) { try command.run() }
            return ExitCodes.success
        } catch let error as any DSRError {
            context.stderr.line("dsr: error: \(error.description)")
            let code = ExitCodes.code(for: error.kind)
            printJSONError(code, error.description, arguments, context)
            return code
        } catch let exit as ExitCode {
            // The command chose its exit code and has already reported (a check that failed).
            return exit.rawValue
        } catch {
            let code = exitCode(for: error).rawValue
            let message = fullMessage(for: error)
            if code == ExitCodes.success {
                context.stdout.line(message)
            } else if !message.isEmpty {
                context.stderr.line(message)
            }
            // ArgumentParser's own failures are usage errors; anything else is a bug.
            let mapped = code == ExitCode.failure.rawValue ? ExitCodes.software : code
            if mapped != ExitCodes.success { printJSONError(mapped, DSR.message(for: error), arguments, context) }
            return mapped
        }
    }

    /// Runs the process's command line and exits with the mapped code.
    public static func entry() -> Never {
        // The context (and the sessions it keeps) lives until exit: see Session.close().
        let context = CommandContext.live
        withExtendedLifetime(context) {
            Foundation.exit(execute(Array(CommandLine.arguments.dropFirst()), context: context))
        }
    }
}

/// A subcommand that runs against a ``CommandContext`` rather than the process globals.
protocol ContextualCommand: ParsableCommand {
    func run(_ context: CommandContext) throws
}

extension ContextualCommand {
    mutating func run() throws { try run(CommandContext.current ?? .live) }
}
