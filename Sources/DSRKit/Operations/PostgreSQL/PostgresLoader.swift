import Foundation
import GRDB
import PostgresNIO

/// Copies the tables of a SQLite operations database into PostgreSQL with `COPY … FROM
/// STDIN` (`dsr demo --postgres`; the benchmarks load 10 million calls this way).
///
/// Everything happens in one transaction: the tables are created from the caller's
/// statements, filled, and committed together, so a failed load leaves the database as it was.
public enum PostgresLoader {
    /// One table to copy: its name and the PostgreSQL `CREATE TABLE` statement making it.
    public struct Table: Sendable {
        public let name: String
        public let create: String
        public init(name: String, create: String) {
            self.name = name
            self.create = create
        }
    }

    /// Bytes sent per COPY message.
    static let chunkBytes = 1 << 20

    /// Creates `tables` (in order; a foreign key's parent first) in `location`'s schema and
    /// copies every row of the same-named SQLite tables into them; returns the rows per table.
    ///
    /// Each table gets `marker` as its comment. `replace` drops tables of those names first,
    /// but only tables carrying that same comment (made by an earlier load): any other table
    /// of that name, or any existing table without `replace`, is an error and nothing changes.
    ///
    /// The password comes from `passwordFile` (mode 0600), else `$PGPASSWORD`.
    ///
    /// - Throws: ``PostgresError``, ``StoreError`` for the SQLite file,
    ///   ``PostgresLoaderError/tableExists(_:server:)``.
    public static func load(
        sqlite file: URL, tables: [Table], into location: PostgresLocation, passwordFile: URL?, replace: Bool,
        marker: String,
        progress: (@Sendable (_ table: String, _ rows: Int) -> Void)? = nil
    ) throws -> [String: Int] {
        let source = try Store.openOperations(at: file, busyTimeout: Store.defaultBusyTimeout)
        defer { try? source.close() }
        let password = try PostgresPassword.resolve(
            file: passwordFile, environment: ProcessInfo.processInfo.environment)
        let link = try PostgresLink.connect(location, password: password)
        defer { link.close() }
        let schema = SQLName.quote(location.schema)
        try link.execute("BEGIN")
        do {
            try link.execute("CREATE SCHEMA IF NOT EXISTS \(schema)")
            try link.execute("SET LOCAL search_path TO \(schema)")
            for table in tables.reversed() {
                let existing = try link.rows(
                    """
                    SELECT coalesce(obj_description(c.oid, 'pg_class'), '') FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = $2
                    """, [.text(location.schema), .text(table.name)])
                guard let row = existing.first else { continue }
                let comment = try PostgresValues.cell(row.makeRandomAccess()[0]).textValue ?? ""
                guard replace, comment == marker else {
                    throw PostgresLoaderError.tableExists(table.name, server: location.description)
                }
                try link.execute("DROP TABLE \(schema).\(SQLName.quote(table.name)) CASCADE")
            }
            var counts: [String: Int] = [:]
            for table in tables {
                try link.execute(table.create)
                try link.execute(
                    "COMMENT ON TABLE \(schema).\(SQLName.quote(table.name)) IS \(SQLName.literal(marker))")
                counts[table.name] = try copy(table.name, from: source, over: link, progress: progress)
                try link.execute("ANALYZE \(schema).\(SQLName.quote(table.name))")
            }
            try link.execute("COMMIT")
            return counts
        } catch {
            _ = try? link.execute("ROLLBACK")
            throw error
        }
    }

    /// Streams one table's rows as COPY text: tab-separated, `\N` for NULL, backslash escapes.
    private static func copy(
        _ table: String, from source: DatabaseQueue, over link: PostgresLink,
        progress: (@Sendable (String, Int) -> Void)?
    ) throws -> Int {
        try source.read { db in
            let columns = try db.columns(in: table).map(\.name)
            let select = "SELECT \(columns.map(SQLName.quote).joined(separator: ", ")) FROM \(SQLName.quote(table))"
            let rows = try Row.fetchCursor(db, sql: select + " ORDER BY rowid")
            var count = 0
            try link.copy(into: table, columns: columns) { send in
                var buffer = ByteBuffer()
                buffer.reserveCapacity(chunkBytes + 4096)
                while let row = try rows.next() {
                    for index in 0..<columns.count {
                        if index > 0 { buffer.writeInteger(UInt8(ascii: "\t")) }
                        appendCopyText(row[index] as DatabaseValue, to: &buffer)
                    }
                    buffer.writeInteger(UInt8(ascii: "\n"))
                    count += 1
                    if buffer.readableBytes >= chunkBytes {
                        try send(buffer)
                        buffer.clear()
                        progress?(table, count)
                    }
                }
                if buffer.readableBytes > 0 { try send(buffer) }
            }
            progress?(table, count)
            return count
        }
    }

    /// One value in COPY's text format.
    static func appendCopyText(_ value: DatabaseValue, to buffer: inout ByteBuffer) {
        switch value.storage {
        case .null:
            buffer.writeStaticString("\\N")
        case .int64(let number):
            buffer.writeString(String(number))
        case .double(let number):
            buffer.writeString(String(number))
        case .string(let text):
            appendEscaped(Array(text.utf8), to: &buffer)
        case .blob(let data):
            // bytea's hex input form, its backslash escaped for COPY.
            buffer.writeStaticString("\\\\x")
            for byte in data { buffer.writeString(String(format: "%02x", byte)) }
        }
    }

    static func appendEscaped(_ bytes: [UInt8], to buffer: inout ByteBuffer) {
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
            case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
            case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
            default: buffer.writeInteger(byte)
            }
        }
    }
}

/// Why a load into PostgreSQL was refused.
public enum PostgresLoaderError: DSRError, Equatable {
    /// The database already has a table of that name (`--force` replaces it when an earlier
    /// load made it).
    case tableExists(String, server: String)

    public var kind: FailureKind { .badData }

    public var errorDescription: String? {
        switch self {
        case .tableExists(let table, let server):
            "\(server) already has a table \(table); --force replaces it only when dsr demo made it (its comment says so)"
        }
    }
}
