import Foundation

/// Runs the built `dsr` binary as a child process, the way a DPO or a script does.
struct DSRProcess {
    struct Outcome {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary under test: `$DSR_BINARY`, else the `dsr` built beside this test bundle.
    static var binary: URL {
        if let explicit = ProcessInfo.processInfo.environment["DSR_BINARY"] { return URL(filePath: explicit) }
        let beside = URL(filePath: CommandLine.arguments[0]).deletingLastPathComponent().appending(path: "dsr")
        if FileManager.default.isExecutableFile(atPath: beside.path(percentEncoded: false)) { return beside }
        // Fallback: the package's debug build folder.
        return URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: ".build/debug/dsr")
    }

    /// Runs `dsr ARGUMENTS` in `directory` and waits for it.
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Outcome {
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DSR_CONFIG")
        env.merge(environment) { $1 }
        // Without a timeout the run always ends with an outcome.
        return try execute(binary, arguments, in: directory, environment: env)!
    }

    /// Runs any program and waits for it; nil when it outlived `timeout` (it is then killed
    /// with SIGKILL: a hung child gains nothing from a polite SIGTERM).
    ///
    /// Output goes to temporary files rather than pipes: Foundation's pipe reading has been
    /// seen to crash on EINTR when many tests run processes in parallel, and a file can never
    /// fill up and block the child.
    static func execute(
        _ executable: URL, _ arguments: [String], in directory: URL?, environment: [String: String]? = nil,
        timeout: TimeInterval? = nil
    ) throws -> Outcome? {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if let environment { process.environment = environment }
        let outURL = FileManager.default.temporaryDirectory.appending(path: "dsr-out-\(UUID().uuidString)")
        let errURL = FileManager.default.temporaryDirectory.appending(path: "dsr-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if let timeout, exited.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = exited.wait(timeout: .now() + 5)
            return nil
        }
        if timeout == nil { exited.wait() }
        try out.close()
        try err.close()
        return Outcome(
            code: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A fresh folder under the system temp dir, removed when released.
final class ScratchFolder: Sendable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appending(path: "dsr-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
}
