/// Failures of a command's session that belong to no single capability.
public enum SessionError: DSRError, Equatable {
    /// Neither identifiers nor a request that still keeps some were given.
    case noIdentifiers
    /// The session was closed; a command opens a new one.
    case closed

    public var kind: FailureKind {
        switch self {
        case .noIdentifiers: .usage
        case .closed: .internalError
        }
    }

    public var errorDescription: String? {
        switch self {
        case .noIdentifiers: "give at least one identifier (email:…, phone:…, ip:…, customer:ID)"
        case .closed: "the session was closed before the command finished (a bug: please report it)"
        }
    }
}
