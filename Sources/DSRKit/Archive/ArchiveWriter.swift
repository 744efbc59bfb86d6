import CArchive
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Streams entries into a zip or tar.gz through libarchive; handles freed in deinit/defer; every return code checked.
///
/// Memory stays independent of file sizes: files are copied through one reused 64 KiB buffer.
/// The writer is not thread-safe; one export uses one writer from one task.
public final class ArchiveWriter {
    /// Bytes libarchive hands to `write(2)` at a time, and the size of the copy buffer.
    static let blockSize = 64 * 1024

    let archivePath: String
    let format: ArchiveFormat
    /// The libarchive handle; nil once ``finish()`` has freed it.
    var archive: OpaquePointer?
    /// The output file; libarchive's fd writer never closes it, so we do.
    var fd: Int32
    /// False after ``finish()`` or after a failure that left an entry half written.
    var isOpen = true
    let buffer: UnsafeMutableRawBufferPointer
    /// The second block buffer: one is written while the other is hashed.
    let spare: UnsafeMutableRawBufferPointer
    var entryPaths: Set<String> = []
    /// Bytes copied since writeback was last started.
    var unsyncedBytes = 0

    /// Creates `url` (mode 0600, must not exist: O_EXCL) and starts an archive. `password` only with .zip: AES-256.
    ///
    /// - Throws: ``ArchiveError``: `.usage` for a password with tar.gz or an empty one,
    ///   `.cannotWrite` when the file exists or cannot be created or libarchive refuses.
    public init(url: URL, format: ArchiveFormat, password: String? = nil) throws {
        let path = url.path(percentEncoded: false)
        if let password {
            guard format == .zip else { throw ArchiveError.passwordNeedsZip(archive: path) }
            guard !password.isEmpty else { throw ArchiveError.emptyPassword(archive: path) }
        }
        guard let handle = archive_write_new() else {
            throw ArchiveError.library(archive: path, entry: nil, message: "out of memory")
        }
        var opened = false
        defer { if !opened { archive_write_free(handle) } }
        try ArchiveLocale.run { try Self.configure(handle, format: format, password: password, path: path) }
        let fd = try Self.createExclusive(path)
        defer {
            if !opened {
                close(fd)
                unlink(path)
            }
        }
        try ArchiveLocale.run { try Self.check(archive_write_open_fd(handle, fd), handle, path: path, entry: nil) }
        opened = true
        archivePath = path
        self.format = format
        archive = handle
        self.fd = fd
        buffer = .allocate(byteCount: Self.blockSize, alignment: 16)
        spare = .allocate(byteCount: Self.blockSize, alignment: 16)
    }

    deinit {
        if let archive {
            // Not finished: mark the archive failed so that freeing it does not write a
            // central directory that would make a partial export look complete.
            archive_write_fail(archive)
            archive_write_free(archive)
        }
        if fd >= 0 { close(fd) }
        buffer.deallocate()
        spare.deallocate()
    }

    /// Writes the central directory / trailer and closes the file. Must be called; otherwise the file is incomplete.
    ///
    /// The file is flushed to disk (`fsync`) so that a caller may rename it into place.
    /// - Throws: ``ArchiveError`` (`.cannotWrite`) when the trailer, flush or close fails.
    public func finish() throws {
        try ArchiveLocale.run { try writeTrailerAndClose() }
    }

    private func writeTrailerAndClose() throws {
        let handle = try openHandle()
        isOpen = false
        let closed = archive_write_close(handle)
        let message = Self.message(handle)
        archive = nil
        let freed = archive_write_free(handle)
        guard closed == CARCHIVE_OK else {
            throw ArchiveError.library(archive: archivePath, entry: nil, message: message)
        }
        guard freed == CARCHIVE_OK else {
            throw ArchiveError.library(archive: archivePath, entry: nil, message: "archive_write_free failed")
        }
        let synced = fsync(fd)
        let syncError = errno
        let closedFile = close(fd)
        let closeError = errno
        fd = -1
        guard synced == 0 else { throw systemFailure(syncError) }
        guard closedFile == 0 else { throw systemFailure(closeError) }
    }

    // MARK: - Helpers shared with the entry writers

    /// The live handle, or `.closed` once finished or failed.
    func openHandle() throws -> OpaquePointer {
        guard isOpen, let archive else { throw ArchiveError.closed(archive: archivePath) }
        return archive
    }

    /// Throws libarchive's error text unless `code` is ARCHIVE_OK.
    static func check(_ code: Int32, _ handle: OpaquePointer, path: String, entry: String?) throws {
        guard code == CARCHIVE_OK else {
            throw ArchiveError.library(archive: path, entry: entry, message: message(handle))
        }
    }

    static func message(_ handle: OpaquePointer) -> String {
        guard let text = archive_error_string(handle) else { return "unknown libarchive error" }
        return String(cString: text)
    }

    private func systemFailure(_ code: Int32) -> ArchiveError {
        .library(archive: archivePath, entry: nil, message: String(cString: strerror(code)))
    }

    // MARK: - Setup

    private static func configure(_ handle: OpaquePointer, format: ArchiveFormat, password: String?, path: String)
        throws
    {
        func check(_ code: Int32) throws { try Self.check(code, handle, path: path, entry: nil) }
        switch format {
        case .zip:
            try check(archive_write_set_format_zip(handle))
            // Names are stored as UTF-8 and flagged so (APPNOTE 4.4.4 bit 11), whatever the locale.
            try check(archive_write_set_format_option(handle, "zip", "hdrcharset", "UTF-8"))
            if let password {
                try check(archive_write_set_format_option(handle, "zip", "encryption", "aes256"))
                try check(archive_write_set_passphrase(handle, password))
            }
        case .tarGz:
            try check(archive_write_set_format_pax_restricted(handle))
            try check(archive_write_add_filter_gzip(handle))
        }
        try check(archive_write_set_bytes_per_block(handle, Int32(blockSize)))
        // No zero padding after the trailer: a zip must end with its end-of-central-directory record.
        try check(archive_write_set_bytes_in_last_block(handle, 1))
    }

    /// Opens a new file for writing, refusing anything already at `path` (including a symlink).
    private static func createExclusive(_ path: String) throws -> Int32 {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let code = errno
            if code == EEXIST { throw ArchiveError.outputExists(archive: path) }
            throw ArchiveError.cannotCreate(archive: path, reason: String(cString: strerror(code)))
        }
        // The umask can only remove bits; set 0600 exactly in case a default ACL widened it.
        guard fchmod(fd, 0o600) == 0 else {
            let code = errno
            close(fd)
            unlink(path)
            throw ArchiveError.cannotCreate(archive: path, reason: String(cString: strerror(code)))
        }
        return fd
    }
}
