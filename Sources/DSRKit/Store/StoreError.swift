import Foundation
import GRDB

/// Failures opening or using a SQLite database.
///
/// Messages carry the database path and SQLite's own error text, never bound values:
/// GRDB keeps statement arguments out of its errors unless told otherwise, and dsr
/// never tells it otherwise.
public enum StoreError: DSRError, Equatable {
    /// The database file does not exist.
    case missing(path: String)
    /// The file exists but is not a SQLite database.
    case notADatabase(path: String)
    /// Another process holds a lock longer than the busy timeout.
    case locked(path: String, timeout: Double)
    /// The file is a SQLite database whose pages are damaged.
    case corrupt(path: String)
    /// The file exists but cannot be opened (permissions, a folder, a bad path).
    case cannotOpen(path: String)
    /// A write was attempted through a read-only connection.
    case readOnly(path: String)
    /// Any other SQLite failure.
    case sqlite(path: String, code: Int32, message: String)

    public var kind: FailureKind {
        switch self {
        case .missing: .missingInput
        case .notADatabase, .corrupt: .badData
        case .cannotOpen: .missingInput
        case .locked: .temporary
        case .readOnly, .sqlite: .internalError
        }
    }

    public var errorDescription: String? {
        switch self {
        case .missing(let path):
            "database not found: \(path)"
        case .notADatabase(let path):
            "not a SQLite database: \(path)"
        case .corrupt(let path):
            "database is corrupt (damaged pages): \(path); restore it from a backup"
        case .cannotOpen(let path):
            "cannot open database (check that it is a readable file): \(path)"
        case .locked(let path, let timeout):
            "database is locked by another process (waited \(Self.format(timeout)) s): \(path); try again later"
        case .readOnly(let path):
            "database is opened read-only, refusing to write: \(path)"
        case .sqlite(let path, let code, let message):
            "SQLite error \(code) on \(path): \(message)"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    /// Turns any error thrown by GRDB into a ``StoreError`` that names the database.
    ///
    /// Errors that are already DSR errors pass through unchanged.
    public static func wrap(_ error: any Error, path: String, timeout: Double) -> any Error {
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.locked(path: path, timeout: timeout)
        case .SQLITE_NOTADB:
            return StoreError.notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return StoreError.corrupt(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return StoreError.cannotOpen(path: path)
        case .SQLITE_READONLY:
            return StoreError.readOnly(path: path)
        default:
            // `message` is sqlite3_errmsg: it names tables and columns, not values.
            return StoreError.sqlite(
                path: path, code: dbError.extendedResultCode.rawValue,
                message: dbError.message ?? "unknown error")
        }
    }
}
