import Foundation
import PostgresNIO

/// Rows read many at a time: the engine reads row by row (confirming index candidates, planning
/// an erasure, checking a purge batch), which on a server costs one round trip per row. A
/// prefetch reads the rows it is told of whole, in statements of ``prefetchBatch`` keys
/// (`key = ANY($1)`), and the reads that follow are answered from ``PostgresRowCache``.
extension PostgresOperationsReader {
    /// Keys per prefetch statement.
    static let prefetchBatch = 5_000

    func prefetch(_ table: String, rows: [Int64], locking: Bool) throws {
        try fetch(try self.table(table), rows: rows, read: nil, lock: locking && locksRows)
    }

    func prefetch(_ read: ColumnRead, rows: [Int64]) throws {
        try fetch(try table(read.table), rows: rows, read: read, lock: false)
    }

    func prefetch(_ table: String, primaryKey: String, keys: [RecordKey]) throws {
        let table = try self.table(table)
        // Keys of another column than the table's own say nothing of row numbers.
        guard let key = table.primaryKey, try column(primaryKey, of: table).name == key.name else { return }
        try fetch(
            table, rows: try keys.compactMap { try rowNumber(of: table, key: $0.cell) }, read: nil, lock: locksRows)
    }

    /// Whether rows of `table` are fetched by key many at a time: its key's values read back as
    /// they are stored (integers and text). A `bytea`, `numeric` or time stamp key reads back in
    /// another form, so such a table is read a row per statement, by its key as stored.
    func fetchesByKey(_ table: PostgresCatalog.Table) -> Bool {
        guard let key = table.primaryKey else { return false }
        return PostgresCatalog.integerTypes.contains(key.typeName)
            || ["text", "varchar", "bpchar"].contains(key.typeName)
    }

    /// What the cache answers for ``read(_:row:)``: nil when it does not know the row (or, for
    /// a hint from another table, the hint); an inner nil when the row does not exist.
    func cached(_ read: ColumnRead, _ table: PostgresCatalog.Table, row: Int64) throws
        -> CachedRead?
    {
        switch cache.entry(table.name, row) {
        case .absent?: return CachedRead(found: nil)
        case nil: return nil
        case .row(let values, _)?:
            let value = values[try position(of: read.column, in: table)]
            switch read.hint {
            case nil: return CachedRead(found: (value, nil))
            case .column(let name)?:
                return CachedRead(found: (value, values[try position(of: name, in: table)].hintText))
            case .path?:
                guard let hint = cache.hint(read, row) else { return nil }
                return CachedRead(found: (value, hint))
            }
        }
    }

    /// A ``read(_:row:)`` answered from the cache: the value and hint, nil for a row that is gone.
    struct CachedRead {
        let found: (value: CellValue, hint: String?)?
    }

    /// Where `column` is in a cached row (the catalog's column order).
    func position(of column: String, in table: PostgresCatalog.Table) throws -> Int {
        let name = try self.column(column, of: table).name
        guard let index = table.columns.firstIndex(where: { $0.name == name }) else {
            throw PostgresError.unsupported(server: server, reason: "table \(table.name) has no column \(column)")
        }
        return index
    }

    /// Reads into the cache the rows of `numbers` it does not hold yet (with `lock`: not yet
    /// read `FOR UPDATE`), whole, with `read`'s hint when that comes from another table.
    func fetch(_ table: PostgresCatalog.Table, rows numbers: [Int64], read: ColumnRead?, lock: Bool) throws {
        guard fetchesByKey(table) else { return }
        let key = try key(of: table)
        let pathRead: ColumnRead? = if case .path? = read?.hint { read } else { nil }
        var wanted: [Int64] = []
        for number in Set(numbers).sorted() {
            switch cache.entry(table.name, number) {
            case .absent?: continue
            case .row(_, let locked)?
            where (locked || !lock) && (pathRead.map { cache.hint($0, number) != nil } ?? true):
                continue
            default: wanted.append(number)
            }
        }
        guard !wanted.isEmpty else { return }
        cache.reserve(wanted.count)
        let (hint, joins) = try pathRead.map { try self.hint(of: $0, table) } ?? ("NULL::text", "")
        let list = table.columns.map { ", " + PostgresValues.read($0, alias: "t") }.joined()
        let sql =
            "SELECT \(PostgresValues.read(key, alias: "t"))\(list), \(hint) FROM \(quoted(table)) AS t \(joins) "
            + "WHERE t.\(SQLName.quote(key.name)) = ANY(CAST($1 AS \(key.type)[]))"
            + (lock ? " FOR UPDATE OF t" : "")
        var start = 0
        while start < wanted.count {
            let batch = Array(wanted[start..<min(start + Self.prefetchBatch, wanted.count)])
            start += batch.count
            var keys: [CellValue] = []
            for number in batch {
                if let value = try keyValue(of: table, row: number) {
                    keys.append(value)
                } else {
                    cache.store(table.name, number, .absent)
                }
            }
            var found = Set<Int64>()
            for row in try link.rows(sql, [.text(Self.arrayLiteral(keys))]) {
                let cells = row.makeRandomAccess()
                guard let number = try rowNumber(of: table, key: PostgresValues.cell(cells[0])) else { continue }
                let values = try (1...table.columns.count).map { try PostgresValues.cell(cells[$0]) }
                cache.store(table.name, number, .row(values, locked: lock))
                if let pathRead {
                    cache.storeHint(pathRead, number, try PostgresValues.cell(cells[table.columns.count + 1]).hintText)
                }
                found.insert(number)
            }
            for number in batch where !found.contains(number) { cache.store(table.name, number, .absent) }
        }
    }

    /// PostgreSQL's array input syntax for `values` (`{1,2}`, `{"a","b \"c\""}`), cast to the key's
    /// array type by the statement: one bound parameter, whatever the number of keys.
    static func arrayLiteral(_ values: [CellValue]) -> String {
        let elements = values.map { value -> String in
            switch value {
            case .integer(let number): return String(number)
            case .null: return "NULL"
            default:
                let text = value.textValue ?? value.storedText ?? ""
                let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
                    of: "\"", with: "\\\"")
                return "\"" + escaped + "\""
            }
        }
        return "{" + elements.joined(separator: ",") + "}"
    }
}
