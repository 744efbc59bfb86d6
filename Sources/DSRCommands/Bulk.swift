import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr bulk`: many requests from one CSV or JSON Lines file (CONTRACT.md section 8).
    struct Bulk: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "bulk",
            abstract: "Carry out many requests from a CSV or JSON Lines file, one request a row.",
            discussion: """
                Each row is ref, action (locate, access, portability, erasure, rectification,
                restriction), identifiers, received, and the action's options: apply (erasure,
                rectification), lang, format (access, portability), replace and set
                (rectification), reason (restriction). A row runs exactly as its single command
                would, with the same checks, audit entries and files in exports_dir; erasure
                and rectification only plan unless the row says apply. Each request is
                registered and its verification recorded as stated by the file's sender.

                Rows are remembered by a keyed hash of their ref: running the file again skips
                the rows done, and a run that was killed goes on where it stopped. A bad row
                is reported with its line and field and the others go on (exit 1 at the end);
                a file that is not CSV or JSON Lines changes nothing (exit 65).

                Example:
                  dsr bulk requests.csv --dry-run
                  dsr bulk requests.jsonl --json > result.json
                """)

        @Argument(help: ArgumentHelp("The .csv or .jsonl file of requests.", valueName: "file"))
        var file: String
        @Flag(help: "Read and check every row; change nothing.") var dryRun = false
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            // The file is read whole before the workspace is touched: a file that is not CSV or
            // JSON Lines changes nothing.
            let bulkFile = try BulkFile.read(context.url(forPath: file))
            let session = try actor.session(workspace, context, json: output.json)
            let meter = session.meter(task: "bulk requests", unit: "rows", total: bulkFile.count)
            let summary = try session.runBulk(bulkFile, dryRun: dryRun, meter: meter)
            if output.json {
                try JSONOutput.print(summary, to: context)
            } else {
                BulkLines.print(summary, to: context.stdout)
            }
            if let kind = summary.stoppedKind {
                context.stderr.line("dsr: error: the run stopped: \(summary.stopped ?? ""); run it again to go on")
                throw ExitCode(ExitCodes.code(for: kind))
            }
            if summary.hasProblem { throw ExitCode(ExitCodes.checkFailed) }
        }
    }
}

/// The text report of `dsr bulk`: one line a row, then the counts.
enum BulkLines {
    static func print(_ summary: BulkSummary, to sink: OutputSink) {
        for row in summary.rows {
            var parts = ["line \(row.line)", row.status.rawValue]
            if let action = row.action { parts.append(action.rawValue) }
            if let request = row.request { parts.append(request) }
            if let records = row.records { parts.append("\(records) record(s), \(row.files ?? 0) file(s)") }
            if let archive = row.archive { parts.append(archive) }
            if let applied = row.applied { parts.append(applied ? "applied" : "planned \(row.digest ?? "")") }
            if let residue = row.residue, residue > 0 { parts.append("residue: \(residue) left") }
            if let error = row.error { parts.append(error) }
            sink.line(parts.joined(separator: "  "))
        }
        if let residue = summary.residue {
            sink.line(
                "Residue scan after \(residue.erasures) erasure(s): "
                    + (residue.found == 0
                        ? "nothing left."
                        : "\(residue.found) left in "
                            + residue.places.map { "\($0.place) (\($0.count))" }.joined(separator: ", ")))
        }
        var counts = "\(summary.done) done, \(summary.skipped) skipped, \(summary.failed) failed"
        if summary.dryRun { counts = "dry run: \(summary.ready) ready, " + counts + "; nothing was changed" }
        sink.line(counts)
    }
}
