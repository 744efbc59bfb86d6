import CArchive
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ArchiveWriter {
    /// Adds a file from memory. `compress: false` stores it (zip: store; audio is stored, text deflated).
    ///
    /// tar.gz compresses the whole stream, so `compress` only matters for zip.
    /// - Throws: ``ArchiveError``: `.usage` for a bad or duplicate path, `.cannotWrite` when libarchive fails.
    public func add(path: String, data: Data, compress: Bool = true, modified: Date = Date()) throws {
        try ArchiveLocale.run { try addData(path: path, data: data, compress: compress, modified: modified) }
    }

    /// Adds a file from disk, streamed through two reused 64 KiB buffers (memory independent of
    /// file size), and returns the SHA-256 and size of the bytes written, for a manifest.
    ///
    /// The digest is computed on a second thread while libarchive writes the next block, so
    /// the file is read once and hashing costs no extra pass. `modified` defaults to the
    /// file's own modification time.
    /// - Throws: ``ArchiveError``: `.missingInput` when `source` is missing or unreadable, `.usage` for a
    ///   bad or duplicate path, `.temporary` when the file changes size meanwhile, `.cannotWrite` otherwise.
    @discardableResult
    public func add(path: String, contentsOf source: URL, compress: Bool, modified: Date? = nil) throws
        -> ArchiveFileDigest
    {
        try ArchiveLocale.run { try addFile(path: path, source: source, compress: compress, modified: modified) }
    }

    // MARK: - Steps of one entry

    private func addData(path: String, data: Data, compress: Bool, modified: Date) throws {
        let handle = try openHandle()
        let entry = try claim(path)
        try writeHeader(handle, entry: entry, size: Int64(data.count), compress: compress, modified: timespec(modified))
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = min(Self.blockSize, bytes.count - offset)
                try writeData(handle, bytes.baseAddress! + offset, count: count, entry: entry)
                offset += count
            }
        }
        try finishEntry(handle, entry: entry)
    }

    private func addFile(path: String, source: URL, compress: Bool, modified: Date?) throws -> ArchiveFileDigest {
        let handle = try openHandle()
        let entry = try ArchiveEntryPath.validated(path)
        let file = try ArchiveSourceFile(source.path(percentEncoded: false), entry: entry)
        _ = try claim(entry)
        let time = modified.map(timespec) ?? file.modified
        try writeHeader(handle, entry: entry, size: file.size, compress: compress, modified: time)
        let hashing = BlockHasher(buffers: [buffer, spare])
        defer { hashing.drain() }
        var remaining = file.size
        var turn = 0
        while remaining > 0 {
            let block = hashing.acquire(turn)
            let count = try file.read(into: block)
            guard count > 0, Int64(count) <= remaining else { throw failEntry(file.changed()) }
            try writeData(handle, block.baseAddress!, count: count, entry: entry)
            hashing.submit(turn, count: count)
            remaining -= Int64(count)
            turn ^= 1
            startWriteback(after: count)
        }
        guard try file.read(into: hashing.acquire(turn)) == 0 else { throw failEntry(file.changed()) }
        hashing.release(turn)
        try finishEntry(handle, entry: entry)
        return ArchiveFileDigest(sha256: hashing.finish(), size: file.size)
    }

    /// Validates `path` and records it so that no second entry takes it.
    private func claim(_ path: String) throws -> String {
        let entry = try ArchiveEntryPath.validated(path)
        guard ArchiveLocale.canWrite(entry) else {
            throw ArchiveError.invalidEntryPath(entry: entry, reason: "non-ASCII names need a UTF-8 locale (C.UTF-8)")
        }
        guard entryPaths.insert(entry).inserted else {
            throw ArchiveError.duplicateEntry(archive: archivePath, entry: entry)
        }
        return entry
    }

    private func writeHeader(_ handle: OpaquePointer, entry: String, size: Int64, compress: Bool, modified: timespec)
        throws
    {
        if format == .zip {
            // Format options are accepted only before the archive opens (state "new");
            // these two calls are libarchive's per-entry switch, read at each header.
            let code =
                compress
                ? archive_write_zip_set_compression_deflate(handle)
                : archive_write_zip_set_compression_store(handle)
            try check(code, handle, entry)
        }
        guard let header = archive_entry_new() else {
            throw failEntry(.library(archive: archivePath, entry: entry, message: "out of memory"))
        }
        defer { archive_entry_free(header) }
        archive_entry_set_pathname_utf8(header, entry)
        archive_entry_set_filetype(header, CARCHIVE_AE_IFREG)
        archive_entry_set_perm(header, 0o644)
        archive_entry_set_size(header, size)
        archive_entry_set_mtime(header, modified.tv_sec, modified.tv_nsec)
        try check(archive_write_header(handle, header), handle, entry)
    }

    private func writeData(_ handle: OpaquePointer, _ bytes: UnsafeRawPointer, count: Int, entry: String) throws {
        let written = archive_write_data(handle, bytes, count)
        guard written == count else {
            let message = written < 0 ? Self.message(handle) : "wrote \(written) of \(count) bytes"
            throw failEntry(.library(archive: archivePath, entry: entry, message: message))
        }
    }

    private func finishEntry(_ handle: OpaquePointer, entry: String) throws {
        try check(archive_write_finish_entry(handle), handle, entry)
    }

    /// Throws libarchive's error for `entry`; the archive is unusable afterwards.
    private func check(_ code: Int32, _ handle: OpaquePointer, _ entry: String) throws {
        guard code == CARCHIVE_OK else {
            throw failEntry(.library(archive: archivePath, entry: entry, message: Self.message(handle)))
        }
    }

    /// Marks the writer failed: an entry is half written, so the archive must not be finished.
    private func failEntry(_ error: ArchiveError) -> ArchiveError {
        isOpen = false
        return error
    }

    private func timespec(_ date: Date) -> timespec {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let nanos = ((date.timeIntervalSince1970 - seconds) * 1_000_000_000).rounded(.down)
        return Glibc.timespec(tv_sec: Int(seconds), tv_nsec: min(Int(nanos), 999_999_999))
    }
}

extension ArchiveWriter {
    /// Starts the kernel writing what has piled up, every 4 MiB, without waiting for it.
    ///
    /// `finish()` syncs the archive before the caller renames it; starting writeback as the
    /// data arrives lets the disk work while the next files are copied, so that final sync
    /// finds little left to do.
    func startWriteback(after bytes: Int) {
        unsyncedBytes += bytes
        guard unsyncedBytes >= 4 << 20 else { return }
        unsyncedBytes = 0
        _ = carchive_start_writeback(fd)
    }
}
