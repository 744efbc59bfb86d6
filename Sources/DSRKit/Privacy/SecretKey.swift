import Foundation

/// The workspace secret: 32 random bytes that key every hash dsr stores (HMAC-SHA-256).
///
/// It ties the audit trail together, so dsr creates it once and never replaces it, not
/// even on `dsr init --force`. The file is created with mode 0600 before any byte of the
/// key is written.
public struct SecretKey: Sendable, Equatable {
    /// The size of the key in bytes.
    public static let length = 32
    /// The file name inside the state dir.
    public static let fileName = "secret.key"

    /// The raw key bytes.
    public let bytes: [UInt8]

    /// Reads the key from `url`.
    ///
    /// - Throws: ``PrivacyError/badSecretKey(path:reason:)`` when it is not 32 bytes.
    public static func load(from url: URL) throws -> SecretKey {
        let path = url.path(percentEncoded: false)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PrivacyError.badSecretKey(path: path, reason: "cannot be read")
        }
        guard data.count == length else {
            throw PrivacyError.badSecretKey(
                path: path, reason: "must be exactly \(length) bytes, found \(data.count)")
        }
        return SecretKey(bytes: [UInt8](data))
    }

    /// Returns the key at `url`, creating it with fresh random bytes only when no file exists.
    ///
    /// - Throws: ``PrivacyError`` when the file cannot be written or an existing key is bad.
    @discardableResult
    public static func loadOrCreate(at url: URL) throws -> SecretKey {
        let path = url.path(percentEncoded: false)
        if FileManager.default.fileExists(atPath: path) { return try load(from: url) }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        // O_EXCL: never overwrite a key that appeared meanwhile; 0600 from the first byte.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            throw PrivacyError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        let synced = written == length && fsync(fd) == 0
        let reason = String(cString: strerror(errno))
        close(fd)
        guard synced else {
            // A truncated key would make every later command fail: leave no file behind.
            unlink(path)
            throw PrivacyError.cannotWrite(path: path, reason: reason)
        }
        return SecretKey(bytes: bytes)
    }
}
