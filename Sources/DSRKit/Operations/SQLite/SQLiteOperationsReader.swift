import Foundation
import GRDB

/// Reads of the operations database inside one SQLite read transaction.
///
/// Statements are prepared once per connection and reused; scans and per-row lookups step
/// the raw SQLite API (``PreparedQuery``), where GRDB's per-row decoding would cost more than
/// the work itself.
class SQLiteOperationsReader: OperationsReader {
    let db: Database
    let path: String
    let busyTimeout: Double
    private let statements: SQLiteStatements

    init(_ db: Database, path: String, busyTimeout: Double, statements: SQLiteStatements) {
        self.db = db
        self.path = path
        self.busyTimeout = busyTimeout
        self.statements = statements
    }

    /// Runs `body`, naming this database in any SQLite failure (the index's own transaction
    /// around a refresh must not make an operations-database error look like its own).
    func guarded<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw StoreError.wrap(error, path: path, timeout: busyTimeout) }
    }

    fileprivate func query(_ lookup: SQLiteStatements.Lookup, _ sql: () -> String) throws -> PreparedQuery {
        if let known = statements.queries[lookup] { return known }
        let query = try PreparedQuery(db, sql: sql(), busyTimeout: busyTimeout)
        statements.queries[lookup] = query
        return query
    }

    // MARK: - Identifier columns

    func scan(_ read: ColumnRead, rows: RowRange?, _ body: (Int64, CellValue, String?) throws -> Void) throws {
        let range = rows == nil ? "" : " WHERE t.rowid > ? AND t.rowid <= ?"
        try PreparedQuery(db, sql: select(read) + range + " ORDER BY t.rowid", busyTimeout: busyTimeout).run(
            rows.map { [.integer($0.after), .integer($0.upTo)] } ?? []
        ) { row in try body(row.int64(0), row.cell(1), row.cell(2).hintText) }
    }

    func read(_ read: ColumnRead, row: Int64) throws -> (value: CellValue, hint: String?)? {
        let lookup = SQLiteStatements.Lookup(kind: .columnRead, table: read.table, column: read.column, hint: read.hint)
        var found: (value: CellValue, hint: String?)?
        try query(lookup) { select(read) + " WHERE t.rowid = ?" }.run([.integer(row)]) { row in
            found = (row.cell(1), row.cell(2).hintText)
        }
        return found
    }

    /// `SELECT t.rowid, t."col", <hint> FROM "table" AS t LEFT JOIN …`, without a WHERE.
    private func select(_ read: ColumnRead) -> String {
        if let known = statements.selects[read] { return known }
        var joins: [String] = []
        let hint: String
        switch read.hint {
        case .column(let name)?:
            hint = "t." + SQLName.quote(name)
        case .path(let hops, let name)?:
            var alias = "t"
            for (index, hop) in hops.enumerated() {
                let next = "j\(index)"
                joins.append(
                    "LEFT JOIN \(SQLName.quote(hop.table)) AS \(next) ON \(next).\(SQLName.quote(hop.target)) = "
                        + "\(alias).\(SQLName.quote(hop.column))")
                alias = next
            }
            hint = alias + "." + SQLName.quote(name)
        case nil:
            hint = "NULL"
        }
        let sql =
            "SELECT t.rowid, t.\(SQLName.quote(read.column)), \(hint) FROM \(SQLName.quote(read.table)) AS t "
            + joins.joined(separator: " ")
        statements.selects[read] = sql
        return sql
    }

    // MARK: - Rows and columns

    func scan(_ table: String, columns: [String], rows: RowRange?, _ body: (Int64, [CellValue]) throws -> Void)
        throws
    {
        let list = columns.map { ", " + SQLName.quote($0) }.joined()
        let range = rows == nil ? "" : " WHERE rowid > ? AND rowid <= ?"
        try PreparedQuery(
            db, sql: "SELECT rowid\(list) FROM \(SQLName.quote(table))\(range) ORDER BY rowid", busyTimeout: busyTimeout
        ).run(
            rows.map { [.integer($0.after), .integer($0.upTo)] } ?? []
        ) { row in try body(row.int64(0), (0..<Int32(columns.count)).map { row.cell($0 + 1) }) }
    }

    func scanInPlace(
        _ table: String, columns: [String], rows: RowRange?, _ body: (Int64, any ScannedRow) throws -> Void
    ) throws {
        let list = columns.map { ", " + SQLName.quote($0) }.joined()
        let range = rows == nil ? "" : " WHERE rowid > ? AND rowid <= ?"
        let query = try PreparedQuery(
            db, sql: "SELECT rowid\(list) FROM \(SQLName.quote(table))\(range) ORDER BY rowid", busyTimeout: busyTimeout
        )
        let row = PreparedRow(query: query)
        try query.run(rows.map { [.integer($0.after), .integer($0.upTo)] } ?? []) { _ in
            try body(query.int64(0), row)
        }
    }

    func value(of column: String, in row: RowHandle) throws -> CellValue? {
        let sql = { "SELECT \(SQLName.quote(column)) FROM \(SQLName.quote(row.table)) WHERE rowid = ?" }
        var found: CellValue?
        try query(SQLiteStatements.Lookup(kind: .value, table: row.table, column: column), sql).run([
            .integer(row.number)
        ]) { found = $0.cell(0) }
        return found
    }

    func rows(of table: String, where column: String, equals value: CellValue) throws -> [Int64] {
        let sql = { "SELECT rowid FROM \(SQLName.quote(table)) WHERE \(SQLName.quote(column)) = ? ORDER BY rowid" }
        var rows: [Int64] = []
        try query(SQLiteStatements.Lookup(kind: .rows, table: table, column: column), sql).run([value]) {
            rows.append($0.int64(0))
        }
        return rows
    }

    func record(in table: String, primaryKey: String, key: RecordKey) throws -> StoredRecord? {
        // Prepared once per connection: SQLite recompiles a prepared statement whose schema
        // changed, and expands `*` again when it does, so the columns are read per row.
        let sql = { "SELECT rowid, * FROM \(SQLName.quote(table)) WHERE \(SQLName.quote(primaryKey)) = ?" }
        var found: StoredRecord?
        try query(SQLiteStatements.Lookup(kind: .record, table: table, column: primaryKey), sql).run([key.cell]) {
            row in
            let count = row.columnCount
            found = StoredRecord(
                number: row.int64(0), columns: (1..<count).map { row.columnName($0) },
                values: (1..<count).map { row.cell($0) })
        }
        return found
    }

    func highestRow(in table: String) throws -> Int64 {
        try guarded {
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(rowid) FROM \(SQLName.quote(table))")) ?? 0
        }
    }

    func rowNumbersLast(in table: String) throws -> RowNumberLifetime { .whileTheRowExists }

    func missingRows(in table: String, rows: RowRange) throws -> [Int64] {
        try guarded {
            let present = try Int64.fetchCursor(
                db.cachedStatement(
                    sql: "SELECT rowid FROM \(SQLName.quote(table)) WHERE rowid > ? AND rowid <= ? ORDER BY rowid"),
                arguments: [rows.after, rows.upTo])
            var missing: [Int64] = []
            var next = rows.after + 1
            while let number = try present.next() {
                if number > next { missing += Array(next..<number) }
                next = number + 1
            }
            if next <= rows.upTo { missing += Array(next...rows.upTo) }
            return missing
        }
    }

    func sharesSnapshotWithNewReaders() throws -> Bool {
        try guarded {
            // Reading the schema takes the shared lock now, not at the first row of a scan.
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master")
            let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? ""
            return mode.lowercased() != "wal"
        }
    }

    func schema() throws -> OperationsSchema {
        try guarded { try readSchema() }
    }

    private func readSchema() throws -> OperationsSchema {
        var schema = OperationsSchema()
        let names = try String.fetchAll(
            db,
            sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' "
                + "ORDER BY rowid")
        for name in names {
            let columns = try db.columns(in: name)
            schema.add(name, columns: columns.map(\.name), types: columns.map(\.type))
        }
        return schema
    }

    func count(of table: String) throws -> Int {
        try guarded { try Int.fetchOne(db, sql: "SELECT count(*) FROM \(SQLName.quote(table))") ?? 0 }
    }

    func foreignKeys() throws -> [ForeignKey] {
        try guarded {
            var keys: [ForeignKey] = []
            let tables = try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
            for table in tables {
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)",
                    arguments: [table])
                // Composite keys (several rows of one id) are left to SQLite's own enforcement.
                let ids = Dictionary(grouping: rows) { $0["id"] as Int }
                for (_, parts) in ids where parts.count == 1 {
                    let part = parts[0]
                    keys.append(
                        ForeignKey(
                            table: table, column: part["from"], parent: part["table"], parentColumn: part["to"]))
                }
            }
            return keys.sorted { ($0.table, $0.column) < ($1.table, $1.column) }
        }
    }

    func constraints(of table: String) throws -> [ColumnConstraints] {
        try guarded {
            // The table options follow the last parenthesis: `) STRICT`, `) WITHOUT ROWID, STRICT`.
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [table])
            let options = sql.flatMap { text in text.lastIndex(of: ")").map { text[text.index(after: $0)...] } }
            let strict = options.map { $0.uppercased().contains("STRICT") } ?? false
            var unique: Set<String> = []
            for index in try Row.fetchAll(
                db, sql: "SELECT name, \"unique\" FROM pragma_index_list(?)", arguments: [table])
            where (index["unique"] as Int?) == 1 {
                let columns = try String.fetchAll(
                    db, sql: "SELECT name FROM pragma_index_info(?)", arguments: [index["name"] as String])
                if columns.count == 1 { unique.insert(columns[0].lowercased()) }
            }
            return try Row.fetchAll(
                db, sql: "SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)", arguments: [table]
            ).map { row in
                let name: String = row["name"]
                let type = (row["type"] as String? ?? "").uppercased()
                let primaryKey = (row["pk"] as Int? ?? 0) > 0
                return ColumnConstraints(
                    column: name, notNull: (row["notnull"] as Int? ?? 0) == 1 || primaryKey,
                    unique: unique.contains(name.lowercased()) || primaryKey,
                    numericOnly: strict && ["INT", "INTEGER", "REAL"].contains(type))
            }
        }
    }
}

