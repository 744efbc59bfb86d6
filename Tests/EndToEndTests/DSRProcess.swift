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
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DSR_CONFIG")
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain stderr on another thread while stdout is read here: a child that fills
        // either pipe must never block waiting for us.
        let stderrBox = DataBox()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            stderrBox.data = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        let stderrData = stderrBox.data
        process.waitUntilExit()
        return Outcome(
            code: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }
}

/// Bytes handed from the stderr-draining thread to the caller (ordered by a semaphore).
private final class DataBox: @unchecked Sendable {
    var data = Data()
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
