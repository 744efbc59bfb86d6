/// Failures of a command's session that belong to no single capability.
public enum SessionError: DSRError, Equatable {
    /// Neither identifiers nor a request that still keeps some were given.
    case noIdentifiers

    public var kind: FailureKind {
        switch self {
        case .noIdentifiers: .usage
        }
    }

    public var errorDescription: String? {
        switch self {
        case .noIdentifiers: "give at least one identifier (email:…, phone:…, ip:…, customer:ID)"
        }
    }
}
