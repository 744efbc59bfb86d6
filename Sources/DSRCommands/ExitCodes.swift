import ArgumentParser
import DSRKit

/// The exit codes of CONTRACT.md section 5 (sysexits), defined once.
public enum ExitCodes {
    /// Success.
    public static let success: Int32 = 0
    /// A check found problems: retention violations not purged, overdue requests, a broken audit chain.
    public static let checkFailed: Int32 = 1
    /// The command line was wrong (EX_USAGE).
    public static let usage: Int32 = 64
    /// Input data is malformed (EX_DATAERR).
    public static let dataError: Int32 = 65
    /// An input file is missing (EX_NOINPUT).
    public static let noInput: Int32 = 66
    /// Internal error (EX_SOFTWARE).
    public static let software: Int32 = 70
    /// Output cannot be written (EX_CANTCREAT).
    public static let cannotCreate: Int32 = 73
    /// Temporary failure such as a locked database; retry (EX_TEMPFAIL).
    public static let temporaryFailure: Int32 = 75

    /// The exit code for a DSRKit failure kind.
    public static func code(for kind: FailureKind) -> Int32 {
        switch kind {
        case .checkFailed: checkFailed
        case .usage: usage
        case .badData: dataError
        case .missingInput: noInput
        case .cannotWrite: cannotCreate
        case .temporary: temporaryFailure
        case .internalError: software
        }
    }

    /// The table printed in `dsr --help` and the README.
    static let documentation = """
        EXIT CODES
          0   success
          1   a check found problems (retention violations not purged,
              overdue requests, a broken audit chain)
          64  usage error (unknown flag, bad date, missing argument)
          65  bad input data (malformed dsr.yaml, not a database, bad map)
          66  an input file is missing (dsr.yaml, the operations database)
          70  internal error (a bug: please report it)
          73  cannot write output (or it exists and --force was not given)
          75  temporary failure (database locked by another process): retry
        """
}
