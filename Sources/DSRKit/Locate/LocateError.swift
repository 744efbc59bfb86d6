import Foundation

/// Failures of locate that are not database failures.
public enum LocateError: DSRError, Equatable {
    /// The data map cannot drive locate (a path that is not a declared reference, ...).
    case badMap(String)
    /// No identifier was given.
    case noIdentifiers

    public var kind: FailureKind {
        switch self {
        case .badMap: .badData
        case .noIdentifiers: .usage
        }
    }

    public var errorDescription: String? {
        switch self {
        case .badMap(let message): "data map: \(message)"
        case .noIdentifiers: "give at least one identifier (email:…, phone:…, ip:…, customer:ID)"
        }
    }
}
