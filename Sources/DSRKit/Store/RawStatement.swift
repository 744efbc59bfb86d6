import GRDBSQLite

/// A prepared INSERT on the raw SQLite connection, reused for every row of its table.
///
/// GRDB's statement API allocates per bind; the demo generator and the identifier index
/// write millions of rows, so they bind directly (`SQLITE_STATIC` for bytes that live until the step) and resets the
/// statement after each row (TOOLCHAIN.md: an unreset statement keeps the connection busy).
package final class RawStatement {
    package let handle: OpaquePointer
    private let connection: OpaquePointer
    private let path: String
    package var index: Int32 = 0

    /// Prepares `sql` on `connection`.
    ///
    /// - Throws: ``StoreError/sqlite(path:code:message:)`` when SQLite refuses the SQL.
    package init(_ sql: String, connection: OpaquePointer, path: String) throws {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else {
            throw RawStatement.error(connection, rc, path)
        }
        handle = statement
        self.connection = connection
        self.path = path
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs SQL without results (pragmas, DDL, BEGIN/COMMIT).
    ///
    /// - Throws: ``StoreError/sqlite(path:code:message:)``.
    package static func execute(_ sql: String, connection: OpaquePointer, path: String) throws {
        let rc = sqlite3_exec(connection, sql, nil, nil, nil)
        guard rc == SQLITE_OK else { throw error(connection, rc, path) }
    }

    package static func error(_ connection: OpaquePointer, _ rc: Int32, _ path: String) -> StoreError {
        StoreError.sqlite(
            path: path, code: rc, message: String(cString: sqlite3_errmsg(connection)))
    }

    /// Binds the next parameter to an integer.
    @inline(__always)
    package func bind(_ value: Int) {
        index += 1
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    /// Binds the next parameter to an integer or NULL.
    @inline(__always)
    package func bind(_ value: Int?) {
        if let value { bind(value) } else { bindNull() }
    }

    /// Binds the next parameter to a 64-bit integer.
    @inline(__always)
    package func bind(_ value: Int64) {
        index += 1
        sqlite3_bind_int64(handle, index, value)
    }

    /// Binds the next parameter to NULL.
    @inline(__always)
    package func bindNull() {
        index += 1
        sqlite3_bind_null(handle, index)
    }

    /// Binds the next parameter to text (copied by SQLite) or NULL.
    package func bind(_ value: String?) {
        index += 1
        guard let value else {
            sqlite3_bind_null(handle, index)
            return
        }
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        sqlite3_bind_text(handle, index, value, -1, transient)
    }

    /// Binds the next parameter to a BLOB (copied by SQLite).
    package func bind(_ bytes: [UInt8]) {
        index += 1
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        _ = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
    }

    /// Inserts the bound row and resets the statement for the next one.
    ///
    /// - Throws: ``StoreError/sqlite(path:code:message:)`` when the insert fails.
    @inline(__always)
    package func step() throws {
        let rc = sqlite3_step(handle)
        index = 0
        sqlite3_reset(handle)
        guard rc == SQLITE_DONE else { throw RawStatement.error(connection, rc, path) }
    }
}
