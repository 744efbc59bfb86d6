import Crypto
import Foundation

/// Keyed hashes of canonical identifiers: HMAC-SHA-256 with the workspace secret.
///
/// The state dir must not become a second copy of the personal data (CONTRACT.md section 3):
/// everything dsr keeps about a subject beyond an open request is one of these hashes, which
/// can be recomputed from an identifier a DPO types but not reversed into one.
// SHA256 holds its state in a class that swift-crypto has not marked Sendable; the two
// states here are only ever copied, never changed in place.
public struct KeyedHasher: @unchecked Sendable {
    /// SHA-256 after the inner and the outer key block of HMAC (RFC 2104, section 2): copying
    /// them skips hashing the key twice for every value, where swift-crypto's `HMAC` hashes the
    /// outer key block again in each `finalize()` (a third of the work for a short value; the
    /// index build hashes millions). `KeyedHasherTests` checks it against `HMAC<SHA256>`.
    private let inner: SHA256
    private let outer: SHA256
    /// Kept to make ``forAnotherThread()``'s states.
    private let secret: SecretKey

    /// A hasher keyed with the workspace secret.
    public init(secret: SecretKey) {
        self.secret = secret
        var key = secret.bytes
        if key.count > 64 { key = Array(SHA256.hash(data: key)) }
        key += [UInt8](repeating: 0, count: 64 - key.count)
        var inner = SHA256()
        inner.update(data: key.map { $0 ^ 0x36 })
        var outer = SHA256()
        outer.update(data: key.map { $0 ^ 0x5c })
        (self.inner, self.outer) = (inner, outer)
    }

    /// The same hasher with states of its own. Copies of a hasher share the two states, and
    /// every hash retains them: threads hashing millions of values each (the index build)
    /// would fight over one reference count.
    func forAnotherThread() -> KeyedHasher {
        KeyedHasher(secret: secret)
    }

    private func code(_ text: String) -> SHA256Digest {
        var first = inner
        var text = text
        text.withUTF8 { first.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        let digest = first.finalize()
        var second = outer
        digest.withUnsafeBytes { second.update(bufferPointer: $0) }
        return second.finalize()
    }

    /// The full 32-byte HMAC of `text`, as lower-case hex.
    public func hex(_ text: String) -> String {
        Digests.hex(code(text))
    }

    /// The first 8 bytes of the HMAC of `text` as an integer: the identifier index's key.
    ///
    /// Truncation only makes unrelated values collide now and then; the index re-reads every
    /// candidate row and keeps only real matches, so a collision costs a read, never a result.
    public func index64(_ text: String) -> Int64 {
        code(text).withUnsafeBytes { raw in
            var value: UInt64 = 0
            for byte in raw.prefix(8) { value = value << 8 | UInt64(byte) }
            return Int64(bitPattern: value)
        }
    }

    /// The index key of the value whose ``hex(_:)`` is `hex`: both come from the same HMAC,
    /// the index key being its first 8 bytes, so the first 16 hex digits give it back. This
    /// lets the suppression list, which keeps only full hashes, be looked up in the index.
    /// Nil for text that is not at least 16 lower-case hex digits.
    public static func index64(fromHex hex: String) -> Int64? {
        let digits = hex.utf8.prefix(16)
        guard digits.count == 16, digits.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }),
            let value = UInt64(String(decoding: digits, as: UTF8.self), radix: 16)
        else { return nil }
        return Int64(bitPattern: value)
    }
}
