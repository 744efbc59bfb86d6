/// Failures reading or writing the workspace secret key.
public enum PrivacyError: DSRError, Equatable {
    /// The key file is unreadable or not exactly 32 bytes.
    case badSecretKey(path: String, reason: String)
    /// The key file could not be created.
    case cannotWrite(path: String, reason: String)

    public var kind: FailureKind {
        switch self {
        case .badSecretKey: .badData
        case .cannotWrite: .cannotWrite
        }
    }

    public var errorDescription: String? {
        switch self {
        case .badSecretKey(let path, let reason): "secret key \(path) is unusable: \(reason)"
        case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
        }
    }
}
