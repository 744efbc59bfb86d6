import Crypto
import Foundation

/// Keyed hashes of canonical identifiers: HMAC-SHA-256 with the workspace secret.
///
/// The state dir must not become a second copy of the personal data (CONTRACT.md section 3):
/// everything dsr keeps about a subject beyond an open request is one of these hashes, which
/// can be recomputed from an identifier a DPO types but not reversed into one.
// SymmetricKey is an immutable value that swift-crypto has not marked Sendable.
public struct KeyedHasher: @unchecked Sendable {
    /// HMAC state after the key block: copying it skips hashing the key for every value.
    private let keyed: HMAC<SHA256>

    /// A hasher keyed with the workspace secret.
    public init(secret: SecretKey) {
        keyed = HMAC<SHA256>(key: SymmetricKey(data: secret.bytes))
    }

    private func code(_ text: String) -> HMAC<SHA256>.MAC {
        var mac = keyed
        var text = text
        text.withUTF8 { mac.update(data: UnsafeRawBufferPointer($0)) }
        return mac.finalize()
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
