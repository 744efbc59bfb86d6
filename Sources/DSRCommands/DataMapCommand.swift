import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr datamap`: show the data map in use, and check a map against the operations database.
    struct DataMapCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "datamap",
            abstract: "Show the data map, or check a data map file against the operations database.",
            discussion: """
                The data map says, for each table of the operations database, what it holds,
                why (purpose, legal basis, role, recipients, retention), which columns hold
                which identifiers, how tables reference each other, which columns name files,
                and what erasure and rectification do to each personal column. dsr finds and
                treats records only through it. The built-in map describes the reference
                schema; `datamap: FILE` in dsr.yaml selects your own.

                Example:
                  dsr datamap show > mymap.yaml
                  dsr datamap check mymap.yaml --config demo/dsr.yaml
                """,
            subcommands: [Show.self, Check.self])
    }
}

extension DSR.DataMapCommand {
    /// `dsr datamap show`: prints the text of the map the workspace uses.
    struct Show: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the data map the workspace uses (the built-in one by default).",
            discussion: """
                Prints the map named by `datamap:` in dsr.yaml exactly as written; the
                built-in map of the reference schema when it says `builtin` or when there is
                no workspace. The built-in map's opening comment documents the format: copy
                it as the start of your own map.

                Example:
                  dsr datamap show
                  dsr datamap show --config /srv/dsr/dsr.yaml
                """)

        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions

        func run(_ context: CommandContext) throws {
            context.stdout.write(try source(context).text)
        }

        /// The workspace's map; the built-in one when no workspace was asked for or found.
        private func source(_ context: CommandContext) throws -> DataMapSource {
            let explicit = workspace.config ?? context.environment[Workspace.configEnvironmentVariable]
            let configFile: URL
            do {
                configFile = try Workspace.locateConfig(
                    explicit: workspace.config, environment: context.environment,
                    currentDirectory: context.currentDirectory)
            } catch WorkspaceError.configMissing where explicit?.isEmpty ?? true {
                return .builtin
            }
            return try Session.dataMapSource(configFile: configFile)
        }
    }
}

extension DSR.DataMapCommand {
    /// `dsr datamap check FILE`: every mistake of a map, each with its line.
    struct Check: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a data map file against the operations database.",
            discussion: """
                Reads FILE and reports every mistake, not just the first, each as
                FILE:LINE:COLUMN: message on stderr: unknown keys, wrong types, unknown kinds,
                roles or erasure actions, missing required keys, tables and columns that the
                operations database (opened read-only) does not have, `via` hops that are not
                references. Exits 0 and prints "no problems" when the map is fine, 65 when it
                is not. FILE `builtin` checks the built-in map.

                Example:
                  dsr datamap check mymap.yaml --config /srv/dsr/dsr.yaml
                  dsr datamap check mymap.yaml --operations-db /srv/telephony/ops.db --json
                """)

        @Argument(help: ArgumentHelp("The data map file to check ('builtin' for the built-in map).", valueName: "file"))
        var file: String

        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions

        @Option(
            name: .customLong("operations-db"),
            help: ArgumentHelp(
                "Check against this database instead of the workspace's (opened read-only).", valueName: "path"))
        var operationsDB: String?

        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if operationsDB != nil, workspace.config != nil {
                throw ValidationError("give either --config or --operations-db, not both")
            }
        }

        func run(_ context: CommandContext) throws {
            let source =
                file == BuiltinDataMap.name
                ? DataMapSource.builtin : try DataMapSource.file(at: context.url(forPath: file))
            let database =
                try operationsDB.map { OperationsLocation.sqlite(context.url(forPath: $0)) }
                ?? workspace.load(context).operations
            let problems = try DataMapChecker.check(text: source.text, operations: database)
            if output.json {
                try JSONOutput.print(CheckReport(file: file, problems: problems), to: context)
            } else if problems.isEmpty {
                context.stdout.line("\(file): no problems (checked against \(database))")
            } else {
                for problem in problems { context.stderr.line(problem.formatted(file: file)) }
                let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
                context.stderr.line("dsr: error: \(file): \(count) in the data map")
            }
            if !problems.isEmpty { throw ExitCode(ExitCodes.dataError) }
        }
    }
}

/// The `--json` form of `dsr datamap check`.
private struct CheckReport: Encodable {
    struct Problem: Encodable {
        var line: Int?
        var column: Int?
        var message: String
    }

    var file: String
    var problems: [Problem]

    init(file: String, problems: [DataMapProblem]) {
        self.file = file
        self.problems = problems.map {
            Problem(line: $0.location?.line, column: $0.location?.column, message: $0.message)
        }
    }
}
