import Foundation

/// One mistake in a data map, at the place a DPO has to look for it.
public struct DataMapProblem: Sendable, Equatable, Hashable {
    /// Where in the map file; `nil` only for maps built in code.
    public var location: MapLocation?
    /// What is wrong, naming keys, tables and columns (a map holds no personal data).
    public var message: String

    /// Creates a problem.
    public init(location: MapLocation?, message: String) {
        self.location = location
        self.message = message
    }

    /// `file:line:column: message`, the form editors and CI logs link to.
    public func formatted(file: String) -> String {
        guard let location else { return "\(file): \(message)" }
        return "\(file):\(location.line):\(location.column): \(message)"
    }

    /// Sorts problems by their place in the file, keeping the order found for equal places.
    static func inFileOrder(_ problems: [DataMapProblem]) -> [DataMapProblem] {
        problems.enumerated().sorted { lhs, rhs in
            let left = lhs.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            let right = rhs.element.location.map { ($0.line, $0.column) } ?? (0, 0)
            return left != right ? left < right : lhs.offset < rhs.offset
        }.map(\.element)
    }
}

/// Every mistake found in one data map, thrown together so the DPO fixes them in one pass.
public struct DataMapError: DSRError, Equatable {
    /// The map file as the DPO named it (`builtin` for the built-in map).
    public var file: String
    /// The mistakes, in file order.
    public var problems: [DataMapProblem]

    /// Creates the error; `problems` should not be empty.
    public init(file: String, problems: [DataMapProblem]) {
        self.file = file
        self.problems = DataMapProblem.inFileOrder(problems)
    }

    public var kind: FailureKind { .badData }

    /// One `file:line:column: message` line per problem.
    public var errorDescription: String? {
        problems.map { $0.formatted(file: file) }.joined(separator: "\n")
    }
}

/// Where the keys inside a table or an entry are, for messages more precise than the line
/// of the table or entry itself (the model keeps one location per table and per entry).
public struct DataMapLocations: Sendable, Equatable {
    private var keys: [MapLocation: [String: MapLocation]] = [:]

    /// No locations: messages fall back to the table or entry location.
    public init() {}

    /// Records that `key` (a dotted path such as `retention.from`) of the table or entry at
    /// `owner` has its value at `location`.
    mutating func record(_ key: String, in owner: MapLocation, at location: MapLocation) {
        keys[owner, default: [:]][key] = location
    }

    /// The location of `key` in the table or entry at `owner`, else `owner` itself.
    public func of(_ key: String, in owner: MapLocation?) -> MapLocation? {
        guard let owner else { return nil }
        return keys[owner]?[key] ?? owner
    }
}
