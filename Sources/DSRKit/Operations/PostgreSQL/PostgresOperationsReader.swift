import Foundation
import PostgresNIO

/// Reads of the operations database inside one PostgreSQL transaction.
///
/// Row numbers: a table whose primary key is one integer column numbers its rows by that key,
/// so new rows come above the index's watermark as the issue's "primary key watermark" asks.
/// A table with another primary key (the reference schema's `service_numbers`, keyed by the
/// number) numbers its rows by their position in key order as the transaction's snapshot sees
/// them; such numbers hold for one transaction only, and ``rowNumbersLast(in:)`` tells the
/// index to read those tables again whenever the database changed.
class PostgresOperationsReader: OperationsReader {
    let link: PostgresLink
    let catalog: PostgresCatalog
    /// In a write transaction: whole-row reads lock the row (`FOR UPDATE`).
    let locksRows: Bool
    private var ordinals: [String: Ordinals] = [:]
    /// Rows this transaction has read whole (see ``prefetch(_:rows:)``).
    var cache = PostgresRowCache()
    /// Rows a scan reads per statement: a result never holds a whole large table.
    static let pageRows = 20_000

    /// The keys of a table without an integer key, in key order, frozen at first use.
    struct Ordinals {
        let keys: [CellValue]
        let numbers: [CellValue: Int64]
    }

    init(link: PostgresLink, catalog: PostgresCatalog, locksRows: Bool) {
        self.link = link
        self.catalog = catalog
        self.locksRows = locksRows
    }

    var server: String { link.location.description }

    func table(_ name: String) throws -> PostgresCatalog.Table { try catalog.table(name, server: server) }

    func column(_ name: String, of table: PostgresCatalog.Table) throws -> PostgresCatalog.Column {
        guard let column = table.column(name) else {
            throw PostgresError.unsupported(server: server, reason: "table \(table.name) has no column \(name)")
        }
        return column
    }

    func key(of table: PostgresCatalog.Table) throws -> PostgresCatalog.Column {
        guard let key = table.primaryKey else {
            throw PostgresError.unsupported(
                server: server, reason: "table \(table.name) has no single-column primary key, which dsr needs")
        }
        return key
    }

    private func ordinals(of table: PostgresCatalog.Table) throws -> Ordinals {
        if let known = ordinals[table.name] { return known }
        let key = try key(of: table)
        let keys = try link.rows(
            "SELECT \(PostgresValues.read(key)) FROM \(quoted(table)) ORDER BY \(table.numberingOrder())"
        ).map { try PostgresValues.cell($0.makeRandomAccess()[0]) }
        var numbers: [CellValue: Int64] = [:]
        for (index, value) in keys.enumerated() { numbers[value] = Int64(index + 1) }
        let made = Ordinals(keys: keys, numbers: numbers)
        ordinals[table.name] = made
        return made
    }

    func quoted(_ table: PostgresCatalog.Table) -> String {
        SQLName.quote(catalog.schema) + "." + SQLName.quote(table.name)
    }

    /// The key value of row `number`, nil when there is no such row.
    func keyValue(of table: PostgresCatalog.Table, row number: Int64) throws -> CellValue? {
        if table.numbersRowsByKey { return .integer(number) }
        let keys = try ordinals(of: table).keys
        return number >= 1 && number <= keys.count ? keys[Int(number - 1)] : nil
    }

    /// The row number of the row whose key is `value`.
    func rowNumber(of table: PostgresCatalog.Table, key value: CellValue) throws -> Int64? {
        if table.numbersRowsByKey { return value.integerValue }
        return try ordinals(of: table).numbers[value]
    }

