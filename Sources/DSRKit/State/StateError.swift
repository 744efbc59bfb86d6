/// A row of dsr's state database that dsr could not have written: a value that does not
/// parse (edited by hand, a damaged restore, a newer dsr's value).
///
/// dsr refuses such a row rather than reading a default into it: a request of the wrong
/// type or deadline, or an identifier of the wrong kind, would be worse than stopping.
public enum StateError: DSRError, Equatable {
    /// `column` of the row `row` (a request id) in `table` does not hold a value dsr knows.
    case corruptRow(table: String, row: String, column: String)

    public var kind: FailureKind {
        switch self {
        case .corruptRow: .badData
        }
    }

    public var errorDescription: String? {
        switch self {
        case .corruptRow(let table, let row, let column):
            // The stored value is left out: it may be an identifier of the subject.
            "state database: table \(table), row \(row), column \(column) holds a value dsr does not know; "
                + "it was changed outside dsr: restore state.db from a backup"
        }
    }
}
