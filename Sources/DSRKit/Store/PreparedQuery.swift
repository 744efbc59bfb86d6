import Foundation
import GRDB
import GRDBSQLite

/// A SELECT prepared once on a connection and run many times through the raw SQLite API.
///
/// Locate asks hundreds of small questions of a few shapes ("the value of this column of
/// this row", "the rows with this hash"); through GRDB's fetch API each costs tens of
/// thousands of instructions of argument boxing and cursor setup, more than the lookup
/// itself. The statement is reset after every run and finalized in `deinit`; a query must
/// be run on the connection it was prepared on, inside that connection's transaction.
final class PreparedQuery {
    private let handle: OpaquePointer
    private let connection: OpaquePointer
    private let path: String
    private let busyTimeout: Double

    /// Prepares `sql` on `db`'s connection; failures name the database and, for a lock, the
    /// time waited (`busyTimeout`).
    ///
    /// - Throws: ``StoreError/sqlite(path:code:message:)`` when SQLite refuses the SQL.
    init(_ db: Database, sql: String, busyTimeout: Double) throws {
        guard let connection = db.sqliteConnection else {
            throw StoreError.sqlite(path: "?", code: 0, message: "connection is closed")
        }
        let path = sqlite3_db_filename(connection, "main").map { String(cString: $0) } ?? "?"
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw StoreError.sqlite(path: path, code: rc, message: String(cString: sqlite3_errmsg(connection)))
        }
        handle = statement
        self.connection = connection
        self.path = path
        self.busyTimeout = busyTimeout
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the query with `arguments` bound in order and calls `row` for every result row.
    ///
    /// - Throws: ``StoreError`` when SQLite fails; errors of `row` pass through.
    func run(_ arguments: [CellValue], _ row: (PreparedQuery) throws -> Void) throws {
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        for (offset, argument) in arguments.enumerated() { bind(argument, at: Int32(offset + 1)) }
        while true {
            switch sqlite3_step(handle) {
            case SQLITE_ROW: try row(self)
            case SQLITE_DONE: return
            case let rc:
                throw StoreError.wrap(
                    DatabaseError(
                        resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(connection))),
                    path: path, timeout: busyTimeout)
            }
        }
    }

    /// The number of columns of a result row.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The name of result column `index`.
    func columnName(_ index: Int32) -> String {
        sqlite3_column_name(handle, index).map { String(cString: $0) } ?? ""
    }

    /// The integer in column `index` of the current row.
    func int64(_ index: Int32) -> Int64 { sqlite3_column_int64(handle, index) }

    /// Whether column `index` of the current row is NULL.
    func isNull(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_NULL }

    /// Whether column `index` of the current row holds text.
    func isText(_ index: Int32) -> Bool { sqlite3_column_type(handle, index) == SQLITE_TEXT }

    /// Column `index` of the current row as UTF-8 text, valid until the next step: no copy.
    func withText<T>(_ index: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_text(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    /// Column `index` of the current row as bytes, valid until the next step: no copy.
    func withBlob<T>(_ index: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let bytes = sqlite3_column_blob(handle, index)
        let count = Int(sqlite3_column_bytes(handle, index))
        return try body(UnsafeRawBufferPointer(start: bytes, count: bytes == nil ? 0 : count))
    }

    /// The value in column `index` of the current row.
    func cell(_ index: Int32) -> CellValue {
        switch sqlite3_column_type(handle, index) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, index))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, index))
        case SQLITE_TEXT:
            guard let bytes = sqlite3_column_text(handle, index) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, index))
            return .text(String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, index))
            guard let bytes = sqlite3_column_blob(handle, index) else { return .blob([]) }
            return .blob([UInt8](UnsafeRawBufferPointer(start: bytes, count: count)))
        default: return .null
        }
    }

    private func bind(_ value: CellValue, at index: Int32) {
        switch value {
        case .null: sqlite3_bind_null(handle, index)
        case .integer(let number): sqlite3_bind_int64(handle, index, number)
        case .real(let number): sqlite3_bind_double(handle, index, number)
        case .text(let text):
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            sqlite3_bind_text(handle, index, text, -1, transient)
        case .blob(let bytes):
            let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
            _ = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
        }
    }
}
