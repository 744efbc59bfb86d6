import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes of a SQLite database file that belong to no live cell, read from the file format
/// itself (sqlite.org/fileformat2.html): freelist pages, and in each b-tree page the gap between
/// the cell pointers and the cell content, the freeblocks, and the reserved bytes at its end.
///
/// What a deleted or moved cell leaves behind is there: a page rebalanced before
/// `secure_delete` was on keeps stale copies of cells in its gap. Scanning only these bytes
/// tells residue from live values without reading every live cell (a purge's erased numbers
/// are still live in the same people's newer rows). Overflow pages (live payload) and pages it
/// cannot read as a b-tree page are not unused space and are skipped.
enum SQLiteUnusedSpace {
    /// Calls `body` with every unused range of the database file at `url`, in file order.
    ///
    /// - Throws: ``ResidueError`` when the file cannot be read or is not a SQLite database;
    ///   ``ResidueError/symbolicLink`` for a link (never followed).
    static func forEachRange(in url: URL, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let fd = open(url.path(percentEncoded: false), O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        if fd < 0 {
            if errno == ELOOP { throw ResidueError.symbolicLink }
            throw ResidueError.system(call: "open", errno: errno)
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        guard try readFully(fd, into: &header, at: 0) == 100, header.starts(with: Array("SQLite format 3\0".utf8))
        else { throw ResidueError.notADatabase }
        let rawSize = Int(header[16]) << 8 | Int(header[17])
        let pageSize = rawSize == 1 ? 65_536 : rawSize
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else { throw ResidueError.notADatabase }
        let usable = pageSize - Int(header[20])
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ResidueError.system(call: "fstat", errno: errno) }
        let pages = Int(info.st_size) / pageSize
        let freelist = try freelistPages(fd, header: header, pageSize: pageSize, usable: usable, pages: pages)

        var page = [UInt8](repeating: 0, count: pageSize)
        for number in stride(from: 1, through: pages, by: 1) {
            guard try readFully(fd, into: &page, at: (number - 1) * pageSize) == pageSize else { break }
            try page.withUnsafeBufferPointer { bytes in
                if let used = freelist[number] {
                    // A freelist page: all of it, or a trunk's bytes past its list.
                    if used < pageSize { try body(UnsafeBufferPointer(rebasing: bytes[used..<pageSize])) }
                    return
                }
                try forEachRange(ofBTreePage: bytes, headerAt: number == 1 ? 100 : 0, usable: usable, body)
            }
        }
    }

    /// The unused ranges of one page read as a b-tree page; none when it is not one.
    private static func forEachRange(
        ofBTreePage page: UnsafeBufferPointer<UInt8>, headerAt start: Int, usable: Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        func two(_ at: Int) -> Int { Int(page[at]) << 8 | Int(page[at + 1]) }
        let type = page[start]
        guard [0x02, 0x05, 0x0A, 0x0D].contains(type) else { return }
        let headerSize = type == 0x02 || type == 0x05 ? 12 : 8
        let cells = two(start + 3)
        let rawContent = two(start + 5)
        let content = rawContent == 0 ? 65_536 : rawContent
        let gapStart = start + headerSize + 2 * cells
        guard gapStart <= content, content <= usable else { return }
        // The reserved bytes at the end, the gap, then the freeblocks (each past its 4-byte header).
        if usable < page.count { try body(UnsafeBufferPointer(rebasing: page[usable..<page.count])) }
        if gapStart < content { try body(UnsafeBufferPointer(rebasing: page[gapStart..<content])) }
        var block = two(start + 1)
        var seen = 0
        while block != 0, block >= content, block + 4 <= usable, seen < usable / 4 {
            let size = two(block + 2)
            guard size >= 4, block + size <= usable else { return }
            if size > 4 { try body(UnsafeBufferPointer(rebasing: page[block + 4..<block + size])) }
            let next = two(block)
            guard next == 0 || next > block else { return }
            block = next
            seen += 1
        }
    }

    /// Freelist page numbers with the bytes of each that are in use: 0 for a leaf (all of it is
    /// free), the end of the leaf list for a trunk.
    private static func freelistPages(_ fd: Int32, header: [UInt8], pageSize: Int, usable: Int, pages: Int) throws
        -> [Int: Int]
    {
        func four(_ bytes: [UInt8], _ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        var found: [Int: Int] = [:]
        var trunk = four(header, 32)
        var page = [UInt8](repeating: 0, count: pageSize)
        while trunk > 0, trunk <= pages, found[trunk] == nil {
            guard try readFully(fd, into: &page, at: (trunk - 1) * pageSize) == pageSize else { break }
            let leaves = min(four(page, 4), (usable - 8) / 4)
            found[trunk] = 8 + 4 * leaves
            for index in 0..<leaves {
                let leaf = four(page, 8 + 4 * index)
                if leaf > 0, leaf <= pages { found[leaf] = 0 }
            }
            trunk = four(page, 0)
        }
        return found
    }

    /// Reads up to `buffer.count` bytes at `offset`; returns how many were read (fewer at the end).
    private static func readFully(_ fd: Int32, into buffer: inout [UInt8], at offset: Int) throws -> Int {
        var done = 0
        let count = buffer.count
        while done < count {
            let got = buffer.withUnsafeMutableBytes {
                pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done))
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw ResidueError.system(call: "pread", errno: errno)
            }
            if got == 0 { break }
            done += got
        }
        return done
    }
}

extension ResidueScanner {
    /// Occurrences of any form in the unused space of the SQLite database at `url`
    /// (``SQLiteUnusedSpace``): what is there is residue, whatever the live rows hold. A missing
    /// file counts 0.
    ///
    /// - Throws: ``ResidueError`` as ``SQLiteUnusedSpace/forEachRange(in:_:)``.
    func countOutsideCells(of url: URL) throws -> Int {
        guard FileManager.default.fileExists(atPath: url.path(percentEncoded: false)) else { return 0 }
        var total = 0
        try SQLiteUnusedSpace.forEachRange(in: url) { range in total += count(in: Array(range)) }
        return total
    }
}
