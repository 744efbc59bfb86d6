import ArgumentParser
import DSRDemo
import DSRKit
import Foundation

extension DSR {
    /// `dsr demo`: a ready workspace full of synthetic telephony data.
    struct Demo: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "demo",
            abstract: "Make a ready workspace with synthetic telephony data.",
            discussion: """
                Writes DIR/dsr.yaml, DIR/ops.db in the reference schema, DIR/files with
                WAV recordings and voicemails and .eml e-mails, and the state dir. The
                data is as messy as real data (every phone form, withheld callers,
                IPv4 and IPv6 spellings, Latin and Cyrillic names). Same seed, same bytes.
                It prints planted subjects to try, with commands to paste.

                Example:
                  dsr demo --dir demo
                  dsr demo --dir big --calls 10000000 --seed 7
                  PGPASSWORD=… dsr demo --dir pg --postgres postgresql://dsr@127.0.0.1:5432/dsr_demo

                With --postgres URL the operations tables go into that PostgreSQL database
                (COPY, one transaction; --force replaces only tables an earlier dsr demo
                made there) and dsr.yaml points at it; the password comes from
                --password-file (mode 0600, written into dsr.yaml) or $PGPASSWORD.
                """)

        @Option(help: ArgumentHelp("The folder to write the workspace into.", valueName: "dir"))
        var dir: String

        @Option(help: "Number of customers (organisations and sole traders).")
        var customers: Int = DemoOptions().customers

        @Option(help: "Number of call detail records.")
        var calls: Int = DemoOptions().calls

        @Option(help: "Seed of the generator: the same seed gives byte-identical data.")
        var seed: UInt64 = DemoOptions().seed

        @Option(
            help: ArgumentHelp(
                "Load the operations data into this PostgreSQL database instead of DIR/ops.db.",
                valueName: "postgresql://USER@HOST:PORT/DATABASE"))
        var postgres: String?

        @Option(help: ArgumentHelp("With --postgres: a mode-0600 file holding the password.", valueName: "file"))
        var passwordFile: String?

        @Flag(help: "Replace data that an earlier dsr demo made in DIR (never other data; the secret key is kept).")
        var force = false

        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let folder = context.url(forPath: dir)
            let options = DemoOptions(customers: customers, calls: calls, seed: seed)
            let target = try postgres.map { url in
                let location: PostgresLocation
                do { location = try PostgresLocation(url: url) } catch let error as PostgresLocationError {
                    throw ValidationError("--postgres \(error.reason)")
                }
                return DemoWorkspace.PostgresTarget(
                    location: location, passwordFile: passwordFile.map { context.url(forPath: $0) })
            }
            if passwordFile != nil, postgres == nil { throw ValidationError("--password-file needs --postgres") }
            // The calls are most of the time: counted on a terminal like every long job.
            let display = ProgressBar.display(context, json: output.json)
            let meter = ProgressMeter(task: "generating calls", unit: "calls", total: calls, display: display)
            defer { meter.finish() }
            let progress: @Sendable (DemoProgress) -> Void = { step in
                if step.phase == "calls" { meter.set(done: step.done) }
            }
            let report = try DemoWorkspace.create(
                in: folder, options: options, force: force, postgres: target, progress: progress)
            meter.finish()
            let config = (dir as NSString).appendingPathComponent(Workspace.configFileName)
            if output.json {
                try JSONOutput.print(DemoOutput(config: config, report: report), to: context)
            } else {
                DemoSummary(config: config, report: report).print(to: context.stdout)
            }
        }
    }
}

/// The `--json` form of `dsr demo`.
private struct DemoOutput: Encodable {
    var config: String
    var report: DemoReport
}
