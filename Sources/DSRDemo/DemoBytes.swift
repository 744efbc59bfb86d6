import DSRKit
import GRDBSQLite

/// A growable byte buffer with a stable address, for building row values without `String`.
///
/// The call loop binds these bytes to SQLite with `SQLITE_STATIC`: the memory stays valid
/// and unchanged until the row is stepped, and no `String` is allocated per row.
final class DemoBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    /// Creates an empty buffer.
    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Forgets the content, keeping the memory.
    @inline(__always)
    func reset() { count = 0 }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Appends one byte.
    @inline(__always)
    func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    /// Appends bytes.
    @inline(__always)
    func append(_ bytes: [UInt8]) {
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        for byte in bytes {
            base[count] = byte
            count += 1
        }
    }

    /// Appends the UTF-8 of a string.
    func append(_ text: String) {
        for byte in text.utf8 { append(byte) }
    }

    /// Appends a slice of another buffer.
    @inline(__always)
    func append(_ other: DemoBytes, from start: Int, to end: Int) {
        var index = start
        while index < end {
            append(other.base[index])
            index += 1
        }
    }

    /// Appends a non-negative number in decimal, left-padded with zeros to `width`.
    @inline(__always)
    func appendNumber(_ value: Int, width: Int = 1) {
        var digits = 1
        var limit = 10
        while value >= limit, digits < 19 {
            digits += 1
            limit &*= 10
        }
        let total = max(width, digits)
        if count + total > capacity { grow(to: count + total) }
        var rest = value
        var position = count + total - 1
        while position >= count {
            base[position] = UInt8(48 + rest % 10)
            rest /= 10
            position -= 1
        }
        count += total
    }

    /// The content as `[UInt8]`.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// The content decoded as UTF-8.
    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }
}

extension RawStatement {
    /// Binds the next parameter to the bytes of a buffer without copying; the buffer must
    /// stay unchanged until ``step()``.
    @inline(__always)
    func bind(_ bytes: DemoBytes) {
        index += 1
        bytes.base.withMemoryRebound(to: CChar.self, capacity: max(bytes.count, 1)) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(bytes.count), nil)
        }
    }

    /// Binds the next parameter to a slice of a buffer without copying.
    @inline(__always)
    func bind(_ bytes: DemoBytes, from start: Int, to end: Int) {
        index += 1
        (bytes.base + start).withMemoryRebound(to: CChar.self, capacity: max(end - start, 1)) {
            _ = sqlite3_bind_text(handle, index, $0, Int32(end - start), nil)
        }
    }
}
