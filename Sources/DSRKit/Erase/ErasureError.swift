/// Why an erasure was not planned or not applied; nothing was changed.
public enum ErasureError: DSRError, Equatable {
    /// A deleted row would leave rows of `table` pointing at it through `column`.
    case wouldOrphan(table: String, column: String, parent: String, count: Int)
    /// `--expect` names another plan than the one computed now.
    case staleDigest(expected: String, actual: String)
    /// The request does not allow an erasure (type, verification, status) without `--force`.
    case requestNotReady(id: String, reason: String)
    /// A planned step found no row to change: the data changed while applying.
    case stepFailed(table: String, key: String)
    /// A planned step's key named more than one row: the map's `primary_key` is not unique.
    case keyNotUnique(table: String, key: String)
    /// The DPO did not confirm on the terminal.
    case notConfirmed
    /// A new value does not fit its column.
    case doesNotFit(table: String, column: String, reason: String)
    /// New values the plan would write that their columns refuse, each as `table.column: why`.
    case valuesDoNotFit([String])

    public var kind: FailureKind {
        switch self {
        case .wouldOrphan, .staleDigest, .requestNotReady, .doesNotFit, .valuesDoNotFit, .keyNotUnique: .badData
        case .stepFailed: .temporary
        case .notConfirmed: .usage
        }
    }

    public var errorDescription: String? {
        switch self {
        case .wouldOrphan(let table, let column, let parent, let count):
            "deleting rows of \(parent) would leave \(count) row(s) of \(table) pointing at them through \(column);"
                + " the data map must say what happens to them (children: owned, or set-null on \(column))"
        case .staleDigest(let expected, let actual):
            "the plan changed since it was read (expected \(expected), now \(actual)); nothing was changed:"
                + " review the new plan (dsr erase without --apply)"
        case .requestNotReady(let id, let reason): "\(id): \(reason); pass --force to erase anyway (it is audited)"
        case .stepFailed(let table, let key):
            "\(table) \(key) changed while the erasure ran; nothing was changed: run it again"
        case .keyNotUnique(let table, let key):
            "\(table) \(key) names more than one row: the data map's primary_key of \(table) is not unique; nothing was changed"
        case .notConfirmed: "not confirmed; nothing was changed"
        case .doesNotFit(let table, let column, let reason): "\(table).\(column): \(reason); nothing was changed"
        case .valuesDoNotFit(let problems):
            "the plan would write values their columns refuse, so nothing was changed; change the data map's"
                + " erasure rule for: " + problems.joined(separator: "; ")
        }
    }
}
