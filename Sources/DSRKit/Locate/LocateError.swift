import Foundation

/// Failures of locate that are not database failures.
public enum LocateError: DSRError, Equatable {
    /// A located row has no usable primary key value (NULL, or neither integer nor text).
    case rowWithoutKey(table: String)

    public var kind: FailureKind {
        switch self {
        case .rowWithoutKey: .badData
        }
    }

    public var errorDescription: String? {
        switch self {
        case .rowWithoutKey(let table):
            "a row of table '\(table)' has no usable primary key value (NULL, or neither integer nor text); "
                + "check the primary_key of '\(table)' in the data map"
        }
    }
}
