import ArgumentParser
import DSRKit
import Foundation

/// `--config FILE`: which workspace a command works on.
struct WorkspaceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The workspace's dsr.yaml (default: $DSR_CONFIG, else ./dsr.yaml).", valueName: "file"))
    var config: String?

    /// Finds and loads the workspace.
    func load(_ context: CommandContext) throws -> Workspace {
        let file = try Workspace.locateConfig(
            explicit: config, environment: context.environment, currentDirectory: context.currentDirectory)
        return try Workspace.load(configFile: file)
    }

    /// Loads the workspace and makes the command's one session on it; long jobs draw their
    /// progress on `progress` (see ``ProgressBar``).
    func session(_ context: CommandContext, actor: String, progress: ProgressDisplay? = nil) throws -> Session {
        let session = Session(workspace: try load(context), actor: actor)
        session.progressDisplay = progress
        context.sessions.keep(session)
        // A crash between an erasure's audit entry and its files or letter is finished by the next command.
        do {
            let (finished, lettersFailed) = try session.finishCommittedErasuresWithLetters()
            if finished > 0 { context.stderr.line("dsr: finished the files of \(finished) interrupted erasure(s)") }
            for problem in lettersFailed { context.stderr.line("dsr: warning: an erasure letter: \(problem)") }
        } catch {
            context.stderr.line("dsr: warning: could not finish an interrupted erasure (run `dsr erase --resume`)")
        }
        // A stop between a rectification's commit and its audit entry or letter: written now.
        do {
            let (finished, lettersFailed) = try session.finishRectificationsWithLetters()
            if finished > 0 { context.stderr.line("dsr: finished \(finished) interrupted rectification(s)") }
            for problem in lettersFailed { context.stderr.line("dsr: warning: a rectification letter: \(problem)") }
        } catch {
            context.stderr.line("dsr: warning: could not finish an interrupted rectification; the next command retries")
        }
        // A crash between a rectification's commit and the index's update: the index learns the rows now.
        do {
            let finished = try session.finishIndexRepairs()
            if finished > 0 {
                context.stderr.line("dsr: updated the index for \(finished) interrupted rectification(s)")
            }
        } catch {
            context.stderr.line(
                "dsr: warning: could not finish the index of an interrupted rectification; the next command retries")
        }
        return session
    }
}

extension ActorOptions {
    /// The command's session on the workspace of `workspace`, acting as the resolved actor.
    func session(_ workspace: WorkspaceOptions, _ context: CommandContext) throws -> Session {
        try workspace.session(context, actor: resolve(context))
    }
}

/// `--json`: print one JSON document on stdout and nothing else.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print one JSON document on stdout instead of the text report.")
    var json = false
}
