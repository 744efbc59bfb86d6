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
        let size = Int(info.st_size)
        guard size >= splitBytes, ProcessInfo.processInfo.activeProcessorCount > 1 else {
            return try count(descriptor: fd, starts: 0..<Int.max)
        }
        // A large file (the index of a large database) in two halves on two threads.
        let halves = [0..<size / 2, size / 2..<Int.max]
        let results = HalfResults(count: halves.count)
        DispatchQueue.concurrentPerform(iterations: halves.count) { half in
            results.set(half, Result { try count(descriptor: fd, starts: halves[half]) })
        }
        return try results.total()
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

    /// Counts the matches that start at the offsets of `starts` in `fd`, read with `pread(2)`
    /// through one reused buffer (to the end of the file, or of the last start's longest form).
    private func count(descriptor fd: Int32, starts: Range<Int>) throws -> Int {
        let carryMax = longest - 1
        // 8 bytes of slack past the data: the filter reads up to 3 bytes beyond a start position.
        let capacity = carryMax + chunkSize + 8
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: capacity)
        var total = 0
        var held = 0  // bytes at the start of the buffer whose start positions are not scanned yet
        var base = starts.lowerBound  // the file offset of the buffer's first byte
        try withTables { tables in
            while true {
                let got = pread(fd, buffer + held, chunkSize, off_t(base + held))
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ResidueError.system(call: "read", errno: errno)
                }
                let valid = held + got
                let limit = starts.upperBound - base  // start positions of the range in the buffer
                if got == 0 {  // end of file: every remaining start position, bounds checked
                    total += tables.count(buffer, starts: 0..<min(held, limit), valid: valid)
                    return
                }
                // A start position needs the longest form's bytes after it before it is final.
                let final = valid - carryMax
                if final > 0 {
                    total += tables.count(buffer, starts: 0..<min(final, limit), valid: valid)
                    if final >= limit { return }
                    held = carryMax
                    buffer.copyMemory(from: buffer + final, byteCount: carryMax)
                    base += final
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
                    try skips.withUnsafeBufferPointer { skips in
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
                                                    bucketMask: bucketMask,
                                                    skips: skips.isEmpty ? nil : skips.baseAddress,
                                                    window: window))
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
    let skips: UnsafePointer<UInt8>?
    let window: Int

    /// Matches starting at `starts` in `data`, whose first `valid` bytes are the file's.
    ///
    /// With a skip table, the three bytes that end the window from each start position tell how
    /// far no form can start (Wu and Manber): most positions of data unlike the forms are never
    /// looked at. A bitmap test rejects almost every other position without folding: on a hash
    /// of the next four raw bytes when every form has four, else on raw byte pairs (bytes 0–1,
    /// then 2–3). A position that passes is verified against the forms of its bucket.
    @inline(__always)
    func count(_ data: UnsafeMutableRawPointer, starts: Range<Int>, valid: Int) -> Int {
        var found = 0
        var i = starts.lowerBound
        let end = starts.upperBound
        if let skips {
            // No form fits after `valid - window`: every form is at least `window` bytes long.
            let stop = min(end, valid - window + 1)
            guard i < stop else { return 0 }
            // Four cursors, each over a quarter of the positions: one cursor's next step waits
            // for its last lookup, four overlap theirs.
            let quarter = (stop - i) / 4
            guard quarter >= 1024 else { return skipping(data, skips, from: i, to: stop, valid: valid) }
            var c0 = i
            var c1 = i &+ quarter
            var c2 = i &+ 2 &* quarter
            var c3 = i &+ 3 &* quarter
            let e0 = c1
            let e1 = c2
            let e2 = c3
            while c0 < e0, c1 < e1, c2 < e2, c3 < stop {
                step(data, skips, &c0, &found, valid: valid)
                step(data, skips, &c1, &found, valid: valid)
                step(data, skips, &c2, &found, valid: valid)
                step(data, skips, &c3, &found, valid: valid)
            }
            found &+= skipping(data, skips, from: c0, to: e0, valid: valid)
            found &+= skipping(data, skips, from: c1, to: e1, valid: valid)
            found &+= skipping(data, skips, from: c2, to: e2, valid: valid)
            found &+= skipping(data, skips, from: c3, to: stop, valid: valid)
            return found
        }
        // A loop per bitmap, so that the choice is made once, not at every position.
        if let quads {
            while i < end {
                if quadPasses(quads, data, at: i) {
                    found &+= verify(data.assumingMemoryBound(to: UInt8.self) + i, available: valid &- i)
                }
                i &+= 1
            }
            return found
        }
        while i < end {
            if pairsPass(data, at: i) {
                found &+= verify(data.assumingMemoryBound(to: UInt8.self) + i, available: valid &- i)
            }
            i &+= 1
        }
        return found
    }

    /// Matches starting at `from ..< to` with one cursor moved by the skip table.
    @inline(__always)
    func skipping(_ data: UnsafeMutableRawPointer, _ skips: UnsafePointer<UInt8>, from: Int, to: Int, valid: Int)
        -> Int
    {
        var found = 0
        var i = from
        while i < to { step(data, skips, &i, &found, valid: valid) }
        return found
    }

    /// One step of a cursor: past the positions where the window's last three bytes rule every
    /// form out, or, where they do not, one position checked and verified.
    @inline(__always)
    func step(
        _ data: UnsafeMutableRawPointer, _ skips: UnsafePointer<UInt8>, _ i: inout Int, _ found: inout Int, valid: Int
    ) {
        let block = UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i &+ window &- 3, as: UInt32.self))
        let shift = Int(skips[ResidueScanner.skipHash(block & 0xFF_FFFF)])
        if shift != 0 {
            i &+= shift
            return
        }
        if passesFilter(data, at: i) {
            found &+= verify(data.assumingMemoryBound(to: UInt8.self) + i, available: valid &- i)
        }
        i &+= 1
    }

    /// Whether the bitmaps let a form start at `i` (see ``count(_:starts:valid:)``).
    @inline(__always)
    func passesFilter(_ data: UnsafeMutableRawPointer, at i: Int) -> Bool {
        if let quads { return quadPasses(quads, data, at: i) }
        return pairsPass(data, at: i)
    }

    /// The four-byte bitmap's test of the bytes at `i`.
    @inline(__always)
    func quadPasses(_ quads: UnsafePointer<UInt64>, _ data: UnsafeMutableRawPointer, at i: Int) -> Bool {
        let bit = ResidueScanner.quadHash(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt32.self)))
        return quads[bit &>> 6] & (1 &<< UInt64(truncatingIfNeeded: bit & 63)) != 0
    }

    /// The byte-pair bitmaps' test of the bytes at `i` (0–1, then 2–3).
    @inline(__always)
    func pairsPass(_ data: UnsafeMutableRawPointer, at i: Int) -> Bool {
        let pair = Int(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: i, as: UInt16.self)))
        guard first[pair &>> 6] & (1 &<< UInt64(truncatingIfNeeded: pair & 63)) != 0 else { return false }
        let next = Int(UInt16(littleEndian: data.loadUnaligned(fromByteOffset: i &+ 2, as: UInt16.self)))
        return second[next &>> 6] & (1 &<< UInt64(truncatingIfNeeded: next & 63)) != 0
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

/// What each thread of a split scan counted, one slot per thread: each slot is written by its
/// own thread only, and read after `concurrentPerform` has returned.
private final class HalfResults: @unchecked Sendable {
    /// Raw storage, not an array: two threads writing two elements of one array property at once
    /// would be two overlapping accesses to the property.
    private let results: UnsafeMutableBufferPointer<Result<Int, any Error>>

    init(count: Int) {
        results = .allocate(capacity: count)
        results.initialize(repeating: .success(0))
    }

    deinit {
        _ = results.deinitialize()
        results.deallocate()
    }

    func set(_ slot: Int, _ result: Result<Int, any Error>) { results[slot] = result }

    func total() throws -> Int { try results.reduce(0) { try $0 + $1.get() } }
}
