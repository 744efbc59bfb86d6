import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr index`: maintenance of the identifier index in the state dir.
    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Keep the identifier index that makes locate fast up to date.",
            discussion: """
                locate refreshes the index itself before every search; these commands
                let cron do the work ahead of time. The index holds keyed hashes only.

                Example:
                  dsr index refresh --config demo/dsr.yaml
                  dsr index rebuild --json
                """,
            subcommands: [Refresh.self, Rebuild.self])
    }
}

extension DSR.Index {
    /// `dsr index refresh`.
    struct Refresh: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "refresh",
            abstract: "Index rows added since the last refresh (and small tables that changed).",
            discussion: "Example:\n  dsr index refresh --config demo/dsr.yaml")
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let session = try workspace.session(context, actor: "", json: output.json)
            try IndexReport.print(session.refreshIndex(rebuild: false), output, context)
        }
    }

    /// `dsr index rebuild`.
    struct Rebuild: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "rebuild",
            abstract: "Empty the index and build it again from every row.",
            discussion: """
                Use after rows of large tables were changed in place, or nightly from cron.

                Example:
                  dsr index rebuild --config demo/dsr.yaml
                """)
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let session = try workspace.session(context, actor: "", json: output.json)
            try IndexReport.print(session.refreshIndex(rebuild: true), output, context)
        }
    }
}

/// Prints what a refresh did.
enum IndexReport {
    static func print(_ refresh: IndexRefresh, _ output: OutputOptions, _ context: CommandContext) throws {
        if output.json { return try JSONOutput.print(refresh, to: context) }
        let tables = refresh.rebuiltTables.isEmpty ? "none" : refresh.rebuiltTables.joined(separator: ", ")
        context.stdout.line("Index \(refresh.cleared ? "built from scratch" : "refreshed").")
        context.stdout.line("  rows read: \(refresh.rowsRead), entries written: \(refresh.entriesWritten)")
        context.stdout.line("  tables indexed again: \(tables)")
    }
}
