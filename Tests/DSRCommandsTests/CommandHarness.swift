import DSRCommands
import Foundation

/// Runs `dsr` commands in-process against a temporary folder and captures their output.
final class CommandHarness {
    let folder: URL
    var environment: [String: String] = [:]

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "dsr-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    struct Outcome {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `dsr ARGUMENTS` with the folder as the current directory.
    func run(_ arguments: String...) -> Outcome { run(arguments) }

    /// What the person types when a command asks on a terminal; nil: not a terminal.
    var answer: String?

    /// Runs `dsr ARGUMENTS` with the folder as the current directory.
    func run(_ arguments: [String]) -> Outcome {
        var reader: (@Sendable () -> String?)?
        if let typed = answer { reader = { typed } }
        let context = CommandContext(currentDirectory: folder, environment: environment, readAnswer: reader)
        let code = DSR.execute(arguments, context: context)
        return Outcome(code: code, stdout: context.stdout.text, stderr: context.stderr.text)
    }

    func write(_ text: String, to name: String) throws {
        try Data(text.utf8).write(to: folder.appending(path: name))
    }

    func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder.appending(path: name).path(percentEncoded: false))
    }
}
