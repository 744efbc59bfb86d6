import Foundation

/// Runs the independent readers (bsdtar, python3) that check what ``ArchiveWriter`` wrote.
enum ArchiveTools {
    struct Outcome {
        var code: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `arguments[0]` found on `PATH` through `/usr/bin/env`, in `directory`, and waits.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL? = nil) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        // bsdtar prints non-ASCII names as escapes unless the locale is UTF-8.
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        // Output goes to files, not pipes: Foundation's pipe reads on Linux crash on EINTR
        // when parallel tests make children exit (SIGCHLD) mid-read.
        let capture = FileManager.default.temporaryDirectory.appending(path: "dsr-tool-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: capture, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: capture) }
        let outURL = capture.appending(path: "stdout")
        let errURL = capture.appending(path: "stderr")
        _ = FileManager.default.createFile(atPath: outURL.path(percentEncoded: false), contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path(percentEncoded: false), contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Outcome(
            code: process.terminationStatus, stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// True when `python3` runs; the zipfile checks are skipped on machines without it.
    static let hasPython: Bool = (try? run(["python3", "-c", "pass"]).code == 0) ?? false

    /// Lists `archive` with `bsdtar -tf`, one path a line.
    static func list(_ archive: URL) throws -> [String] {
        let outcome = try run(["bsdtar", "-tf", archive.path(percentEncoded: false)])
        guard outcome.code == 0 else { throw Failure(outcome.stderr) }
        return outcome.stdout.split(separator: "\n").map(String.init)
    }

    /// Extracts `archive` into a new folder inside `directory` with bsdtar and returns the folder.
    static func extract(_ archive: URL, into directory: URL, passphrase: String? = nil) throws -> URL {
        let folder = directory.appending(path: "out-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var arguments = ["bsdtar"]
        if let passphrase { arguments += ["--passphrase", passphrase] }
        arguments += ["-xf", archive.path(percentEncoded: false), "-C", folder.path(percentEncoded: false)]
        let outcome = try run(arguments)
        guard outcome.code == 0 else { throw Failure(outcome.stderr) }
        return folder
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

/// Deterministic bytes that do not compress, like PCM audio (xorshift64).
func noiseBytes(count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
    var state = seed
    var data = Data(count: count)
    data.withUnsafeMutableBytes { raw in
        let words = raw.bindMemory(to: UInt64.self)
        for index in words.indices {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            words[index] = state
        }
        for index in (words.count * 8)..<count {
            raw[index] = UInt8(truncatingIfNeeded: state >> UInt64(8 * (index % 8)))
        }
    }
    return data
}
