#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A regular file opened for reading with POSIX calls, closed when released.
///
/// POSIX rather than `FileHandle` so that reads go straight into the writer's reused buffer
/// and a missing file, a folder and an I/O error each get their own message.
final class ArchiveSourceFile {
    let path: String
    let entry: String
    let size: Int64
    let modified: timespec
    private let fd: Int32

    /// Opens `path`, which must be a regular file.
    /// - Throws: ``ArchiveError/missingSource(source:entry:)`` or ``ArchiveError/unreadableSource(source:entry:reason:)``.
    init(_ path: String, entry: String) throws {
        self.path = path
        self.entry = entry
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw ArchiveError.missingSource(source: path, entry: entry) }
            throw ArchiveError.unreadableSource(source: path, entry: entry, reason: String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw ArchiveError.unreadableSource(source: path, entry: entry, reason: String(cString: strerror(code)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw ArchiveError.unreadableSource(source: path, entry: entry, reason: "not a regular file")
        }
        self.fd = fd
        size = Int64(info.st_size)
        modified = info.st_mtim
    }

    deinit { close(fd) }

    /// Reads up to the buffer's size; 0 at the end of the file.
    /// - Throws: ``ArchiveError/unreadableSource(source:entry:reason:)`` on an I/O error.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            let code = errno
            if code == EINTR { continue }
            throw ArchiveError.unreadableSource(source: path, entry: entry, reason: String(cString: strerror(code)))
        }
    }

    /// The error for a file whose length differs from the size taken when it was opened.
    func changed() -> ArchiveError { .sourceChanged(source: path, entry: entry) }
}
