/// One index entry: a row holds a value with this keyed hash. Ordered by hash, then row, the
/// order of a run (``IndexRunStore``).
struct IndexEntry: Comparable, Hashable, Sendable {
    let hash: Int64
    let rid: Int64

    static func < (lhs: IndexEntry, rhs: IndexEntry) -> Bool {
        lhs.hash != rhs.hash ? lhs.hash < rhs.hash : lhs.rid < rhs.rid
    }
}

/// The bytes of a block: a sorted stretch of one run's entries, one BLOB of `index_blocks`.
///
/// Each entry is its hash (8 bytes, little-endian) and its row number (zigzag LEB128, 3–4
/// bytes for the row numbers of a large table): about 11.5 bytes an entry, where a SQLite row
/// and its index entry took 48. Blocks stay under ``maxBytes`` so that each fits in one 4 KiB
/// page with its key, without an overflow page.
enum IndexBlock {
    /// The most bytes of entries in one block.
    static let maxBytes = 3968

    /// `entries` (sorted) cut into blocks: each block's first entry and its bytes.
    static func encode(_ entries: some Sequence<IndexEntry>) -> [Encoded] {
        var blocks: [Encoded] = []
        var encoder = Encoder()
        for entry in entries { if let full = encoder.append(entry) { blocks.append(full) } }
        if let last = encoder.finish() { blocks.append(last) }
        return blocks
    }

    /// One block ready to store: its first entry (the block's key) and its bytes.
    struct Encoded {
        let first: IndexEntry
        let bytes: [UInt8]
    }

    /// Cuts a stream of sorted entries into blocks.
    struct Encoder {
        private var bytes: [UInt8] = []
        private var first: IndexEntry?
        private var last: IndexEntry?

        init() { bytes.reserveCapacity(IndexBlock.maxBytes) }

        /// Adds `entry` (not below the previous one; a repeat is dropped); returns the block
        /// it filled, if any.
        mutating func append(_ entry: IndexEntry) -> Encoded? {
            if let last, entry == last { return nil }
            last = entry
            var full: Encoded?
            // An entry takes at most 8 + 10 bytes.
            if bytes.count + 18 > IndexBlock.maxBytes, let start = first {
                full = Encoded(first: start, bytes: bytes)
                bytes.removeAll(keepingCapacity: true)
                first = nil
            }
            if first == nil { first = entry }
            IndexBlock.append(entry, to: &bytes)
            return full
        }

        /// The last block, if any entries are left.
        mutating func finish() -> Encoded? {
            defer {
                bytes.removeAll(keepingCapacity: true)
                first = nil
            }
            return first.map { Encoded(first: $0, bytes: bytes) }
        }
    }

    /// The entries of one block's bytes, in order.
    ///
    /// - Throws: ``StoreError`` for bytes dsr did not write (a truncated or foreign block).
    static func decode(_ bytes: UnsafeRawBufferPointer) throws -> [IndexEntry] {
        var entries: [IndexEntry] = []
        entries.reserveCapacity(bytes.count / 11)
        try forEach(bytes) { entries.append($0) }
        return entries
    }

    /// Calls `body` with every entry of one block's bytes, in order.
    ///
    /// - Throws: ``StoreError`` for bytes dsr did not write; errors of `body` pass through.
    static func forEach(_ bytes: UnsafeRawBufferPointer, _ body: (IndexEntry) throws -> Void) throws {
        var offset = 0
        while offset < bytes.count {
            let hash = try readHash(bytes, &offset)
            try body(IndexEntry(hash: hash, rid: try readRow(bytes, &offset)))
        }
    }

    /// Appends to `rows` the row of every entry of one block's bytes with hash `target`,
    /// reading no further than the first entry above it (the entries are sorted).
    ///
    /// - Throws: ``StoreError`` for bytes dsr did not write.
    static func rows(of target: Int64, in bytes: UnsafeRawBufferPointer, into rows: inout [Int64]) throws {
        var offset = 0
        while offset < bytes.count {
            let hash = try readHash(bytes, &offset)
            if hash > target { return }
            let rid = try readRow(bytes, &offset)
            if hash == target { rows.append(rid) }
        }
    }

    @inline(__always)
    private static func readHash(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) throws -> Int64 {
        guard offset + 8 < bytes.count else { throw corrupt }
        let hash = Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self))
        offset += 8
        return hash
    }

    @inline(__always)
    private static func readRow(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) throws -> Int64 {
        var zigzag: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count, shift < 64 else { throw corrupt }
            let byte = bytes[offset]
            offset += 1
            zigzag |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)
    }

    fileprivate static func append(_ entry: IndexEntry, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: entry.hash.littleEndian) { bytes.append(contentsOf: $0) }
        var zigzag = UInt64(bitPattern: (entry.rid << 1) ^ (entry.rid >> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag >>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    private static var corrupt: StoreError {
        StoreError.sqlite(path: IdentifierIndex.fileName, code: 0, message: "an index block is damaged")
    }
}