    /// Rows `from < number <= upTo` of `select … FROM table AS t …` (its first column the key),
    /// in row-number order, page by page for a table numbered by its key.
    private func pages(
        _ table: PostgresCatalog.Table, select: String, rows: RowRange?,
        _ body: (Int64, PostgresRandomAccessRow) throws -> Void
    ) throws {
        let key = try key(of: table)
        let keyName = "t." + SQLName.quote(key.name)
        guard table.numbersRowsByKey else {
            // Numbered by the order frozen at the snapshot's first use: a row this transaction
            // updated has moved since, so the rows are put back into that order.
            var numbered: [(Int64, PostgresRandomAccessRow)] = []
            for row in try link.rows(select + " ORDER BY \(table.numberingOrder(alias: "t"))") {
                let cells = row.makeRandomAccess()
                guard let number = try rowNumber(of: table, key: PostgresValues.cell(cells[0])) else { continue }
                if let rows, number <= rows.after || number > rows.upTo { continue }
                numbered.append((number, cells))
            }
            for (number, cells) in numbered.sorted(by: { $0.0 < $1.0 }) { try body(number, cells) }
            return
        }
        var after: Int64? = rows?.after
        while true {
            var conditions: [String] = []
            var binds: [CellValue] = []
            if let after {
                binds.append(.integer(after))
                conditions.append("\(keyName) > $\(binds.count)")
            }
            if let rows {
                binds.append(.integer(rows.upTo))
                conditions.append("\(keyName) <= $\(binds.count)")
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let page = try link.rows(
                select + filter + " ORDER BY \(keyName) LIMIT \(Self.pageRows)", binds)
            for row in page {
                let cells = row.makeRandomAccess()
                guard case .integer(let number) = try PostgresValues.cell(cells[0]) else { continue }
                after = number
                try body(number, cells)
            }
            if page.count < Self.pageRows { return }
        }
    }

    // MARK: - Identifier columns

    func scan(_ read: ColumnRead, rows: RowRange?, _ body: (Int64, CellValue, String?) throws -> Void) throws {
        let table = try table(read.table)
        // One row (the index re-reading a changed row) the cache may already hold.
        if let rows, rows.upTo > rows.after, rows.upTo - 1 == rows.after,
            let cached = try cached(read, table, row: rows.upTo)
        {
            if let found = cached.found { try body(rows.upTo, found.value, found.hint) }
            return
        }
        try pages(table, select: try select(read, table), rows: rows) { number, cells in
            try body(number, PostgresValues.cell(cells[1]), PostgresValues.cell(cells[2]).hintText)
        }
    }

    /// One statement a page reads every column of `reads`, each with its hint: a row's wire
    /// message is decoded once for all the columns, not once a column.
    var readsColumnsTogether: Bool { true }

    func scan(_ reads: [ColumnRead], rows: RowRange?, _ body: (Int64, [ReadValue]) throws -> Void) throws {
        guard let first = reads.first else { return }
        let table = try table(first.table)
        var list = ""
        var joins = ""
        for (index, read) in reads.enumerated() {
            let (hint, join) = try hint(of: read, table, aliases: "j\(index)_")
            list += ", " + PostgresValues.read(try column(read.column, of: table), alias: "t") + ", " + hint
            joins += " " + join
        }
        let key = PostgresValues.read(try key(of: table), alias: "t")
        try pages(table, select: "SELECT \(key)\(list) FROM \(quoted(table)) AS t\(joins)", rows: rows) {
            number, cells in
            try body(
                number,
                try (0..<reads.count).map { index in
                    ReadValue(
                        value: try PostgresValues.cell(cells[1 + 2 * index]),
                        hint: try PostgresValues.cell(cells[2 + 2 * index]).hintText)
                })
        }
    }

    func read(_ read: ColumnRead, row: Int64) throws -> (value: CellValue, hint: String?)? {
        let table = try table(read.table)
        if let cached = try cached(read, table, row: row) { return cached.found }
        // A row held without the hint of `read` (from another table): the rows held with it
        // are the ones read next, so their hints come in the same statement. Any other row is
        // read whole: its other columns are usually read next.
        guard fetchesByKey(table) else { return try readAlone(read, table, row: row) }
        var rows = [row]
        if case .row? = cache.entry(table.name, row) { rows = cache.rows(of: table.name) }
        try fetch(table, rows: rows, read: read, lock: false)
        return try cached(read, table, row: row)?.found
    }

    /// One row's value and hint in a statement of its own, by its key as stored.
    private func readAlone(_ read: ColumnRead, _ table: PostgresCatalog.Table, row: Int64) throws
        -> (value: CellValue, hint: String?)?
    {
        guard let keyValue = try keyValue(of: table, row: row) else { return nil }
        let key = try key(of: table)
        let condition = PostgresValues.equals(key, value: keyValue, parameter: 1, alias: "t")
        let found = try link.rows(try select(read, table) + " WHERE \(condition.sql)", [condition.bind]).first?
            .makeRandomAccess()
        guard let found else { return nil }
        return (try PostgresValues.cell(found[1]), try PostgresValues.cell(found[2]).hintText)
    }

    /// `SELECT t.key, t.column, hint FROM table AS t LEFT JOIN …`, without WHERE.
    private func select(_ read: ColumnRead, _ table: PostgresCatalog.Table) throws -> String {
        let key = try key(of: table)
        let column = try column(read.column, of: table)
        let (hint, joins) = try hint(of: read, table)
        return "SELECT \(PostgresValues.read(key, alias: "t")), \(PostgresValues.read(column, alias: "t")), \(hint) "
            + "FROM \(quoted(table)) AS t " + joins
    }

    /// The select-list expression of `read`'s hint on the row aliased `t`, and the joins it needs.
    func hint(of read: ColumnRead, _ table: PostgresCatalog.Table, aliases prefix: String = "j") throws
        -> (expression: String, joins: String)
    {
        var joins: [String] = []
        let hint: String
        switch read.hint {
        case .column(let name)?:
            hint = PostgresValues.read(try self.column(name, of: table), alias: "t")
        case .path(let hops, let name)?:
            var alias = "t"
            var current = table
            for (index, hop) in hops.enumerated() {
                let next = "\(prefix)\(index)"
                let target = try self.table(hop.table)
                joins.append(
                    "LEFT JOIN \(quoted(target)) AS \(next) ON \(next).\(SQLName.quote(try self.column(hop.target, of: target).name)) = "
                        + "\(alias).\(SQLName.quote(try self.column(hop.column, of: current).name))")
                alias = next
                current = target
            }
            hint = PostgresValues.read(try self.column(name, of: current), alias: alias)
        case nil:
            hint = "NULL::text"
        }
        return (hint, joins.joined(separator: " "))
    }

    // MARK: - Rows and columns

    func scan(_ table: String, columns: [String], rows: RowRange?, _ body: (Int64, [CellValue]) throws -> Void)
        throws
    {
        let table = try self.table(table)
        if let rows, rows.upTo > rows.after, rows.upTo - 1 == rows.after, let entry = cache.entry(table.name, rows.upTo)
        {
            if case .row(let values, _) = entry {
                try body(rows.upTo, try columns.map { values[try position(of: $0, in: table)] })
            }
            return
        }
        let select = try selectColumns(table, columns)
        try pages(table, select: select, rows: rows) { number, cells in
            try body(number, try (1...columns.count).map { try PostgresValues.cell(cells[$0]) })
        }
    }

    func scanInPlace(
        _ table: String, columns: [String], rows: RowRange?, _ body: (Int64, any ScannedRow) throws -> Void
    ) throws {
        try scan(table, columns: columns, rows: rows) { number, values in
            try body(number, PostgresScannedRow(values: values))
        }
    }

    private func selectColumns(_ table: PostgresCatalog.Table, _ columns: [String]) throws -> String {
        let key = try key(of: table)
        let list = try columns.map { ", " + PostgresValues.read(try column($0, of: table), alias: "t") }.joined()
        return "SELECT \(PostgresValues.read(key, alias: "t"))\(list) FROM \(quoted(table)) AS t"
    }

    func value(of column: String, in row: RowHandle) throws -> CellValue? {
        let table = try table(row.table)
        guard fetchesByKey(table) else {
            guard let keyValue = try keyValue(of: table, row: row.number) else { return nil }
            let condition = PostgresValues.equals(try key(of: table), value: keyValue, parameter: 1)
            let found = try link.rows(
                "SELECT \(PostgresValues.read(try self.column(column, of: table))) FROM \(quoted(table)) "
                    + "WHERE \(condition.sql)", [condition.bind]
            ).first
            return try found.map { try PostgresValues.cell($0.makeRandomAccess()[0]) }
        }
        if cache.entry(table.name, row.number) == nil { try fetch(table, rows: [row.number], read: nil, lock: false) }
        guard case .row(let values, _)? = cache.entry(table.name, row.number) else { return nil }
        return values[try position(of: column, in: table)]
    }

    func rows(of table: String, where column: String, equals value: CellValue) throws -> [Int64] {
        let table = try self.table(table)
        let lookup = PostgresRowCache.Lookup(table: table.name, column: column, value: value)
        if let known = cache.rows(lookup) { return known }
        let key = try key(of: table)
        let condition = PostgresValues.equals(try self.column(column, of: table), value: value, parameter: 1)
        let found = try link.rows(
            "SELECT \(PostgresValues.read(key)) FROM \(quoted(table)) WHERE \(condition.sql) "
                + "ORDER BY \(SQLName.quote(key.name))", [condition.bind]
        ).compactMap { try rowNumber(of: table, key: PostgresValues.cell($0.makeRandomAccess()[0])) }.sorted()
        cache.store(lookup, found)
        return found
    }

    func record(in table: String, primaryKey: String, key: RecordKey) throws -> StoredRecord? {
        let table = try self.table(table)
        let rowKey = try self.key(of: table)
        let byKey = try column(primaryKey, of: table).name == rowKey.name
        if byKey, let number = try rowNumber(of: table, key: key.cell) {
            switch cache.entry(table.name, number) {
            case .row(let values, let locked)? where locked || !locksRows:
                return StoredRecord(number: number, columns: table.columns.map(\.name), values: values)
            case .absent?: return nil
            default: break
            }
        }
        let condition = PostgresValues.equals(try column(primaryKey, of: table), value: key.cell, parameter: 1)
        let list = table.columns.map { PostgresValues.read($0) }.joined(separator: ", ")
        let found = try link.rows(
            "SELECT \(PostgresValues.read(rowKey)), \(list) FROM \(quoted(table)) WHERE \(condition.sql)"
                + (locksRows ? " FOR UPDATE" : ""), [condition.bind]
        ).first?.makeRandomAccess()
        guard let found, let number = try rowNumber(of: table, key: PostgresValues.cell(found[0])) else { return nil }
        let values = try (1...table.columns.count).map { try PostgresValues.cell(found[$0]) }
        cache.reserve(1)
        cache.store(table.name, number, .row(values, locked: locksRows))
        return StoredRecord(number: number, columns: table.columns.map(\.name), values: values)
    }

    func highestRow(in table: String) throws -> Int64 {
        let table = try self.table(table)
        guard table.numbersRowsByKey else { return Int64(try ordinals(of: table).keys.count) }
        let key = try key(of: table)
        let row = try link.rows("SELECT coalesce(max(\(SQLName.quote(key.name))), 0)::int8 FROM \(quoted(table))")
        return try row.first.map { try PostgresValues.cell($0.makeRandomAccess()[0]).integerValue ?? 0 } ?? 0
    }

    /// The server's writers in progress at this transaction's snapshot (in `REPEATABLE READ`,
    /// `pg_current_snapshot()` is the transaction's own).
    func writersInProgress() throws -> WritersInProgress {
        let rows = try link.rows("SELECT pg_snapshot_xip(pg_current_snapshot())::text")
        return WritersInProgress(
            try rows.compactMap { try PostgresValues.cell($0.makeRandomAccess()[0]).textValue.flatMap { UInt64($0) } })
    }

    func missingRows(in table: String, rows: RowRange) throws -> [Int64] {
        let table = try self.table(table)
        guard table.numbersRowsByKey, rows.upTo > rows.after else { return [] }
        let key = SQLName.quote(try key(of: table).name)
        return try link.rows(
            "SELECT g FROM generate_series(CAST($1 AS int8) + 1, CAST($2 AS int8)) AS g "
                + "WHERE NOT EXISTS (SELECT 1 FROM \(quoted(table)) AS t WHERE t.\(key) = g) ORDER BY g",
            [.integer(rows.after), .integer(rows.upTo)]
        ).compactMap { try PostgresValues.cell($0.makeRandomAccess()[0]).integerValue }
    }

    /// Each plain table's row count and the sum of a hash of every row version's place and
    /// writer (`tableoid`, `ctid`, `xmin`): a committed insert or update adds a version with its
    /// transaction's id, which no row visible before had; a delete lowers the count; `VACUUM
    /// FULL` or `CLUSTER` moves rows (and renumbers a table without an integer key). Freezing
    /// keeps `xmin`. The server reads every row, dsr receives one text per table. Views and
    /// foreign tables have no row versions and are left out.
    func tableVersions(_ tables: [String]) throws -> [String: String] {
        let plain = try tables.map { ($0, try self.table($0)) }.filter(\.1.isPlain)
        guard !plain.isEmpty else { return [:] }
        let columns = plain.map { _, table in
            "(SELECT count(*)::text || ':' || coalesce(sum(hashtextextended("
                + "t.tableoid::text || t.ctid::text || t.xmin::text, 0)), 0)::text FROM \(quoted(table)) AS t)"
        }
        guard let row = try link.rows("SELECT " + columns.joined(separator: ", ")).first else { return [:] }
        let cells = row.makeRandomAccess()
        var versions: [String: String] = [:]
        for (index, (name, _)) in plain.enumerated() {
            versions[name] = try PostgresValues.cell(cells[index]).textValue
        }
        return versions
    }

    func rowNumbersLast(in table: String) throws -> RowNumberLifetime {
        try self.table(table).numbersRowsByKey ? .whileTheRowExists : .oneTransaction
    }

    func sharesSnapshotWithNewReaders() throws -> Bool { false }

    func schema() throws -> OperationsSchema {
        var schema = OperationsSchema()
        for table in catalog.tables {
            schema.add(table.name, columns: table.columns.map(\.name), types: table.columns.map(\.type))
            for column in table.columns where !PostgresCatalog.supportedTypes.contains(column.typeName) {
                schema.refuse(
                    column.name, in: table.name, because: "is of type \(column.type), which dsr does not read")
            }
            if table.primaryKey == nil {
                schema.refuse(
                    nil, in: table.name, because: "has no single-column primary key, which dsr needs on PostgreSQL")
            }
        }
        return schema
    }

    func count(of table: String) throws -> Int {
        let table = try self.table(table)
        let row = try link.rows("SELECT count(*)::int8 FROM \(quoted(table))")
        return Int(try row.first.map { try PostgresValues.cell($0.makeRandomAccess()[0]).integerValue ?? 0 } ?? 0)
    }

    func constraints(of table: String) throws -> [ColumnConstraints] {
        let table = try self.table(table)
        return table.columns.map { column in
            let primary = column.name == table.primaryKey?.name
            return ColumnConstraints(
                column: column.name, notNull: column.notNull || primary,
                unique: primary || table.unique.contains(column.name.lowercased()),
                numericOnly: ["int2", "int4", "int8", "float4", "float8", "numeric", "bool"].contains(column.typeName))
        }
    }

    func foreignKeys() throws -> [ForeignKey] { catalog.foreignKeys }
}

/// A scanned row already read into values.
struct PostgresScannedRow: ScannedRow {
    let values: [CellValue]

