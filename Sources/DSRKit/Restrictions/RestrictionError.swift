/// Changes to restrictions and holds that dsr refuses; nothing is changed when one is thrown.
public enum RestrictionError: DSRError, Equatable {
    /// No restriction or hold has this id.
    case unknown(String)
    /// The change breaks a rule; the message names the rule.
    case refused(id: String, rule: String)
    /// A reason, basis or release reason is empty.
    case emptyText(option: String)

    public var kind: FailureKind { .badData }

    public var errorDescription: String? {
        switch self {
        case .unknown(let id): "no restriction or legal hold \(id) in this workspace"
        case .refused(let id, let rule): "\(id): \(rule); nothing was changed"
        case .emptyText(let option): "\(option) must not be empty; nothing was changed"
        }
    }
}
