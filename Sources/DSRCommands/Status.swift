import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr status`: checks a workspace and summarises what it holds.
    struct Status: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Check the workspace and count what the operations database holds.",
            discussion: """
                Loads dsr.yaml, opens the operations database read-only, counts the rows of
                each table the data map names, and checks what a later command would trip
                on: the data map against the database, the secret key (32 bytes, owner-only),
                default_country, state.db, the controller's identity, partial archives left
                by killed exports. Exits 1 with a problem line for each failed check.

                Example:
                  dsr status --config demo/dsr.yaml
                  dsr status --json
                """)

        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let report = try WorkspaceStatus.inspect(workspace.session(context, actor: ""))
            if output.json {
                try JSONOutput.print(report, to: context)
            } else {
                print(report, to: context)
            }
            if !report.problems.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
        }

        private func print(_ report: WorkspaceStatus, to context: CommandContext) {
            let out = context.stdout
            out.line("Workspace      \(report.configFile)")
            out.line("Operations DB  \(report.operationsDB) (opened read-only)")
            out.line("Files root     \(report.filesRoot)")
            out.line("State dir      \(report.stateDir)")
            out.line("")
            out.line("Table             Rows")
            for table in report.tables {
                let count = table.rows.map(String.init) ?? "missing"
                out.line(table.name.padding(toLength: 16, withPad: " ", startingAt: 0) + "  " + count)
            }
            out.line("")
            if report.problems.isEmpty {
                out.line("No problems found.")
            } else {
                for problem in report.problems { out.line("problem: \(problem)") }
            }
        }
    }
}