    func isNull(_ index: Int) -> Bool { values[index].isNull }
    func isText(_ index: Int) -> Bool { values[index].textValue != nil }
    func withText<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var text: String
        switch values[index] {
        case .text(let value): text = value
        case .integer(let number): text = String(number)
        case .real(let number): text = String(number)
        default: text = ""
        }
        return try text.withUTF8 { try body($0) }
    }
    func cell(_ index: Int) -> CellValue { values[index] }
}

/// Changes inside one PostgreSQL write transaction.
final class PostgresOperationsWriter: PostgresOperationsReader, OperationsWriter {
    /// The tables this transaction changed (for VACUUM).
    private(set) var changedTables: Set<String> = []

    func update(_ table: String, primaryKey: String, key: RecordKey, set column: String, to value: CellValue) throws
        -> Int
    {
        let table = try self.table(table)
        let condition = PostgresValues.equals(try self.column(primaryKey, of: table), value: key.cell, parameter: 2)
        let target = try self.column(column, of: table)
        let changed = try link.execute(
            "UPDATE \(quoted(table)) SET \(SQLName.quote(target.name)) = \(PostgresValues.write(target, parameter: 1)) "
                + "WHERE \(condition.sql)", [value, condition.bind])
        forgetEverything()
        if changed > 0 { changedTables.insert(table.name) }
        return changed
    }

