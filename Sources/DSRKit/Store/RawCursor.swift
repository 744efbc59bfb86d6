import Foundation
import GRDB
import GRDBSQLite

/// A SELECT stepped through the raw SQLite API, for scans of millions of rows where GRDB's
/// per-row decoding costs more than the work itself (the identifier index build).
///
/// The statement is finalized in `deinit`; column values are read only between steps.
final class RawCursor {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let path: String

    /// Prepares `sql` on `db`'s connection and binds `arguments` (integers only).
    ///
    /// - Throws: ``StoreError/sqlite(path:code:message:)``.
    init(_ db: Database, sql: String, arguments: [Int64]) throws {
        guard let connection = db.sqliteConnection else {
            throw StoreError.sqlite(path: "?", code: 0, message: "connection is closed")
        }
        let path = sqlite3_db_filename(connection, "main").map { String(cString: $0) } ?? "?"
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError.sqlite(path: path, code: rc, message: String(cString: sqlite3_errmsg(connection)))
        }
        handle = statement
        self.connection = connection
        self.path = path
        for (offset, value) in arguments.enumerated() { sqlite3_bind_int64(handle, Int32(offset + 1), value) }
    }

    deinit { sqlite3_finalize(handle) }

    /// Moves to the next row; false at the end.
    ///
    /// - Throws: ``StoreError`` when SQLite fails (a lock, a damaged page).
    func next() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let rc:
            throw StoreError.wrap(
                DatabaseError(
                    resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection))),
                path: path, timeout: 0)
        }
    }

    /// The integer in column `index`.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// The text in column `index`, or nil for NULL.
    func text(_ index: Int32) -> String? {
        guard sqlite3_column_type(handle, index) != SQLITE_NULL, let bytes = sqlite3_column_text(handle, index) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(handle, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The value in column `index` as the engine sees it.
    func cell(_ index: Int32) -> CellValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(int64(index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT: return .text(text(index) ?? "")
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    /// The value in column `index` with its storage class.
    func value(_ index: Int32) -> DatabaseValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return int64(index).databaseValue
        case SQLITE_FLOAT: return sqlite3_column_double(handle, index).databaseValue
        case SQLITE_TEXT: return (text(index) ?? "").databaseValue
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index) else { return Data().databaseValue }
            return Data(bytes: bytes, count: count).databaseValue
        default: return .null
        }
    }
}
