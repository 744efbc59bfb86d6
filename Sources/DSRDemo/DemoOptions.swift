import DSRKit
import Foundation

/// What `dsr demo` should generate: how many customers and calls, and the seed that makes
/// the output reproducible (same options, byte-identical database and files).
public struct DemoOptions: Sendable {
    /// Number of rows in `customers` (planted subjects' customers included).
    public var customers: Int = 200
    /// Number of rows in `cdrs` (planted subjects' calls included).
    public var calls: Int = 100_000
    /// Seed of the pseudo-random generator.
    public var seed: UInt64 = 1

    /// Creates options; the generator checks them before writing anything.
    public init(customers: Int = 200, calls: Int = 100_000, seed: UInt64 = 1) {
        self.customers = customers
        self.calls = calls
        self.seed = seed
    }

    /// The smallest data set that still holds every planted subject and every kind of mess.
    public static let minimumCustomers = 10
    /// Minimum number of calls (the planted calls alone are a few hundred).
    public static let minimumCalls = 1000
    /// Upper bound on customers: service number ranges are sized for it.
    public static let maximumCustomers = 20_000
    /// Upper bound on calls: ids and progress stay far from overflow, disk stays sane.
    public static let maximumCalls = 100_000_000

    /// Throws when a value is out of range.
    ///
    /// - Throws: ``DemoError/invalidOption(name:value:range:)``.
    public func validate() throws {
        let customerRange = Self.minimumCustomers...Self.maximumCustomers
        guard customerRange.contains(customers) else {
            throw DemoError.invalidOption(
                name: "customers", value: customers, range: customerRange)
        }
        let callRange = Self.minimumCalls...Self.maximumCalls
        guard callRange.contains(calls) else {
            throw DemoError.invalidOption(name: "calls", value: calls, range: callRange)
        }
    }
}

/// Progress of a generation run, reported every ~100,000 rows and at each phase change.
public struct DemoProgress: Sendable {
    /// What is being written: "customers", "calls", "files", ...
    public var phase: String
    /// Units done in this phase.
    public var done: Int
    /// Units in this phase.
    public var total: Int

    /// Creates a progress value.
    public init(phase: String, done: Int, total: Int) {
        self.phase = phase
        self.done = done
        self.total = total
    }
}

/// Failures of the demo generator.
public enum DemoError: DSRError, Equatable {
    /// An option is outside the range the generator supports.
    case invalidOption(name: String, value: Int, range: ClosedRange<Int>)
    /// The database file already exists; the generator never overwrites data.
    case databaseExists(path: String)
    /// A file or folder under the files root could not be written.
    case cannotWrite(path: String, reason: String)

    /// The failure class: bad options are usage errors, the rest cannot-write.
    public var kind: FailureKind {
        switch self {
        case .invalidOption: .usage
        case .databaseExists, .cannotWrite: .cannotWrite
        }
    }

    /// One line for the DPO.
    public var errorDescription: String? {
        switch self {
        case .invalidOption(let name, let value, let range):
            "--\(name) must be between \(range.lowerBound) and \(range.upperBound), got \(value)"
        case .databaseExists(let path):
            "refusing to overwrite an existing database: \(path)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        }
    }
}
