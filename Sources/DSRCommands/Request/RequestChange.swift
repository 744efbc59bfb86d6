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
                A refusal needs --reason (Art. 12(4)) and writes the refusal letter into
                exports_dir (--lang en, nl or bg): the reasons, the right to complain to the
                supervisory authority and to a judicial remedy. The letter is rendered first
                (nothing is closed if it cannot be made), the request closed, and the letter
                written after: the close is the legal fact. If the file then cannot be
                written, the request stays closed and dsr says so (exit 73).
                The identifiers are kept for --keep-identifiers-days after closing
                (default 0: replaced at once).

                Example:
                  dsr request close DSR-2026-0001 --outcome completed
                  dsr request close DSR-2026-0002 --outcome refused --reason "manifestly unfounded" --lang nl
                """)
        @Argument(help: "The request id.") var id: String
        @Option(help: "completed, refused or withdrawn.") var outcome: RequestOutcome
        @Option(help: "Why (required for a refusal; the refusal letter quotes it).") var reason: String?
        @Option(help: "Language of the refusal letter: en, nl or bg.") var lang: Language = .english
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
            let session = try actor.session(workspace, context)
            let register = try session.register()
            // A refusal's letter is made before the close, so that a letter that cannot be made
            // (templates, the controller's details) leaves the request open; without a reason
            // the register refuses the close as it always has.
            var letter: RenderedLetters?
            if outcome == .refused, let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty {
                letter = try session.refusalLetter(for: register.show(id), reason: reason, language: lang)
            }
            let request = try register.close(
                id, outcome: outcome, reason: reason, keepIdentifiersDays: keepIdentifiersDays)
            guard let letter else { return try RequestChangeOutput.print(request, register, output, context) }
            do {
                let written = try session.writeLetters(letter)
                try ClosedRequestOutput.print(request, letter: .written(written.letter), register, output, context)
            } catch let error as any DSRError {
                let problem = "the request is closed, but the refusal letter could not be written: \(error.description)"
                try ClosedRequestOutput.print(request, letter: .failed(problem), register, output, context)
                context.stderr.line("dsr: error: \(problem)")
                throw ExitCode(ExitCodes.cannotCreate)
            }
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

/// What `dsr request close` prints when it wrote a letter (or failed to): the request, and
/// the letter's path (`letter` in `--json`; `letter_error` when it could not be written).
enum ClosedRequestOutput {
    enum Letter {
        case written(String)
        case failed(String)
    }

    struct Document: Encodable {
        let request: DSRKit.Request
        let letter: Letter

        enum CodingKeys: String, CodingKey { case letter, letterError }

        func encode(to encoder: any Encoder) throws {
            // The request's own fields first, then the letter beside them in the same object.
            try request.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch letter {
            case .written(let path):
                try container.encode(path, forKey: .letter)
            case .failed(let problem):
                try container.encodeNil(forKey: .letter)
                try container.encode(problem, forKey: .letterError)
            }
        }
    }

    static func print(
        _ request: DSRKit.Request, letter: Letter, _ register: RequestRegister, _ output: OutputOptions,
        _ context: CommandContext
    ) throws {
        if output.json { return try JSONOutput.print(Document(request: request, letter: letter), to: context) }
        RequestText.print(request, to: context.stdout, today: register.today)
        if case .written(let path) = letter { context.stdout.line("  refusal letter: \(path)") }
    }
}
