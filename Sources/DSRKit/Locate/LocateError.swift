import Foundation

/// Failures of locate that are not database failures.
public enum LocateError: DSRError, Equatable {
    /// The data map cannot drive locate (a path that is not a declared reference, ...).
    case badMap(String)
    /// No identifier was given.
    case noIdentifiers
    /// A located row has no usable primary key value (NULL, or neither integer nor text).
    case rowWithoutKey(table: String)

    public var kind: FailureKind {
        switch self {
        case .badMap: .badData
        case .noIdentifiers: .usage
        case .rowWithoutKey: .badData
        }
    }

    public var errorDescription: String? {
        switch self {
        case .badMap(let message): "data map: \(message)"
        case .noIdentifiers: "give at least one identifier (email:…, phone:…, ip:…, customer:ID)"
        case .rowWithoutKey(let table):
            "a row of table '\(table)' has no usable primary key value (NULL, or neither integer nor text); "
                + "check the primary_key of '\(table)' in the data map"
        }
    }
}
