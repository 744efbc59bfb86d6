import Foundation

/// Counts the stored forms of erased values left in the bytes of files (issue 10, section 4).
///
/// After an erasure dsr scans the operations database, its `-wal` and `-journal`, the index,
/// the state folder and every remaining file for every form of every erased value. The scan
/// reads raw bytes, not rows, so it also sees free pages, old WAL frames and deleted text.
///
/// Matching is ASCII-case-insensitive (e-mail addresses are stored in any case); bytes above
/// 0x7F compare exactly. Each form is also looked for in UTF-16LE and UTF-16BE, the text
/// encodings a SQLite database may use; there only ASCII code units fold, so `A` (41 00)
/// matches `a` (61 00) but U+4100 (00 41) does not match U+6100.
package struct ResidueScanner: Sendable {
    /// One byte pattern: at offset `j` a byte matches if it equals `lower[j]` or `upper[j]`
    /// (the two cases of an ASCII letter, or the same byte twice where case does not apply).
    struct Form: Hashable {
        var lower: [UInt8]
        var upper: [UInt8]
    }

    /// How many distinct forms are looked for, after case folding and merging duplicates (the
    /// forms themselves live on only as the flat tables below).
    let formCount: Int
    /// The length of the longest form, in bytes (0 when there is none).
    let longest: Int
    /// How many bytes each `read(2)` asks for.
    let chunkSize: Int
    /// Files of at least this many bytes are scanned by two threads, a half each (32 MiB:
    /// the index of a large database; below it a second thread costs more than it saves).
    let splitBytes: Int
    /// Bit `b0 | b1 << 8` is set when some form can start with the bytes b0 b1 (raw, both cases).
    let firstPairs: [UInt64]
    /// The same for a form's bytes 2 and 3 (every bit for a form shorter than 3 bytes).
    let secondPairs: [UInt64]
    /// Bit ``quadHash(_:)`` of the first four raw bytes is set when some form can start with them
    /// (both cases); empty when a form is shorter than 4 bytes, which then uses the pair bitmaps.
    let quads: [UInt64]
    /// Bucket ``bucketKey(_:)`` of a form's first ``keyLength`` folded bytes holds the indexes of
    /// the forms that start so: `bucketForms[bucketStart[key] ..< bucketStart[key + 1]]`. Keyed
    /// on up to 8 bytes, not 2: a purge looks for tens of thousands of phone numbers that
    /// share `+316`, and a 2-byte bucket made every candidate position compare them all.
    let keyLength: Int
    /// Buckets minus one (a power of two minus one).
    let bucketMask: Int
    let bucketStart: [Int32]
    /// The form indexes of all buckets, one after the other.
    let bucketForms: [Int32]
    /// How far the scan may move on from a window start, by a hash of the three bytes that end
    /// the window (``skipHash(_:)``): the fewest bytes after which some form could have those
    /// three bytes there (Wu and Manber's shift table). Empty when the scan moves a byte at a
    /// time: a form shorter than 6 bytes, or so many forms that most blocks shift by nothing.
    let skips: [UInt8]
    /// The window the skip table looks through: the shortest form's length, at most 255 bytes.
    let window: Int
    /// Every form's lower-case bytes, one after the other (`formStart[f] ..< formStart[f + 1]`).
    let flatLower: [UInt8]
    /// Every form's upper-case bytes, laid out as ``flatLower``.
    let flatUpper: [UInt8]
    /// Where each form starts in ``flatLower``; one more entry than there are forms.
    let formStart: [Int]

    /// A scanner for `forms`, the UTF-8 text of stored values and their canonical forms.
    ///
    /// Forms shorter than `minimumLength` bytes (UTF-8) are ignored: they match too much by
    /// chance. Forms equal after ASCII case folding are merged; a form that contains another
    /// still counts once per occurrence of each. With `includeUTF16` each kept form is also
    /// looked for as UTF-16LE and UTF-16BE bytes.
    package init(forms: [String], minimumLength: Int = 5, includeUTF16: Bool = true) {
        self.init(forms: forms, minimumLength: minimumLength, includeUTF16: includeUTF16, chunkSize: 256 << 10)
    }

    /// The same, reading `chunkSize` bytes at a time and splitting files of `splitBytes` (tests
    /// use a few bytes to cross chunk boundaries and the split).
    init(forms texts: [String], minimumLength: Int, includeUTF16: Bool, chunkSize: Int, splitBytes: Int = 32 << 20) {
        precondition(chunkSize > 0, "chunkSize must be positive")
        self.chunkSize = chunkSize
        self.splitBytes = max(1, splitBytes)
        // The forms go straight into the flat tables (a purge looks for 100,000s: one array per
        // form would cost more than the tables). Equal forms are merged by their folded UTF-8
        // bytes; the UTF-16 forms of different texts differ, and are checked against the UTF-8
        // forms seen so far (they can only meet one that holds NUL bytes).
        var seen = Set<[UInt8]>()
        var lower: [UInt8] = []
        var upper: [UInt8] = []
        var starts = [0]
        var first = [UInt64](repeating: 0, count: 1024)
        var second = [UInt64](repeating: 0, count: 1024)
        var quads = [UInt64](repeating: 0, count: 1 << 12)
        var shortest = Int.max
        func add(_ form: Form, new: Bool) {
            guard !form.lower.isEmpty, new else { return }
            Self.setPairs(&first, form, at: 0)
            Self.setPairs(&second, form, at: 2)
            if form.lower.count >= 4 { Self.setQuads(&quads, form) }
            shortest = min(shortest, form.lower.count)
            lower += form.lower
            upper += form.upper
            starts.append(lower.count)
        }
        for text in texts where text.utf8.count >= max(1, minimumLength) {
            let utf8 = Self.form(utf8: Array(text.utf8))
            let new = seen.insert(utf8.lower).inserted
            add(utf8, new: new)
            guard includeUTF16, new else { continue }
            for bigEndian in [false, true] {
                let form = Self.form(utf16: Array(text.utf16), bigEndian: bigEndian)
                add(form, new: !seen.contains(form.lower))
            }
        }
        let count = starts.count - 1
        formCount = count
        longest = (0..<count).map { starts[$0 + 1] - starts[$0] }.max() ?? 0
        firstPairs = first
        secondPairs = second
        // The four-byte bitmap only when every form has four bytes.
        self.quads = count > 0 && shortest >= 4 ? quads : []
        let keyLength = min(8, count > 0 ? shortest : 1)
        self.keyLength = keyLength
        // About two buckets per form, so that a position whose first bytes every number shares
        // (`+316`, past the bitmap) mostly meets an empty bucket: a purge looks for 100,000s.
        var bucketCount = 1 << 16
        while bucketCount < count * 2, bucketCount < 1 << 22 { bucketCount <<= 1 }
        let mask = bucketCount - 1
        bucketMask = mask
        let keys = lower.withUnsafeBufferPointer { bytes in
            (0..<count).map { Self.bucketKey(bytes.baseAddress! + starts[$0], length: keyLength, mask: mask) }
        }
        // Buckets as one flat array: counted, then filled in form order.
        var start = [Int32](repeating: 0, count: bucketCount + 1)
        for key in keys { start[key + 1] += 1 }
        for index in 0..<bucketCount { start[index + 1] += start[index] }
        var next = start
        var flat = [Int32](repeating: 0, count: count)
        for (index, key) in keys.enumerated() {
            flat[Int(next[key])] = Int32(index)
            next[key] += 1
        }
        bucketStart = start
        bucketForms = flat
        flatLower = lower
        flatUpper = upper
        formStart = starts
        (skips, window) = Self.skipTable(lower: lower, upper: upper, starts: starts, shortest: shortest)
    }

    /// Buckets of the skip table (2^15 bytes, 32 KiB: it stays in the L1 cache).
    static let skipBits = 15

    /// The skip table for forms of at least `shortest` bytes (see ``skips``), and its window;
    /// an empty table when skipping would not pay.
    static func skipTable(lower: [UInt8], upper: [UInt8], starts: [Int], shortest: Int) -> ([UInt8], Int) {
        guard starts.count > 1, shortest >= 6 else { return ([], 0) }
        let window = min(shortest, 255)
        var table = [UInt8](repeating: UInt8(window - 2), count: 1 << skipBits)
        // Where most blocks shift by nothing (a purge's 100,000s of numbers), the table costs a
        // lookup a byte and saves none: given up as soon as an eighth of the buckets are 0.
        var zeros = 0
        for form in 0..<(starts.count - 1) {
            let from = starts[form]
            for end in 2..<window {
                // Every case variant of the bytes end-2, end-1, end: at most 8.
                var blocks: [UInt32] = [0]
                for j in 0..<3 {
                    let at = from + end - 2 + j
                    let variants = lower[at] == upper[at] ? [lower[at]] : [lower[at], upper[at]]
                    blocks = blocks.flatMap { block in variants.map { block | UInt32($0) << (8 * UInt32(j)) } }
                }
                let shift = UInt8(window - 1 - end)
                for block in blocks {
                    let bucket = skipHash(block)
                    if shift == 0, table[bucket] != 0 { zeros += 1 }
                    table[bucket] = min(table[bucket], shift)
                }
            }
            if zeros * 8 >= table.count { return ([], 0) }
        }
        return (table, window)
    }

    /// The skip table's bucket for three bytes `b0 | b1 << 8 | b2 << 16`.
    @inline(__always)
    static func skipHash(_ block: UInt32) -> Int {
        Int(truncatingIfNeeded: (block &* 0x9E37_79B1) &>> UInt32(32 - skipBits))
    }

    /// The bucket of the `length` bytes at `bytes`, folded: FNV-1a, cut to 16 bits.
    @inline(__always)
    static func bucketKey(_ bytes: UnsafePointer<UInt8>, length: Int, mask: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for index in 0..<length { hash = (hash ^ UInt32(fold(bytes[index]))) &* 16_777_619 }
        return Int(hash ^ (hash >> 16)) & mask
    }

    // MARK: - Forms

    /// ASCII lower case of `byte`; every other byte unchanged.
    @inline(__always)
    static func fold(_ byte: UInt8) -> UInt8 {
        byte &- 0x41 < 26 ? byte | 0x20 : byte
    }

    /// ASCII upper case of `byte`; every other byte unchanged.
    static func upper(_ byte: UInt8) -> UInt8 {
        byte &- 0x61 < 26 ? byte & ~0x20 : byte
    }

    /// A UTF-8 form: every byte folds (bytes of multi-byte characters are above 0x7F and stay).
    static func form(utf8 bytes: [UInt8]) -> Form {
        Form(lower: bytes.map(fold), upper: bytes.map(upper))
    }

    /// A UTF-16 form: only the low byte of an ASCII code unit folds; all other bytes are exact.
    static func form(utf16 units: [UInt16], bigEndian: Bool) -> Form {
        var form = Form(lower: [], upper: [])
        for unit in units {
            let high = UInt8(unit >> 8)
            let low = UInt8(unit & 0xFF)
            let lower = high == 0 ? fold(low) : low
            let upper = high == 0 ? upper(low) : low
            form.lower += bigEndian ? [high, lower] : [lower, high]
            form.upper += bigEndian ? [high, upper] : [upper, high]
        }
        return form
    }

    /// The bit for the four bytes `b0 | b1 << 8 | b2 << 16 | b3 << 24` in ``quads`` (2^18 bits,
    /// 32 KiB: it stays in the L1 cache). A multiplicative hash: one multiply and one shift.
    @inline(__always)
    static func quadHash(_ bytes: UInt32) -> Int {
        Int(truncatingIfNeeded: (bytes &* 0x9E37_79B1) &>> 14)
    }

    /// Sets the bit of every case variant of `form`'s first four bytes (at most 16).
    static func setQuads(_ bits: inout [UInt64], _ form: Form) {
        var keys: [UInt32] = [0]
        for j in 0..<4 {
            let variants = Set([form.lower[j], form.upper[j]])
            keys = keys.flatMap { key in variants.map { key | UInt32($0) << (8 * UInt32(j)) } }
        }
        for key in keys {
            let bit = quadHash(key)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    /// Sets the bit of every raw byte pair that `form` accepts at `offset` and `offset + 1`;
    /// a byte past the form's end accepts anything.
    static func setPairs(_ bits: inout [UInt64], _ form: Form, at offset: Int) {
        func accepted(_ j: Int) -> [Int] {
            guard j < form.lower.count else { return Array(0..<256) }
            return form.lower[j] == form.upper[j] ? [Int(form.lower[j])] : [Int(form.lower[j]), Int(form.upper[j])]
        }
        for b0 in accepted(offset) {
            for b1 in accepted(offset + 1) {
                let key = b0 | b1 << 8
                bits[key >> 6] |= 1 << UInt64(key & 63)
            }
        }
    }
}
