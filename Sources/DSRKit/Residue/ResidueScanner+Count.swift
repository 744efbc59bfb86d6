import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension ResidueScanner {
    /// Occurrences of any form in the file at `url`: every start position where a form matches,
    /// each form counted separately, overlapping matches included.
    ///
    /// The file is streamed through one reused buffer of ``chunkSize`` bytes plus the longest
    /// form, so memory stays bounded for files of any size and matches across chunk boundaries
    /// are found. A missing file counts 0 (the caller decides whether that is fine). Only the last
    /// path component is checked for a link (`O_NOFOLLOW`); the caller chooses the folders.
    /// - Throws: ``ResidueError/symbolicLink`` when `url` is a symbolic link (never followed),
    ///   ``ResidueError/notARegularFile`` for a folder, device or FIFO, ``ResidueError/system(call:errno:)``.
    package func count(in url: URL) throws -> Int {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused after fstat.
        let fd = open(url.path(percentEncoded: false), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        if fd < 0 {
            switch errno {
            case ENOENT: return 0
            case ELOOP: throw ResidueError.symbolicLink
            case let code: throw ResidueError.system(call: "open", errno: code)
            }
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw ResidueError.system(call: "fstat", errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw ResidueError.notARegularFile }
        guard longest > 0 else { return 0 }
        return try count(descriptor: fd)
    }

    /// Occurrences of any form in the UTF-8 bytes of `text`, counted as in a file: a stored
    /// value the erasure keeps on purpose is counted apart from what the file scan finds.
    package func count(in text: String) -> Int { count(in: Array(text.utf8)) }

    /// The number of matches in `bytes`.
    package func count(in bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        // 8 bytes of slack past the data, as in a file's buffer.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: bytes.count + 8, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: bytes.count + 8)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
        return withTables { $0.count(buffer, starts: 0..<bytes.count, valid: bytes.count) }
    }

    /// Reads `fd` to its end and counts the matches.
    private func count(descriptor fd: Int32) throws -> Int {
        let carryMax = longest - 1
        // 8 bytes of slack past the data: the filter reads up to 3 bytes beyond a start position.
        let capacity = carryMax + chunkSize + 8
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        var total = 0
        var held = 0  // bytes at the start of the buffer whose start positions are not scanned yet
        try withTables { tables in
            while true {
                let got = read(fd, buffer + held, chunkSize)
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ResidueError.system(call: "read", errno: errno)
                }
                let valid = held + got
                if got == 0 {  // end of file: every remaining start position, bounds checked
                    total += tables.count(buffer, starts: 0..<held, valid: valid)
                    return
                }
                // A start position needs the longest form's bytes after it before it is final.
                let final = valid - carryMax
                if final > 0 {
                    total += tables.count(buffer, starts: 0..<final, valid: valid)
                    held = carryMax
                    buffer.copyMemory(from: buffer + final, byteCount: carryMax)
                } else {
                    held = valid
                }
            }
        }
        return total
    }

    /// Calls `body` with raw views of the scanner's tables (no bounds checks or ARC in the hot loop).
    private func withTables<R>(_ body: (Tables) throws -> R) rethrows -> R {
        try firstPairs.withUnsafeBufferPointer { first in
            try secondPairs.withUnsafeBufferPointer { second in
                try quads.withUnsafeBufferPointer { quads in
                    try bucketStart.withUnsafeBufferPointer { start in
                        try bucketForms.withUnsafeBufferPointer { bucket in
                            try flatLower.withUnsafeBufferPointer { lower in
                                try flatUpper.withUnsafeBufferPointer { upper in
                                    try formStart.withUnsafeBufferPointer { formStart in
                                        try body(
                                            Tables(
                                                first: first.baseAddress!, second: second.baseAddress!,
                                                quads: quads.isEmpty ? nil : quads.baseAddress,
                                                bucketStart: start.baseAddress!, bucketForms: bucket.baseAddress!,
                                                lower: lower.baseAddress!, upper: upper.baseAddress!,
                                                formStart: formStart.baseAddress!, keyLength: keyLength,
                                                bucketMask: bucketMask))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Raw pointers into a ``ResidueScanner``'s tables, valid only inside `withTables`.
private struct Tables {
    let first: UnsafePointer<UInt64>
    let second: UnsafePointer<UInt64>
    let quads: UnsafePointer<UInt64>?
    let bucketStart: UnsafePointer<Int32>
    let bucketForms: UnsafePointer<Int32>
    let lower: UnsafePointer<UInt8>
    let upper: UnsafePointer<UInt8>
    let formStart: UnsafePointer<Int>
    /// How many leading bytes the buckets are keyed on (every form has at least that many).
    let keyLength: Int
    let bucketMask: Int

    /// Matches starting at `starts` in `data`, whose first `valid` bytes are the file's.
    ///
    /// A bitmap test rejects almost every position without folding: on a hash of the next four raw
    /// bytes when every form has four, else on raw byte pairs (bytes 0–1, then 2–3). A position
    /// that passes is verified against the forms of its bucket.
    @inline(__always)
    func count(_ data: UnsafeMutableRawPointer, starts: Range<Int>, valid: Int) -> Int {
        var found = 0
        var i = starts.lowerBound
        let end = starts.upperBound
        if let quads {
            while i < end {
                let bit = ResidueScanner.quadHash(
                    UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
                if quads[bit &>> 6] & (1 &<< UInt64(truncatingIfNeeded: bit & 63)) != 0 {
                    found &+= verify(data.assumingMemoryBound(to: UInt8.self) + i, available: valid &- i)
                }
                i &+= 1
            }
            return found
        }
        while i < end {
            let pair = Int(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
            if first[pair &>> 6] & (1 &<< UInt64(truncatingIfNeeded: pair & 63)) != 0 {
                let next = Int(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: i &+ 2, as: UInt16.self)))
                if second[next &>> 6] & (1 &<< UInt64(truncatingIfNeeded: next & 63)) != 0 {
                    found &+= verify(data.assumingMemoryBound(to: UInt8.self) + i, available: valid &- i)
                }
            }
            i &+= 1
        }
        return found
    }

    /// How many forms match at `at`, with `available` bytes of data from there.
    func verify(_ at: UnsafePointer<UInt8>, available: Int) -> Int {
        guard available >= keyLength else { return 0 }
        let key = ResidueScanner.bucketKey(at, length: keyLength, mask: bucketMask)
        var found = 0
        for slot in Int(bucketStart[key])..<Int(bucketStart[key + 1]) {
            let form = Int(bucketForms[slot])
            let from = formStart[form]
            let length = formStart[form + 1] - from
            guard length <= available else { continue }
            var j = 0
            while j < length, at[j] == lower[from + j] || at[j] == upper[from + j] { j += 1 }
            if j == length { found += 1 }
        }
        return found
    }
}
