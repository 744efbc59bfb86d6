import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr erase`: a plan by default, carried out with `--apply` (CONTRACT.md section 6).
    struct Erase: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "erase",
            abstract: "Plan an erasure (Art. 17), and carry it out with --apply.",
            discussion: """
                Without --apply nothing changes: dsr prints what it would delete, set to
                NULL, redact, pseudonymise and keep (with the Art. 17(3) basis and the
                date it ends), the files it would delete, records held for a number owner,
                and the plan's digest. --apply carries out exactly that plan in one
                transaction (with --expect DIGEST it refuses when the plan changed), deletes
                the files, and scans every byte of the database, its journal, dsr's state
                and the remaining files for what was erased: exit 1 if anything is left.
                On a terminal --apply asks for "yes" unless --yes.

                Example:
                  dsr erase --request DSR-2026-0003
                  dsr erase --request DSR-2026-0003 --apply --expect 9f2c…
                  dsr erase --resume
                """)

        @Argument(help: ArgumentHelp("The person's identifiers (or use --request).", valueName: "identifier"))
        var identifiers: [String] = []
        @Option(help: ArgumentHelp("The erasure request this answers.", valueName: "id")) var request: String?
        @Flag(help: "Carry the plan out.") var apply = false
        @Option(help: ArgumentHelp("Apply only if the plan's digest is still this.", valueName: "digest"))
        var expect: String?
        @Flag(help: "Also erase recordings and voicemails held as processor for the number owner (audited).")
        var includeProcessorData = false
        @Flag(help: "Do not ask for confirmation on a terminal.") var yes = false
        @Flag(help: "After --apply, VACUUM the tables changed on a PostgreSQL server.")
        var vacuum = false
        @Flag(help: "Erase even when the request is not a verified, open erasure request (audited).")
        var force = false
        @Flag(help: "Erase even while a restriction (Art. 18) is in force on the person (audited).")
        var overrideRestriction = false
        @Flag(help: "Finish erasures a crash interrupted.") var resume = false
        @Option(help: "Language of the letter to the person and the notices: en, nl or bg.")
        var lang: Language = .english
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if resume {
                if !identifiers.isEmpty || request != nil { throw ValidationError("--resume takes no identifiers") }
                return
            }
            if identifiers.isEmpty && request == nil { throw ValidationError("give identifiers or --request ID") }
            if expect != nil && !apply { throw ValidationError("--expect goes with --apply") }
            if vacuum && !apply { throw ValidationError("--vacuum goes with --apply") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: output.json)
            if resume {
                let answers = try session.answerResumedErasures()
                let reports = answers.map(\.report)
                if output.json {
                    try JSONOutput.print(reports, to: context)
                } else {
                    context.stdout.line(
                        reports.isEmpty ? "No interrupted erasure." : "Finished \(reports.count) erasure(s).")
                    for answer in answers { LetterLines.print(answer.letters, to: context.stdout) }
                }
                for answer in answers { try LetterLines.check(answer.letters, context) }
                if reports.contains(where: { ($0.residue?.found ?? 0) > 0 }) { throw ExitCode(ExitCodes.checkFailed) }
                return
            }
            var options = ErasureOptions()
            options.apply = apply
            options.expect = expect
            options.vacuum = vacuum
            options.includeProcessorData = includeProcessorData
            options.force = force
            options.overrideRestriction = overrideRestriction
            options.asks = apply && !yes && context.readAnswer != nil
            let subject = try session.subject(identifiers: identifiers, request: request)
            let answer = try session.answerErasure(subject, options: options, language: lang) { plan in
                guard let ask = context.readAnswer, !yes else { return true }
                ErasureSummary(plan: plan).print(to: context.stderr)
                context.stderr.line("Type yes to erase, anything else to stop: ")
                return ask()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes"
            }
            let report = answer.report
            if output.json {
                try JSONOutput.print(answer, to: context)
            } else {
                ErasureSummary(plan: report.plan).print(to: context.stdout)
                if let residue = report.residue {
                    context.stdout.line(
                        residue.found == 0
                            ? "Applied. Residue scan: nothing left (\(report.kept ?? 0) occurrence(s) in kept cells)."
                            : "Applied. Residue scan: \(residue.found) left in "
                                + residue.places.map { "\($0.place) (\($0.count))" }.joined(separator: ", "))
                } else {
                    context.stdout.line(
                        "Nothing changed. To carry this out: dsr erase … --apply --expect \(report.plan.digest)")
                }
                ServerRemnantsLines.print(report.server, to: context.stdout)
                LetterLines.print(answer.letters, to: context.stdout)
            }
            try LetterLines.check(answer.letters, context)
            if (report.residue?.found ?? 0) > 0 { throw ExitCode(ExitCodes.checkFailed) }
        }
    }
}