    func delete(from table: String, primaryKey: String, key: RecordKey) throws -> Int {
        let table = try self.table(table)
        let condition = PostgresValues.equals(try column(primaryKey, of: table), value: key.cell, parameter: 1)
        let changed = try link.execute("DELETE FROM \(quoted(table)) WHERE \(condition.sql)", [condition.bind])
        forgetEverything()
        if changed > 0 { changedTables.insert(table.name) }
        return changed
    }

    /// One statement per ``prefetchBatch`` keys (`key = ANY($2) RETURNING key`) where the keys
    /// are integers or text in a column of that type; otherwise a statement a row.
    func update(_ table: String, primaryKey: String, keys: [RecordKey], set column: String, to value: CellValue)
        throws -> [RecordKey: Int]
    {
        let table = try self.table(table)
        let key = try self.column(primaryKey, of: table)
        guard keys.count > 1, Self.comparesAsStored(key, keys) else {
            return try keys.eachChanging {
                try update(table.name, primaryKey: primaryKey, key: $0, set: column, to: value)
            }
        }
        let target = try self.column(column, of: table)
        let sql =
            "UPDATE \(quoted(table)) SET \(SQLName.quote(target.name)) = \(PostgresValues.write(target, parameter: 1)) "
            + "WHERE \(SQLName.quote(key.name)) = ANY(CAST($2 AS \(key.type)[])) RETURNING \(SQLName.quote(key.name))"
        return try changing(table, keys) { batch in try link.rows(sql, [value, batch]) }
    }

