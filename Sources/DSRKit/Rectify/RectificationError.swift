/// Why a rectification was not planned or not applied; nothing was changed.
public enum RectificationError: DSRError, Equatable {
    /// `--replace` or `--set` is not written as `KIND:OLD=NEW` / `TABLE.COLUMN=VALUE`.
    case badChange(option: String, problem: String)
    /// The old value of `--replace` is not one of the subject's identifiers.
    case notTheSubjects(kind: String, position: Int)
    /// A new value does not read as what its column holds (a phone in the row's country, one mailbox).
    case badNewValue(table: String, column: String, key: String?, problem: String)
    /// `--set` names a column the data map does not let rectification change.
    case notChangeable(table: String, column: String, reason: String)
    /// `--expect` names another plan than the one computed now.
    case staleDigest(expected: String, actual: String)
    /// The request does not allow a rectification (type, verification, status) without `--force`.
    case requestNotReady(id: String, reason: String)
    /// The DPO did not confirm on the terminal.
    case notConfirmed

    public var kind: FailureKind {
        switch self {
        case .badChange: .usage
        case .notConfirmed: .usage
        case .notTheSubjects, .badNewValue, .notChangeable, .staleDigest, .requestNotReady: .badData
        }
    }

    public var errorDescription: String? {
        switch self {
        case .badChange(let option, let problem): "\(option): \(problem)"
        case .notTheSubjects(let kind, let position):
            "--replace number \(position): the old \(kind) is not one of the subject's identifiers (given or"
                + " learnt by locate); nothing was changed"
        case .badNewValue(let table, let column, let key, let problem):
            "\(table).\(column)\(key.map { " (row \($0))" } ?? ""): the new value \(problem); nothing was changed"
        case .notChangeable(let table, let column, let reason):
            "\(table).\(column) is not changeable here: \(reason); nothing was changed"
        case .staleDigest(let expected, let actual):
            "the plan changed since it was read (expected \(expected), now \(actual)); nothing was changed:"
                + " review the new plan (dsr rectify without --apply)"
        case .requestNotReady(let id, let reason):
            "\(id): \(reason); pass --force to rectify anyway (it is audited); nothing was changed"
        case .notConfirmed: "not confirmed; nothing was changed"
        }
    }
}
