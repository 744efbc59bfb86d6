import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr rectify`: a plan by default, carried out with `--apply` (Art. 16).
    struct Rectify: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "rectify",
            abstract: "Plan a rectification (Art. 16), and carry it out with --apply.",
            discussion: """
                --replace KIND:OLD=NEW replaces one of the person's identifiers (email, phone
                or ip) wherever a column the data map marks `rectify: true` stores it in the
                person's own records; OLD must be one of their identifiers. --set
                TABLE.COLUMN=VALUE changes a rectifiable column that holds no identifier on
                every record of theirs in that table. New values are checked and written in
                canonical form (a phone in E.164, read in the row's country).

                Without --apply nothing changes: dsr prints the plan (values in full only on
                a terminal; masked when piped and in --json), the columns it may not change
                and why, the recipients to inform (Art. 19), and the plan's digest. --apply
                carries out exactly that plan in one transaction (with --expect DIGEST it
                refuses when the plan changed) and updates the identifier index. On a
                terminal --apply asks for "yes" unless --yes.

                Example:
                  dsr rectify --request DSR-2026-0004 --replace email:jan@old.nl=jan@new.nl
                  dsr rectify jan@new.nl --set contacts.full_name="Jan de Vries" --apply --yes
                """)

        @Argument(help: ArgumentHelp("The person's identifiers (or use --request).", valueName: "identifier"))
        var identifiers: [String] = []
        @Option(help: ArgumentHelp("The rectification request this answers.", valueName: "id")) var request: String?
        @Option(help: ArgumentHelp("Replace one of the person's identifiers.", valueName: "kind:old=new"))
        var replace: [String] = []
        @Option(help: ArgumentHelp("Change a column that holds no identifier.", valueName: "table.column=value"))
        var set: [String] = []
        @Flag(help: "Carry the plan out.") var apply = false
        @Option(help: ArgumentHelp("Apply only if the plan's digest is still this.", valueName: "digest"))
        var expect: String?
        @Flag(help: "Do not ask for confirmation on a terminal.") var yes = false
        @Flag(help: "After --apply, VACUUM the tables changed on a PostgreSQL server.")
        var vacuum = false
        @Flag(help: "Rectify even when the request is not a verified, open rectification request (audited).")
        var force = false
        @Option(help: "Language of the letter to the person and the notices: en, nl or bg.")
        var lang: Language = .english
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if identifiers.isEmpty && request == nil { throw ValidationError("give identifiers or --request ID") }
            if replace.isEmpty && set.isEmpty { throw ValidationError("give at least one --replace or --set") }
            if expect != nil && !apply { throw ValidationError("--expect goes with --apply") }
            if vacuum && !apply { throw ValidationError("--vacuum goes with --apply") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: output.json)
            let changes =
                try replace.map { try RectificationChange.replacement($0, defaultCountry: session.defaultCountry) }
                + set.map(RectificationChange.setting)
            var options = RectificationOptions()
            options.apply = apply
            options.expect = expect
            options.vacuum = vacuum
            options.asks = apply && !yes && context.readAnswer != nil
            options.force = force
            let subject = try session.subject(identifiers: identifiers, request: request)
            let answer = try session.answerRectification(subject, changes: changes, options: options, language: lang) {
                plan in
                guard let ask = context.readAnswer, !yes else { return true }
                RectificationSummary(plan: plan, reveal: context.stderrIsTerminal).print(to: context.stderr)
                context.stderr.line("Type yes to rectify, anything else to stop: ")
                return ask()?.trimmingCharacters(in: .whitespaces).lowercased() == "yes"
            }
            let report = answer.report
            if output.json {
                try JSONOutput.print(answer, to: context)
            } else {
                RectificationSummary(plan: report.plan, reveal: context.stdoutIsTerminal).print(to: context.stdout)
                if report.applied {
                    context.stdout.line(
                        "Applied: \(report.plan.steps.count) value(s) changed; the index is up to date.")
                } else if report.plan.changesAnything {
                    context.stdout.line(
                        "Nothing changed. To carry this out: dsr rectify … --apply --expect \(report.plan.digest)")
                }
                ServerRemnantsLines.print(report.server, to: context.stdout)
                LetterLines.print(answer.letters, to: context.stdout)
            }
            try LetterLines.check(answer.letters, context)
        }
    }
}

/// The human summary of a rectification plan: each change, what may not be changed and why,
/// and whom to notify. Values in full only when `reveal` (the DPO's terminal).
struct RectificationSummary {
    let plan: RectificationPlan
    let reveal: Bool

    func print(to sink: OutputSink) {
        sink.line("Rectification plan \(plan.digest)")
        if plan.steps.isEmpty { sink.line("  nothing to change") }
        // One line per column and change, with the number of records it changes.
        var lines: [String] = []
        var records: [String: Int] = [:]
        for step in plan.steps {
            let old = (reveal ? step.old : step.maskedOld) ?? "(empty)"
            let new = reveal ? step.new : step.maskedNew
            let line = "\(step.table).\(step.column): \(old) → \(new)"
            if records[line] == nil { lines.append(line) }
            records[line, default: 0] += 1
        }
        for line in lines { sink.line("  \(line) in \(records[line] ?? 0) record(s)") }
        if !plan.notChangeable.isEmpty { sink.line("  not changeable here:") }
        for column in plan.notChangeable {
            sink.line("    \(column.table).\(column.column) in \(column.records) record(s): \(column.reason)")
        }
        if !plan.notify.isEmpty { sink.line("  tell the recipients (Art. 19): " + plan.notify.joined(separator: "; ")) }
    }
}