/// The SQL and prepared statements of one connection, kept across its transactions: a
/// locate makes hundreds of lookups of a few shapes, and `dsr bulk` thousands of locates.
final class SQLiteStatements {
    /// One lookup shape: what it reads, of which table and column.
    struct Lookup: Hashable {
        enum Kind { case columnRead, value, rows, record, update, delete }
        let kind: Kind
        let table: String
        let column: String
        var hint: ColumnRead.Hint? = nil
        var primaryKey = ""
    }

    var selects: [ColumnRead: String] = [:]
    var queries: [Lookup: PreparedQuery] = [:]
}

/// Changes of the operations database inside one SQLite write transaction.
final class SQLiteOperationsWriter: SQLiteOperationsReader, OperationsWriter {
    // Through the raw API like the reads: GRDB's argument binding costs ~45,000 instructions
    // a statement (an erasure runs hundreds).
    func update(_ table: String, primaryKey: String, key: RecordKey, set column: String, to value: CellValue) throws
        -> Int
    {
        let lookup = SQLiteStatements.Lookup(kind: .update, table: table, column: column, primaryKey: primaryKey)
        let sql = {
            "UPDATE \(SQLName.quote(table)) SET \(SQLName.quote(column)) = ? WHERE \(SQLName.quote(primaryKey)) = ?"
        }
        try query(lookup, sql).run([value, key.cell]) { _ in }
        return db.changesCount
    }

    func delete(from table: String, primaryKey: String, key: RecordKey) throws -> Int {
        let lookup = SQLiteStatements.Lookup(kind: .delete, table: table, column: primaryKey)
        let sql = { "DELETE FROM \(SQLName.quote(table)) WHERE \(SQLName.quote(primaryKey)) = ?" }
        try query(lookup, sql).run([key.cell]) { _ in }
        return db.changesCount
    }
}