    /// As ``update(_:primaryKey:keys:set:to:)``; a statement a row in a table that references
    /// itself, where a `RESTRICT` key may need the planner's order (children first).
    func delete(from table: String, primaryKey: String, keys: [RecordKey]) throws -> [RecordKey: Int] {
        let table = try self.table(table)
        let key = try column(primaryKey, of: table)
        let referencesItself = catalog.foreignKeys.contains {
            $0.table.lowercased() == table.name.lowercased() && $0.parent.lowercased() == table.name.lowercased()
        }
        guard keys.count > 1, !referencesItself, Self.comparesAsStored(key, keys) else {
            return try keys.eachChanging { try delete(from: table.name, primaryKey: primaryKey, key: $0) }
        }
        let sql =
            "DELETE FROM \(quoted(table)) WHERE \(SQLName.quote(key.name)) = ANY(CAST($1 AS \(key.type)[])) "
            + "RETURNING \(SQLName.quote(key.name))"
        return try changing(table, keys) { batch in try link.rows(sql, [batch]) }
    }

    /// Whether every one of `keys` compares with `column` as it is stored and comes back as it
    /// was sent (integers in an integer column, text in a `text` or `varchar` column; not
    /// `char(n)`, which pads), so that an array of them finds the same rows as a statement a key.
    private static func comparesAsStored(_ column: PostgresCatalog.Column, _ keys: [RecordKey]) -> Bool {
        if PostgresCatalog.integerTypes.contains(column.typeName) {
            return keys.allSatisfy { if case .integer = $0 { true } else { false } }
        }
        if ["text", "varchar"].contains(column.typeName) {
            return keys.allSatisfy { if case .text = $0 { true } else { false } }
        }
        return false
    }

    /// Runs `statement` with `keys` bound as an array literal, ``prefetchBatch`` at a time;
    /// returns how many of the rows it returned (one a row changed) carry each key.
    private func changing(
        _ table: PostgresCatalog.Table, _ keys: [RecordKey], _ statement: (CellValue) throws -> [PostgresRow]
    ) throws -> [RecordKey: Int] {
        var changed: [RecordKey: Int] = [:]
        var start = 0
        while start < keys.count {
            let batch = keys[start..<min(start + Self.prefetchBatch, keys.count)]
            start += batch.count
            for row in try statement(.text(Self.arrayLiteral(batch.map(\.cell)))) {
                guard let key = RecordKey(try PostgresValues.cell(row.makeRandomAccess()[0])) else { continue }
                changed[key, default: 0] += 1
            }
        }
        forgetEverything()
        if !changed.isEmpty { changedTables.insert(table.name) }
        return changed
    }

    /// Drops everything the cache holds once this transaction changed a row.
    private func forgetEverything() {
        // Everything, not the row alone: a trigger or a foreign key's ON DELETE/ON UPDATE
        // action may have changed other rows. Little is read once a change has begun.
        cache = PostgresRowCache()
    }
}
