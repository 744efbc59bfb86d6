import ArgumentParser
import DSRKit
import Foundation

extension DSR {
    /// `dsr export`: the access / portability archive.
    struct Export: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            abstract: "Write the access / portability export: one archive a person can open, read and re-use.",
            discussion: """
                The archive holds index.html (a page to open in a browser, with players for
                recordings), letter.txt (the Art. 15 cover letter, or the Art. 20 letter of a
                portability export, which holds only what the data map marks portable), data/<table>.json and
                .csv, the original files, and manifest.json with every file's SHA-256.
                Other people's numbers are masked (Art. 15(4)). It is written under a
                temporary name and renamed when complete, mode 0600.

                --encrypt makes an AES-256 zip; the password comes from --password-file or
                $DSR_EXPORT_PASSWORD, never from the command line. 7-Zip and bsdtar open
                it; Info-ZIP unzip does not.

                Example:
                  dsr export --request DSR-2026-0001 --lang nl
                  dsr export phone:+31681234567 --format tar.gz -o /tmp/sanne.tar.gz
                  dsr export --request DSR-2026-0002 --portability
                """)

        @Argument(help: ArgumentHelp("The person's identifiers (or use --request).", valueName: "identifier"))
        var identifiers: [String] = []
        @Option(help: ArgumentHelp("The access or portability request this export answers.", valueName: "id"))
        var request: String?
        @Option(help: "zip (default) or tar.gz.") var format: ArchiveFormat = .zip
        @Option(
            name: [.short, .customLong("output")], help: ArgumentHelp("Where to write the archive.", valueName: "file"))
        var output: String?
        @Option(help: "Language of the letter and the page: en, nl or bg.") var lang: Language = .english
        @Flag(
            help: ArgumentHelp(
                "A portability export (Art. 20): only data the person provided, with the Art. 20 letter.",
                discussion: "Without it, the request's type decides (a portability request gets one)."))
        var portability = false
        @Flag(help: "Encrypt the zip with AES-256 (password from --password-file or $DSR_EXPORT_PASSWORD).")
        var encrypt = false
        @Option(help: ArgumentHelp("A file whose first line is the password.", valueName: "file"))
        var passwordFile: String?
        @Flag(help: "Include recordings and voicemails held as processor for the number owner (audited).")
        var includeProcessorData = false
        @Flag(help: "Export even when the request is not a verified access or portability request (audited).")
        var force = false
        @Flag(help: "Replace an archive that already exists under the output name.")
        var overwrite = false
        @Flag(help: "Exit 0 even when files of the records are missing or refused (they are listed either way).")
        var allowMissingFiles = false
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var outputFormat: OutputOptions

        func validate() throws {
            if identifiers.isEmpty && request == nil { throw ValidationError("give identifiers or --request ID") }
            if encrypt && format != .zip { throw ValidationError("--encrypt needs --format zip") }
            if passwordFile != nil && !encrypt { throw ValidationError("--password-file goes with --encrypt") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: outputFormat.json)
            var options = ExportOptions()
            options.format = format
            options.output = output.map(context.url(forPath:))
            options.language = lang
            if portability { options.kind = .portability }
            options.includeProcessorData = includeProcessorData
            options.force = force
            options.overwrite = overwrite
            if encrypt { options.password = try password(context) }
            let subject = try session.subject(identifiers: identifiers, request: request)
            let report = try Exporter.export(subject, options: options, in: session)
            for file in report.filesLeftOut {
                let why = file.status == .missing ? "the file is missing" : "its path leaves the files root (refused)"
                context.stderr.line("dsr: warning: \(file.table) \(file.key.forMessages): not in the archive: \(why)")
            }
            if outputFormat.json {
                try JSONOutput.print(report, to: context)
            } else {
                context.stdout.line("Export written: \(report.path)")
                context.stdout.line("  \(report.entries) files; manifest SHA-256 \(report.manifestSHA256)")
                for restriction in report.restrictions {
                    context.stdout.line(
                        "  restriction in force (Art. 18): \(restriction.id) since \(restriction.since),"
                            + " until \(restriction.until ?? "lifted")")
                }
                if report.processorFilesLeftOut > 0 {
                    context.stdout.line(
                        "  \(report.processorFilesLeftOut) recording(s)/voicemail(s) held for number owners listed, not included"
                            + " (--include-processor-data)")
                }
                if !report.filesLeftOut.isEmpty {
                    context.stdout.line(
                        "  \(report.filesLeftOut.count) file(s) could not be included (listed in the letter)")
                }
            }
            // A check found problems: the archive is written, but not every file is in it.
            if !report.filesLeftOut.isEmpty, !allowMissingFiles { throw ExitCode(ExitCodes.checkFailed) }
        }

        private func password(_ context: CommandContext) throws -> String {
            if let passwordFile {
                let url = context.url(forPath: passwordFile)
                let path = url.path(percentEncoded: false)
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ExportError.passwordFileMissing(path)
                }
                let text = String(decoding: data, as: UTF8.self)
                let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
                guard !line.isEmpty else { throw ExportError.passwordFileEmpty(path) }
                return line
            }
            guard let fromEnvironment = context.environment["DSR_EXPORT_PASSWORD"], !fromEnvironment.isEmpty else {
                throw ValidationError("--encrypt needs --password-file FILE or $DSR_EXPORT_PASSWORD")
            }
            return fromEnvironment
        }
    }
}

extension ArchiveFormat: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
