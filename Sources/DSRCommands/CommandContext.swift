import DSRKit
import Foundation

/// Where a command writes its text: the process's stdout/stderr, or a buffer in tests.
public final class OutputSink: @unchecked Sendable {
    private let lock = NSLock()
    private let handle: FileHandle?
    private var buffer = ""
    private var written = false

    /// A sink that writes straight to a file handle.
    public init(handle: FileHandle) { self.handle = handle }
    /// A sink that collects text in memory (for tests).
    public init() { self.handle = nil }

    /// Writes `text` as UTF-8.
    public func write(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        written = written || !text.isEmpty
        if let handle { handle.write(Data(text.utf8)) } else { buffer += text }
    }

    /// Whether anything was written yet (to a file handle or the buffer).
    public var hasWritten: Bool {
        lock.lock()
        defer { lock.unlock() }
        return written
    }

    /// Writes `text` followed by a newline.
    public func line(_ text: String = "") { write(text + "\n") }

    /// Everything written so far (in-memory sinks only).
    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return buffer
    }
}

/// The sessions a command opened: closed when it finishes, and kept until the context goes
/// (for the process, until it exits; see ``Session/close()``).
public final class CommandSessions: @unchecked Sendable {
    private let lock = NSLock()
    private var sessions: [Session] = []
    private var retired: [Session] = []

    /// No sessions yet.
    public init() {}

    func keep(_ session: Session) {
        lock.lock()
        defer { lock.unlock() }
        sessions.append(session)
    }

    func closeAll() {
        lock.lock()
        defer { lock.unlock() }
        for session in sessions { session.close() }
        // Keep them (see Session.close()) but never close one twice.
        retired += sessions
        sessions = []
    }
}

/// What a command needs from the world, so tests can run commands in-process.
public struct CommandContext: Sendable {
    /// Standard output: reports and JSON documents.
    public var stdout: OutputSink
    /// Standard error: errors, warnings, progress.
    public var stderr: OutputSink
    /// The environment variables ($DSR_CONFIG, $DSR_ACTOR...).
    public var environment: [String: String]
    /// The folder relative paths on the command line resolve against.
    public var currentDirectory: URL
    /// Whether stderr is a terminal (progress is shown only then).
    public var stderrIsTerminal: Bool
    /// The terminal's width in columns, when stderr is one and says (a progress line is cut to fit:
    /// a line that wraps can no longer be overwritten).
    public var stderrColumns: Int?
    /// Whether stdout is the DPO's terminal: only there does a report show personal values
    /// in full (piped, they go to files and logs).
    public var stdoutIsTerminal: Bool
    /// Reads one line the person types, when standard input is a terminal; nil otherwise
    /// (scripts and cron jobs are never asked).
    public var readAnswer: (@Sendable () -> String?)?
    /// The sessions the command opened.
    public let sessions = CommandSessions()

    /// A context for tests: in-memory output, a given folder and environment.
    public init(
        currentDirectory: URL, environment: [String: String] = [:], stdout: OutputSink = OutputSink(),
        stderr: OutputSink = OutputSink(), stderrIsTerminal: Bool = false, stderrColumns: Int? = nil,
        stdoutIsTerminal: Bool = false, readAnswer: (@Sendable () -> String?)? = nil
    ) {
        self.stderrColumns = stderrColumns
        self.stdoutIsTerminal = stdoutIsTerminal
        self.readAnswer = readAnswer
        self.stdout = stdout
        self.stderr = stderr
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.stderrIsTerminal = stderrIsTerminal
    }

    /// The context ``DSR/execute(_:context:)`` runs a command in.
    @TaskLocal static var current: CommandContext?

    /// The context of the running process.
    public static var live: CommandContext {
        CommandContext(
            currentDirectory: URL(filePath: FileManager.default.currentDirectoryPath, directoryHint: .isDirectory),
            environment: ProcessInfo.processInfo.environment,
            stdout: OutputSink(handle: .standardOutput), stderr: OutputSink(handle: .standardError),
            stderrIsTerminal: isatty(STDERR_FILENO) == 1, stderrColumns: terminalColumns(STDERR_FILENO),
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1, readAnswer: isatty(STDIN_FILENO) == 1 ? terminalLine : nil)
    }

    /// The width of the terminal on `descriptor`; nil when it is none or does not say (0).
    private static func terminalColumns(_ descriptor: Int32) -> Int? {
        var size = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// One line from the terminal.
    @Sendable private static func terminalLine() -> String? { readLine() }

    /// Resolves a path typed on the command line against the current folder.
    public func url(forPath path: String) -> URL {
        FilePaths.resolve(path, against: currentDirectory)
    }
}
