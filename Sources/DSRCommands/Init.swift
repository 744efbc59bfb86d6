import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr init`: makes a workspace.
    struct Init: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Make a workspace: dsr.yaml, the state dir and the secret key.",
            discussion: """
                Writes DIR/dsr.yaml and the state dir (mode 0700) holding state.db and a
                32-byte secret key (mode 0600) that keys every hash dsr stores. Paths in
                dsr.yaml are written as given; relative ones resolve against DIR.

                An existing workspace is refused unless --force; even with --force the
                existing dsr.yaml is read and only the settings given change, so the state
                dir and its secret key stay: the key ties the audit trail together.

                The controller's identity (controller_name, controller_address,
                controller_email, dpo_contact, supervisory_authority) is left empty for you
                to fill in dsr.yaml; --force keeps what you wrote. `dsr export` refuses
                until it is filled in.

                A lost secret key is not replaced quietly: where state.db already holds
                entries keyed with it, init refuses (exit 73) and asks you to restore the key
                from your backup; --new-key makes a new one and records in the audit trail
                that earlier entries can no longer be found by identifier.

                Example:
                  dsr init --dir /srv/dsr --operations-db /srv/telephony/ops.db \\
                      --files-root /srv/telephony/files --default-country NL
                """)

        @Option(help: ArgumentHelp("The workspace folder (created when absent).", valueName: "dir"))
        var dir: String = "."

        @Option(
            name: .customLong("operations-db"),
            help: ArgumentHelp("The operations database, as written into dsr.yaml (default ops.db).", valueName: "path")
        )
        var operationsDB: String?

        @Option(
            help: ArgumentHelp("The folder that file_path values are relative to (default files).", valueName: "dir"))
        var filesRoot: String?

        @Option(
            help: ArgumentHelp(
                "Country of national phone numbers with no other context (ISO 3166 alpha-2, default NL).",
                valueName: "cc"))
        var defaultCountry: String?

        @Flag(
            help: "Rewrite dsr.yaml of an existing workspace: only the given settings change, the secret key is kept.")
        var force = false

        @Flag(
            help: """
                Make a new secret key where the old one was lost and state.db holds entries keyed \
                with it (restore it from your backup instead if you can): recorded in the audit \
                trail, and earlier entries can no longer be found by identifier.
                """)
        var newKey = false

        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if let defaultCountry, !WorkspaceConfiguration.isCountryCode(defaultCountry) {
                throw ValidationError("--default-country must be a two-letter ISO 3166 code such as NL or BG")
            }
        }

        func run(_ context: CommandContext) throws {
            let folder = context.url(forPath: dir)
            let settings = WorkspaceInitializer.Settings(
                operationsDB: operationsDB, filesRoot: filesRoot, defaultCountry: defaultCountry)
            let result = try WorkspaceInitializer.create(
                in: folder, settings: settings, force: force, newKey: newKey, actor: actor.resolve(context))
            if output.json {
                try JSONOutput.print(InitReport(result), to: context)
                return
            }
            context.stdout.line("Workspace written: \(result.configFile.path(percentEncoded: false))")
            if result.entriesCutOff > 0 {
                context.stdout.line(
                    "Secret key: created a new key (mode 0600); the \(result.entriesCutOff) earlier audit entries"
                        + " can no longer be found by identifier (recorded in the audit trail).")
            } else if result.keptExistingKey {
                context.stdout.line(
                    newKey
                        ? "Secret key: kept the existing key (--new-key only replaces a lost key)."
                        : "Secret key: kept the existing key.")
            } else {
                context.stdout.line("Secret key: created (mode 0600).")
            }
            if !result.operationsDatabaseExists {
                context.stderr.line("dsr: warning: the operations database named in dsr.yaml does not exist yet")
            }
        }
    }
}

/// The `--json` form of `dsr init`.
private struct InitReport: Encodable {
    var config: String
    var keptExistingKey: Bool
    var operationsDatabaseExists: Bool

    init(_ result: WorkspaceInitializer.Result) {
        config = result.configFile.path(percentEncoded: false)
        keptExistingKey = result.keptExistingKey
        operationsDatabaseExists = result.operationsDatabaseExists
    }
}
