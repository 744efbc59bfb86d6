/// Requests the register cannot accept; nothing is changed when one is thrown.
public enum RequestError: DSRError, Equatable {
    /// No request has this id.
    case unknown(String)
    /// The change breaks a rule of the register; the message names the rule.
    case refused(id: String, rule: String)
    /// A request needs at least one identifier.
    case noSubject

    public var kind: FailureKind {
        switch self {
        case .unknown, .refused: .badData
        case .noSubject: .usage
        }
    }

    public var errorDescription: String? {
        switch self {
        case .unknown(let id): "no request \(id) in the register"
        case .refused(let id, let rule): "\(id): \(rule); nothing was changed"
        case .noSubject: "a request needs at least one identifier of its subject"
        }
    }
}
