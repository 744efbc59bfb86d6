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

    /// The other tables whose rows decide how `table`'s national numbers read: those along
    /// each identifier column's country path (`contacts.phone` takes `customers.country`);
    /// nil when a path cannot be followed.
    static func countryTables(of table: String, in map: DataMap) -> [String]? {
        guard let tableMap = map.table(table) else { return nil }
        var tables: [String] = []
        for column in tableMap.identifiers {
            guard case .reference(let via, _) = column.country else { continue }
            guard let path = try? map.follow(via, from: tableMap) else { return nil }
            for hop in path.hops where hop.table != table && !tables.contains(hop.table) { tables.append(hop.table) }
        }
        return tables
    }

    mutating func refresh(operations: any OperationsReader, index db: Database) throws -> IndexRefresh {
        let sources = IndexSource.all(in: index.map)
        let tables = sources.map(\.table).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        let writers = try operations.writersInProgress()
        var found: [(table: String, newest: Int64, known: Row?, numbersReliable: Bool)] = []
        for table in tables {
            let known = try Row.fetchOne(
                db, sql: "SELECT watermark, mark, version FROM index_tables WHERE table_name = ?", arguments: [table])
            let numbersReliable = try operations.rowNumbersLast(in: table) == .whileTheRowExists
            found.append((table, try operations.highestRow(in: table), known, numbersReliable))
        }
        // The tables read whole at every change, asked in one statement whether they changed.
        let versions = try operations.tableVersions(
            found.filter { $0.newest <= IdentifierIndex.smallTableRows || !$0.numbersReliable }.map(\.table))
        // A table's entries are as current as its rows and the rows its numbers take their
        // country from: its version is theirs together, none when one of them has none.
        let map = index.map
        func version(of table: String) -> String? {
            guard let others = Self.countryTables(of: table, in: map) else { return nil }
            var parts: [String] = []
            for name in [table] + others {
                guard let version = versions[name] else { return nil }
                parts.append(name + "=" + version)
            }
            return parts.joined(separator: " ")
        }
        let current = Dictionary(
            uniqueKeysWithValues: found.compactMap { t in version(of: t.table).map { (t.table, $0) } })
        var plans: [(table: String, from: Int64, upTo: Int64, rebuild: Bool)] = []
        for (table, newest, known, numbersReliable) in found {
            // Not one row changed since it was indexed: nothing to read, no rows behind.
            let knownVersion: String? = known?["version"]
            if known != nil, let version = current[table], version == knownVersion { continue }
            let tableSources = sources.filter { $0.table == table }
            let watermark: Int64 = known?["watermark"] ?? 0
            var rebuild =
                known == nil || newest < watermark || newest <= IdentifierIndex.smallTableRows || !numbersReliable
            if !rebuild, watermark > 0, try mark(table, tableSources, row: watermark, operations) != known?["mark"] {
                rebuild = true
            }
            plans.append((table, rebuild ? 0 : watermark, newest, rebuild))
        }
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
                    try index.entries(db).removeAll(source: id)
                    try db.execute(sql: "DELETE FROM index_unparseable WHERE source = ?", arguments: [id])
                }
            }
            if plan.upTo > plan.from {
                report.rowsRead += plan.upTo - plan.from
                report.entriesWritten += try index(
                    plan.table, tableSources, from: plan.from, upTo: plan.upTo, operations, db, progress: meter)
                for source in tableSources {
                    if let id = index.sourceIDs[source] { try index.entries(db).settle(id) }
                }
            }
            var behind = try RowsBehindWatermark.load(plan.table, db)
            if plan.rebuild { behind.clear() }
            try catchUp(&behind, tableSources, writers: writers, operations, db)
            // A small table is read again at every change, so nothing can stay behind in it.
            if !writers.isEmpty, plan.upTo > IdentifierIndex.smallTableRows,
                try operations.rowNumbersLast(in: plan.table) == .whileTheRowExists
            {
                let after = max(plan.from, plan.upTo - RowsBehindWatermark.window)
                behind.add(
                    try operations.missingRows(in: plan.table, rows: RowRange(after: after, upTo: plan.upTo)),
                    now: writers)
            }
            try behind.save(db)
            try db.execute(
                sql: """
                    INSERT INTO index_tables (table_name, watermark, mark, waiting, version) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (table_name) DO UPDATE
                    SET watermark = excluded.watermark, mark = excluded.mark, waiting = excluded.waiting,
                        version = excluded.version
                    """,
                arguments: [
                    plan.table, plan.upTo, try mark(plan.table, tableSources, row: plan.upTo, operations),
                    behind.waitingText, current[plan.table],
                ])
        }
        return report
    }

    /// Indexes rows `from < number <= upTo` of one table; returns the entries written.
    ///
    /// A small range is written entry by entry as loose rows. A large one is read by two
    /// threads, each with its own connection and half the rows: each sorts its entries of a
    /// column in memory into runs (``IndexRunCollector``), and this thread, which alone writes
    /// to `index.db`, stores them as blocks. Reading, parsing and hashing then cost more than
    /// writing, so each takes half the rows.
    private mutating func index(
        _ table: String, _ sources: [IndexSource], from: Int64, upTo: Int64, _ operations: any OperationsReader,
        _ db: Database, progress: ProgressMeter?
    ) throws -> Int {
        let ids = sources.compactMap { source in index.sourceIDs[source].map { (source, $0) } }
        guard upTo - from > index.parallelRows else {
            let writer = try IndexWriter(db)
            for pass in Self.passes(ids, operations) {
                try builder.index(
                    pass, from: from, upTo: upTo, operations: operations, into: writer, progress: progress)
            }
            return writer.written
        }
        let store = index.entries(db)
        let unreadable = try IndexWriter(db)
        var written = 0
        func write(_ run: IndexRunBatch) throws {
            try store.write(run: run.entries, source: run.source)
            try unreadable.write(unreadable: run)
            written += run.entries.count
        }
        let middle = from + (upTo - from) / 2
        let channel = IndexChannel()
        let (map, hasher, country, open) = (index.map, index.hasher, index.defaultCountry, index.openOperations)
        let finished = DispatchSemaphore(value: 0)
        Thread {
            defer { finished.signal() }
            do {
                let store = try open()
                defer { store.close() }
                var builder = IndexBuilder(map: map, hasher: hasher.forAnotherThread(), defaultCountry: country)
                try store.read { ops in
                    let collectors = RunCollectors(
                        sources: ids.map(\.1), together: ops.readsColumnsTogether,
                        pause: { if channel.isClosed { throw CancellationError() } }, deliver: { channel.put($0) })
                    for pass in Self.passes(ids, ops) {
                        try builder.index(
                            pass, from: middle, upTo: upTo, operations: ops, into: collectors.sink, progress: progress)
                    }
                    try collectors.flush()
                }
                channel.close()
            } catch {
                channel.close(error)
            }
        }.start()
        do {
            // Runs from the other thread are written as they come, between this thread's own.
            func drain() throws { while let run = try channel.poll() { try write(run) } }
            let collectors = RunCollectors(
                sources: ids.map(\.1), together: operations.readsColumnsTogether, pause: drain
            ) { run in
                try write(run)
                try drain()
            }
            for pass in Self.passes(ids, operations) {
                try builder.index(
                    pass, from: from, upTo: middle, operations: operations, into: collectors.sink, progress: progress)
                try drain()
            }
            try collectors.flush()
            while let run = try channel.take() { try write(run) }
        } catch {
            channel.close(error)
            finished.wait()
            throw error
        }
        finished.wait()
        return written
    }

    /// The passes over a table that index `ids`: one per column, or one for all of them where
    /// the store reads a table's columns cheaper together (a server).
    private static func passes(_ ids: [(IndexSource, Int64)], _ operations: any OperationsReader)
        -> [[(IndexSource, Int64)]]
    {
        operations.readsColumnsTogether ? [ids] : ids.map { [$0] }
    }

    /// Indexes the rows that have appeared at numbers left behind the watermark, and drops the
    /// numbers whose writers have all ended.
    private mutating func catchUp(
        _ behind: inout RowsBehindWatermark, _ sources: [IndexSource], writers: WritersInProgress,
        _ operations: any OperationsReader, _ db: Database
    ) throws {
        guard !behind.rows.isEmpty, let key = index.map.table(behind.table)?.primaryKey else { return }
        // Read in a few statements on a server; a row that is there has its key.
        try operations.prefetch(behind.table, rows: behind.rows)
        let arrived = try behind.rows.filter { row in
            try operations.value(of: key, in: RowHandle(table: behind.table, number: row)) != nil
        }
        for row in arrived {
            report.rowsRead += 1
            report.entriesWritten += try index(
                behind.table, sources, from: row - 1, upTo: row, operations, db, progress: nil)
        }
        for source in sources where !arrived.isEmpty {
            if let id = index.sourceIDs[source] { try index.entries(db).settle(id) }
        }
        behind.remove(Set(arrived))
        behind.settle(now: writers)
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
