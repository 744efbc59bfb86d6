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
                """)

        @Option(help: ArgumentHelp("The folder to write the workspace into.", valueName: "dir"))
        var dir: String

        @Option(help: "Number of customers (organisations and sole traders).")
        var customers: Int = DemoOptions().customers

        @Option(help: "Number of call detail records.")
        var calls: Int = DemoOptions().calls

        @Option(help: "Seed of the generator: the same seed gives byte-identical data.")
        var seed: UInt64 = DemoOptions().seed

        @Flag(help: "Replace data that an earlier dsr demo made in DIR (never other data; the secret key is kept).")
        var force = false

        @OptionGroup(title: "Output") var output: OutputOptions

        func run(_ context: CommandContext) throws {
            let folder = context.url(forPath: dir)
            let options = DemoOptions(customers: customers, calls: calls, seed: seed)
            // The calls are most of the time: counted on a terminal like every long job.
            let display = ProgressBar.display(context, json: output.json)
            let meter = ProgressMeter(task: "generating calls", unit: "calls", total: calls, display: display)
            defer { meter.finish() }
            let progress: @Sendable (DemoProgress) -> Void = { step in
                if step.phase == "calls" { meter.set(done: step.done) }
            }
            let report = try DemoWorkspace.create(in: folder, options: options, force: force, progress: progress)
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
