import Foundation

/// What kind of failure an error is, so the command layer can pick the exit code.
///
/// DSRKit never exits the process; it throws errors that conform to ``DSRError`` and the
/// command layer maps their ``FailureKind`` to the sysexits code of CONTRACT.md section 5.
public enum FailureKind: Sendable, Equatable {
    /// A check found problems (exit 1).
    case checkFailed
    /// The command line was wrong (exit 64).
    case usage
    /// Input data is malformed: configuration, a database, a map (exit 65).
    case badData
    /// An input file does not exist (exit 66).
    case missingInput
    /// Output could not be written, or would overwrite something (exit 73).
    case cannotWrite
    /// A temporary failure such as a locked database; retrying may succeed (exit 75).
    case temporary
    /// A bug or an unexpected failure of the system (exit 70).
    case internalError
}

/// An error of DSRKit: a message for the DPO plus the kind that decides the exit code.
///
/// Messages name files, lines, keys and value classes, never personal data.
public protocol DSRError: LocalizedError, CustomStringConvertible {
    /// The failure class that the command layer turns into an exit code.
    var kind: FailureKind { get }
}

extension DSRError {
    public var description: String { errorDescription ?? String(describing: type(of: self)) }
}
