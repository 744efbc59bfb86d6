import Foundation
import GRDB

/// One refresh pass over the operations tables (see ``IdentifierIndex``).
struct IndexRefresher {
    let index: IdentifierIndex
    var report: IndexRefresh
    private var builder: IndexBuilder

    init(index: IdentifierIndex, report: inout IndexRefresh) {
        self.index = index
        self.report = report
        self.builder = IndexBuilder(map: index.map, hasher: index.hasher, defaultCountry: index.defaultCountry)
    }

    mutating func refresh(operations: any OperationsReader, index db: Database) throws -> IndexRefresh {
        let sources = IndexSource.all(in: index.map)
        let tables = sources.map(\.table).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        var plans: [(table: String, from: Int64, upTo: Int64, rebuild: Bool)] = []
        for table in tables {
            let tableSources = sources.filter { $0.table == table }
            let newest = try operations.highestRow(in: table)
            let known = try Row.fetchOne(
                db, sql: "SELECT watermark, mark FROM index_tables WHERE table_name = ?", arguments: [table])
            let watermark: Int64 = known?[0] ?? 0
            var rebuild = known == nil || newest < watermark || newest <= IdentifierIndex.smallTableRows
            if !rebuild, watermark > 0, try mark(table, tableSources, row: watermark, operations) != known?[1] {
                rebuild = true
            }
            plans.append((table, rebuild ? 0 : watermark, newest, rebuild))
        }
        // A large rebuild writes millions of entries: sorting once into a fresh lookup index
        // is far cheaper than keeping the index up to date row by row.
        let bulk = plans.contains { $0.rebuild && $0.upTo > IdentifierIndex.smallTableRows }
        if bulk { try IndexSchema.dropLookupIndex(db) }
        // Each column is one pass over its table's rows: the work is rows times columns.
        let values = plans.reduce(0) { sum, plan in
            sum + Int(max(plan.upTo - plan.from, 0)) * sources.filter { $0.table == plan.table }.count
        }
        let meter =
            values > 0
            ? ProgressMeter(
                task: report.cleared ? "building the index" : "refreshing the index", unit: "values", total: values,
                display: index.progressDisplay)
            : nil
        defer { meter?.finish() }
        for plan in plans {
            let tableSources = sources.filter { $0.table == plan.table }
            if plan.rebuild {
                report.rebuiltTables.append(plan.table)
                for source in tableSources {
                    guard let id = index.sourceIDs[source] else { continue }
                    try db.execute(sql: "DELETE FROM index_entries WHERE source = ?", arguments: [id])
                    try db.execute(sql: "DELETE FROM index_unparseable WHERE source = ?", arguments: [id])
                }
            }
            if plan.upTo > plan.from {
                report.rowsRead += plan.upTo - plan.from
                report.entriesWritten += try index(
                    plan.table, tableSources, from: plan.from, upTo: plan.upTo, operations, db, progress: meter)
            }
            try db.execute(
                sql: """
                    INSERT INTO index_tables (table_name, watermark, mark) VALUES (?, ?, ?)
                    ON CONFLICT (table_name) DO UPDATE SET watermark = excluded.watermark, mark = excluded.mark
                    """,
                arguments: [plan.table, plan.upTo, try mark(plan.table, tableSources, row: plan.upTo, operations)])
        }
        if bulk { try IndexSchema.createLookupIndex(db) }
        return report
    }

    /// Indexes rows `from < number <= upTo` of one table; returns the entries written.
    ///
    /// Reading, parsing and hashing cost far more than writing, so for large ranges a worker
    /// thread with its own read-only connection takes the upper rows and hands
    /// batches to this thread, which alone writes to `index.db`.
    private mutating func index(
        _ table: String, _ sources: [IndexSource], from: Int64, upTo: Int64, _ operations: any OperationsReader,
        _ db: Database, progress: ProgressMeter?
    ) throws -> Int {
        let writer = try IndexWriter(db)
        let ids = sources.compactMap { source in index.sourceIDs[source].map { (source, $0) } }
        guard upTo - from > index.parallelRows else {
            for (source, id) in ids {
                try builder.index(
                    source, id: id, from: from, upTo: upTo, operations: operations, into: writer, progress: progress)
            }
            return writer.written
        }
        // This thread also writes every entry, so it takes the smaller share of the rows.
        let middle = from + (upTo - from) * 2 / 5
        let channel = IndexChannel()
        let (map, hasher, country, open) = (index.map, index.hasher, index.defaultCountry, index.openOperations)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            defer { finished.signal() }
            do {
                let store = try open()
                var builder = IndexBuilder(map: map, hasher: hasher, defaultCountry: country)
                let batcher = IndexBatcher(channel: channel)
                try store.read { ops in
                    for (source, id) in ids {
                        try builder.index(
                            source, id: id, from: middle, upTo: upTo, operations: ops, into: batcher,
                            progress: progress)
                    }
                }
                batcher.flush()
                channel.close()
            } catch {
                channel.close(error)
            }
        }.start()
        do {
            for (source, id) in ids {
                try builder.index(
                    source, id: id, from: from, upTo: middle, operations: operations, into: writer, progress: progress)
            }
            while let batch = try channel.take() { try writer.write(batch) }
        } catch {
            channel.close(error)
            finished.wait()
            throw error
        }
        finished.wait()
        return writer.written
    }

    /// A keyed hash of the indexed values of one row (0 when there is no such row): if the
    /// newest indexed row changes or disappears, row numbers may have been reused.
    private func mark(_ table: String, _ sources: [IndexSource], row: Int64, _ operations: any OperationsReader)
        throws -> Int64
    {
        guard row > 0 else { return 0 }
        var parts: [String] = []
        for source in sources {
            guard let value = try operations.value(of: source.column, in: RowHandle(table: table, number: row)) else {
                return 0
            }
            parts.append(value.signature)
        }
        return index.hasher.index64("mark:" + parts.joined(separator: "\u{1}"))
    }
}
