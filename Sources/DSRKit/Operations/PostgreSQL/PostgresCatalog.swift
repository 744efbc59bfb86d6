import Foundation
import PostgresNIO

/// The tables of the operations schema as PostgreSQL's catalog describes them, read once
/// per connection: names as the server spells them, column types, keys and constraints.
///
/// The data map names tables and columns case-insensitively, as SQLite compares them; the
/// SQL dsr sends quotes every name, which PostgreSQL compares exactly, so names are looked
/// up here first.
struct PostgresCatalog {
    struct Column {
        let name: String
        /// `format_type` of the column (`bigint`, `text`, `timestamp with time zone`).
        let type: String
        /// The base type's name (`int8`, `text`, `timestamptz`).
        let typeName: String
        let notNull: Bool
    }

    struct Table {
        let name: String
        let columns: [Column]
        /// The primary key, when it is one column.
        let primaryKey: Column?
        /// Single-column UNIQUE constraints and unique indexes (lower-cased names).
        let unique: Set<String>
        /// A plain table (not a view): its rows have a physical position (`ctid`).
        let isPlain: Bool

        /// The order a table without an integer key numbers its rows in, inside one snapshot:
        /// a plain table's physical order (insertion order until rows are updated, as SQLite's
        /// rowid, so both backends name the same rows first on the same data), else the key's.
        func numberingOrder(alias: String? = nil) -> String {
            let prefix = alias.map { $0 + "." } ?? ""
            let key = primaryKey.map { prefix + SQLName.quote($0.name) } ?? "1"
            return isPlain ? "\(prefix)ctid, \(key)" : key
        }

        /// Whether the primary key is an integer: then it is the row number.
        var numbersRowsByKey: Bool { primaryKey.map { PostgresCatalog.integerTypes.contains($0.typeName) } ?? false }

        func column(_ name: String) -> Column? {
            columns.first { $0.name == name } ?? columns.first { $0.name.lowercased() == name.lowercased() }
        }
    }

    static let integerTypes: Set<String> = ["int2", "int4", "int8"]
    /// The types dsr reads and writes (CONTRACT.md section 9), by base type name; a column of
    /// another type is refused by `dsr datamap check` when the map uses it.
    static let supportedTypes: Set<String> = [
        "int2", "int4", "int8", "text", "varchar", "bpchar", "name", "citext", "timestamptz", "timestamp", "date",
        "bool", "float4", "float8", "numeric", "bytea", "json", "jsonb", "inet", "cidr", "uuid",
    ]

    let schema: String
    private(set) var tables: [Table] = []
    private var byName: [String: Int] = [:]
    private(set) var foreignKeys: [ForeignKey] = []

    /// Reads the catalog of `schema`.
    ///
    /// - Throws: ``PostgresError``.
    init(_ link: PostgresLink, schema: String) throws {
        self.schema = schema
        var columns: [(table: String, column: Column)] = []
        var plain: Set<String> = []
        for row in try link.rows(
            """
            SELECT c.relname::text, a.attname::text, format_type(a.atttypid, a.atttypmod),
                   coalesce(bt.typname, t.typname)::text, a.attnotnull, c.relkind::text
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
            ORDER BY c.oid, a.attnum
            """, [.text(schema)])
        {
            let (table, name, type, typeName, notNull, kind) = try row.decode(
                (String, String, String, String, Bool, String).self)
            if kind == "r" { plain.insert(table) }
            columns.append((table, Column(name: name, type: type, typeName: typeName, notNull: notNull)))
        }
        var keys: [String: String] = [:]
        var unique: [String: Set<String>] = [:]
        for row in try link.rows(
            """
            SELECT c.relname::text, a.attname::text, i.indisprimary
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
            WHERE n.nspname = $1 AND i.indisunique AND i.indnatts = 1 AND i.indpred IS NULL
            """, [.text(schema)])
        {
            let (table, column, primary) = try row.decode((String, String, Bool).self)
            if primary { keys[table] = column }
            unique[table, default: []].insert(column.lowercased())
        }
        var order: [String] = []
        var grouped: [String: [Column]] = [:]
        for (table, column) in columns {
            if grouped[table] == nil { order.append(table) }
            grouped[table, default: []].append(column)
        }
        for name in order {
            let tableColumns = grouped[name] ?? []
            let key = keys[name].flatMap { key in tableColumns.first { $0.name == key } }
            byName[name.lowercased()] = byName[name.lowercased()] ?? tables.count
            tables.append(
                Table(
                    name: name, columns: tableColumns, primaryKey: key, unique: unique[name] ?? [],
                    isPlain: plain.contains(name)))
        }
        for row in try link.rows(
            """
            SELECT c.relname::text, a.attname::text, p.relname::text, pa.attname::text
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
            JOIN pg_class p ON p.oid = k.confrelid
            JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]
            WHERE k.contype = 'f' AND n.nspname = $1 AND array_length(k.conkey, 1) = 1
            """, [.text(schema)])
        {
            let (table, column, parent, parentColumn) = try row.decode((String, String, String, String).self)
            foreignKeys.append(ForeignKey(table: table, column: column, parent: parent, parentColumn: parentColumn))
        }
        foreignKeys.sort { ($0.table, $0.column) < ($1.table, $1.column) }
    }

    /// The table the engine names `name` (exact spelling first, then ignoring case).
    ///
    /// - Throws: ``PostgresError/unsupported(server:reason:)`` when there is none.
    func table(_ name: String, server: String) throws -> Table {
        if let exact = tables.first(where: { $0.name == name }) { return exact }
        guard let index = byName[name.lowercased()] else {
            throw PostgresError.unsupported(server: server, reason: "no table \(name) in schema \(schema)")
        }
        return tables[index]
    }
}
