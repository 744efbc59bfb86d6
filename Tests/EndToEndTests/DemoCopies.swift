import Foundation

/// One demo workspace made once (`pristine`, 3,000 calls, seed 7) and fresh copies of it, for
/// tests that compare runs which must start from the same data.
struct DemoCopies {
    let scratch: ScratchFolder
    var pristine: URL { scratch.url.appending(path: "pristine") }

    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "pristine", "--calls", "3000", "--seed", "7"], in: scratch.url)
        guard outcome.code == 0 else { throw DemoScratch.Failure(message: outcome.stderr) }
    }

    /// A fresh copy of the demo workspace named `name`.
    func copy(_ name: String) throws -> URL {
        let folder = scratch.url.appending(path: name)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: pristine, to: folder)
        return folder
    }

    /// Runs `dsr ARGUMENTS --config NAME/dsr.yaml` for the copy `folder`.
    func dsr(_ arguments: [String], in folder: URL) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments + ["--config", "\(folder.lastPathComponent)/dsr.yaml"], in: scratch.url)
    }

    /// Starts `dsr ARGUMENTS --config NAME/dsr.yaml` and kills it with SIGKILL after `delay`
    /// seconds (or when it ends, whichever is first).
    func runKilled(_ arguments: [String], in folder: URL, after delay: Double) throws {
        let process = Process()
        process.executableURL = DSRProcess.binary
        process.arguments = arguments + ["--config", "\(folder.lastPathComponent)/dsr.yaml"]
        process.currentDirectoryURL = scratch.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(delay * 1e6))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
