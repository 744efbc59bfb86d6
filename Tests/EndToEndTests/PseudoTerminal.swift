import Foundation

/// Runs the `dsr` binary with its stderr on a pseudo-terminal, as on a DPO's screen, and its
/// stdout in a file, as when it is redirected: what a terminal shows and scripts do not.
enum PseudoTerminal {
    struct Failure: Error { let message: String }

    /// Runs `dsr ARGUMENTS` in `directory` with stderr on a new pseudo-terminal of `columns`
    /// columns in raw mode (bytes arrive as written, no `\n` turned into `\r\n`); the
    /// outcome's `stderr` is what the terminal received.
    static func run(_ arguments: [String], in directory: URL, columns: UInt16 = 120) throws -> DSRProcess.Outcome {
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure(message: "no /dev/ptmx: \(String(cString: strerror(errno)))") }
        defer { close(master) }
        var name = [CChar](repeating: 0, count: 128)
        guard let unlock = libc("unlockpt", Control.self), let path = libc("ptsname_r", Name.self),
            unlock(master) == 0, path(master, &name, name.count) == 0
        else { throw Failure(message: "no pseudo-terminal: \(String(cString: strerror(errno)))") }
        // Close-on-exec: only the child's stderr (a dup2, which clears the flag) holds the
        // terminal, so its end is the child's end even while other tests start processes.
        let slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else {
            throw Failure(message: "cannot open the terminal: \(String(cString: strerror(errno)))")
        }
        var slaveOpen = true
        defer { if slaveOpen { close(slave) } }
        var mode = termios()
        tcgetattr(slave, &mode)
        cfmakeraw(&mode)
        tcsetattr(slave, TCSANOW, &mode)
        var size = winsize(ws_row: 40, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(slave, UInt(TIOCSWINSZ), &size)

        let process = Process()
        process.executableURL = DSRProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DSR_CONFIG")
        process.environment = environment
        let outURL = FileManager.default.temporaryDirectory.appending(path: "dsr-out-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outURL) }
        let out = try FileHandle(forWritingTo: outURL)
        process.standardOutput = out
        process.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        process.standardInput = FileHandle.nullDevice

        // The terminal is read while the child runs: a full one would block it.
        let received = Received()
        let reader = Thread {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = read(master, &buffer, buffer.count)
                if count > 0 {
                    received.append(buffer[0..<count])
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break  // EIO: every holder of the terminal's other end closed it
                }
            }
            received.done.signal()
        }
        try process.run()
        close(slave)
        slaveOpen = false
        reader.start()
        process.waitUntilExit()
        received.done.wait()
        try out.close()
        return DSRProcess.Outcome(
            code: process.terminationStatus, stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: received.bytes, as: UTF8.self))
    }

    private typealias Control = @convention(c) (Int32) -> Int32
    private typealias Name = @convention(c) (Int32, UnsafeMutablePointer<CChar>, Int) -> Int32

    /// A function of the C library that Swift's Glibc module does not declare (glibc declares
    /// the pseudo-terminal calls only under _XOPEN_SOURCE), looked up at run time.
    private static func libc<T>(_ symbol: String, _ type: T.Type) -> T? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), symbol).map { unsafeBitCast($0, to: type) }
    }

    /// The bytes the terminal received, gathered on the reading thread.
    private final class Received: @unchecked Sendable {
        private let lock = NSLock()
        private var data: [UInt8] = []
        let done = DispatchSemaphore(value: 0)

        func append(_ bytes: ArraySlice<UInt8>) {
            lock.lock()
            defer { lock.unlock() }
            data += bytes
        }

        var bytes: [UInt8] {
            lock.lock()
            defer { lock.unlock() }
            return data
        }
    }
}
