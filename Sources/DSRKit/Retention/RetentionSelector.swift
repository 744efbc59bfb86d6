import Foundation

/// Finds the records past retention by their own dates only, never by id ranges (Matomo
/// #7180: an id-based purge deleted newer visits), in one pass over each rule's table through
/// the ``OperationsReader``.
///
/// Memory stays flat whatever the table's size: each rule keeps a count, the oldest start and
/// the `limit` oldest rows; only rows that wait on a reference check (past, already
/// pseudonymised, perhaps still needed) are kept until the referencing tables are read.
struct RetentionSelector {
    let map: DataMap
    let cutoff: RetentionCutoff
    /// Opens a second connection for the upper half of a large table's rows, read on a second
    /// thread; nil reads every table on the calling thread.
    var opener: (@Sendable () throws -> any OperationsStore)? = nil

    /// Tables above this many rows are read on two threads when ``opener`` is set.
    var parallelRows: Int64 = 1_000_000

    /// The finding of `rule`: the count of all records past it, and its `limit` oldest rows
    /// (those after `after` in (start, row number) order: where a previous window of the same
    /// run stopped, so rows it kept, held ones, are not offered again).
    ///
    /// - Throws: ``StoreError`` for database failures.
    func select(
        _ rule: RetentionRule, in reader: any OperationsReader, limit: Int, after: OldestRows.Entry? = nil
    ) throws -> RetentionFinding {
        var tally = RetentionTally(limit: limit, after: after)
        var waiting = ReferenceWait(rule: rule, map: map)
        if case .daysColumn(let path, let from) = rule.period {
            let read = try pathRead(rule, from: from, periodAt: path)
            try reader.scan(read, rows: nil) { number, value, period in
                try judge(rule, number, value, period, reader, &tally, &waiting)
            }
        } else {
            let columns = columns(of: rule, waiting)
            let highest = try reader.highestRow(in: rule.table)
            if let opener, highest > parallelRows, try reader.sharesSnapshotWithNewReaders() {
                try scanInTwo(rule, columns: columns, middle: highest / 2, opener, reader, &tally, &waiting)
            } else {
                try reader.scanInPlace(rule.table, columns: columns, rows: nil) { number, row in
                    judge(rule, number, row, &tally, &waiting)
                }
            }
        }
        return try finding(rule, tally, &waiting, limit: limit, reader)
    }

    /// The scan of a rule's table in two halves at the same time: rows up to `middle` here, the
    /// rows after it on a second thread with its own connection, which begins while this
    /// thread's read transaction is open and so reads the same state
    /// (``OperationsReader/sharesSnapshotWithNewReaders()``); then the tallies are merged.
    private func scanInTwo(
        _ rule: RetentionRule, columns: [String], middle: Int64,
        _ opener: @escaping @Sendable () throws -> any OperationsStore,
        _ reader: any OperationsReader, _ tally: inout RetentionTally, _ waiting: inout ReferenceWait
    ) throws {
        let upper = UpperHalf(tally: RetentionTally(limit: tally.kept.limit, after: tally.after), waiting: waiting)
        let finished = DispatchSemaphore(value: 0)
        let selector = self
        Thread {
            defer { finished.signal() }
            do {
                let store = try opener()
                defer { store.close() }
                try store.read { ops in
                    try ops.scanInPlace(rule.table, columns: columns, rows: RowRange(after: middle, upTo: .max)) {
                        number, row in selector.judge(rule, number, row, &upper.tally, &upper.waiting)
                    }
                }
            } catch {
                upper.error = error
            }
        }.start()
        do {
            try reader.scanInPlace(rule.table, columns: columns, rows: RowRange(after: .min, upTo: middle)) {
                number, row in judge(rule, number, row, &tally, &waiting)
            }
        } catch {
            finished.wait()
            throw error
        }
        finished.wait()
        if let error = upper.error { throw error }
        tally.merge(upper.tally)
        waiting.merge(upper.waiting)
    }

    /// The finding of `rule` among the rows `numbers` only, as they are now: a batch of a purge
    /// checks again, under the write lock, that the rows a selection found earlier are still
    /// there and still past retention (another writer may have changed them in between).
    ///
    /// - Throws: ``StoreError`` for database failures.
    func recheck(_ rule: RetentionRule, rows numbers: [Int64], in reader: any OperationsReader) throws
        -> RetentionFinding
    {
        var tally = RetentionTally(limit: numbers.count)
        var waiting = ReferenceWait(rule: rule, map: map)
        if case .daysColumn(let path, let from) = rule.period {
            let read = try pathRead(rule, from: from, periodAt: path)
            try reader.prefetch(read, rows: numbers)
            for number in numbers {
                guard let (value, period) = try reader.read(read, row: number) else { continue }
                try judge(rule, number, value, period, reader, &tally, &waiting)
            }
        } else {
            let columns = columns(of: rule, waiting)
            try reader.prefetch(rule.table, rows: numbers)
            for number in numbers {
                let handle = RowHandle(table: rule.table, number: number)
                var values: [CellValue] = []
                for column in columns {
                    guard let value = try reader.value(of: column, in: handle) else { break }
                    values.append(value)
                }
                // A row that is gone is no longer anything to purge.
                guard values.count == columns.count else { continue }
                judge(rule, number, CopiedRow(values: values), &tally, &waiting)
            }
        }
        return try finding(rule, tally, &waiting, limit: numbers.count, reader)
    }

    /// The finding from a finished tally: the kept rows with their keys, and the rows waiting
    /// on references.
    private func finding(
        _ rule: RetentionRule, _ tally: RetentionTally, _ waiting: inout ReferenceWait, limit: Int,
        _ reader: any OperationsReader
    ) throws -> RetentionFinding {
        var tally = tally
        let needed = try waiting.finish(reader) { start, number in tally.past(start: start, number: number) }
        let kept = tally.kept.sorted
        try reader.prefetch(rule.table, rows: kept.map(\.number) + needed.prefix(limit).map(\.1))
        var rows: [RetentionRow] = []
        for entry in kept {
            let handle = RowHandle(table: rule.table, number: entry.number)
            guard let cell = try reader.value(of: rule.primaryKey, in: handle), let key = RecordKey(cell) else {
                continue
            }
            rows.append(RetentionRow(number: entry.number, key: key, start: entry.start))
        }
        var waitingRows: [RetentionRow] = []
        for (start, number) in needed.prefix(limit) {
            let handle = RowHandle(table: rule.table, number: number)
            guard let cell = try reader.value(of: rule.primaryKey, in: handle), let key = RecordKey(cell) else {
                continue
            }
            waitingRows.append(RetentionRow(number: number, key: key, start: start))
        }
        return RetentionFinding(
            source: rule, count: tally.count, oldest: tally.oldest, undated: tally.undated,
            unsetPeriod: tally.unsetPeriod, rows: rows, waiting: waitingRows, beyond: tally.beyond)
    }

    /// The columns a rule with a fixed period, or one that ends when a column is set, reads:
    /// the start, the column or file column, and what a reference check needs.
    private func columns(of rule: RetentionRule, _ waiting: ReferenceWait) -> [String] {
        [rule.period.start] + (rule.column.map { [$0] } ?? []) + waiting.columns
    }

    /// Judges one row of a rule with a fixed period, or one that ends when a column is set; the
    /// row's columns are those of ``columns(of:_:)``, read in place (the full scan reads every
    /// row of the table, most of them not past retention, and copies none).
    fileprivate func judge(
        _ rule: RetentionRule, _ number: Int64, _ row: any ScannedRow, _ tally: inout RetentionTally,
        _ waiting: inout ReferenceWait
    ) {
        let hasColumn = rule.column != nil
        if hasColumn {
            // Nothing left to purge: the value or file is gone, or the value pseudonymised.
            if row.isNull(1) { return }
            if rule.action == .pseudonymise, row.withText(1, { PseudonymToken.isToken(bytes: $0) }) { return }
        }
        let days: Int64 =
            if case .days(let count, _) = rule.period { Int64(count) } else { 0 }
        // Until set: not set yet is not late, it is what the rule waits for.
        if case .untilSet = rule.period, row.isNull(0) { return }
        let canonical = row.isText(0) ? row.withText(0) { RetentionCutoff.canonicalSeconds($0) } : nil
        guard let start = canonical ?? RetentionCutoff.start(of: row.cell(0)) else { return tally.undated += 1 }
        guard cutoff.isPast(start: start, days: days) == true else { return }
        waiting.judge(start: start, number: number, row: row, from: hasColumn ? 2 : 1) {
            tally.past(start: start, number: number)
        }
    }

    /// Judges one row of a rule whose period is read per row along references.
    private func judge(
        _ rule: RetentionRule, _ number: Int64, _ value: CellValue, _ period: String?, _ reader: any OperationsReader,
        _ tally: inout RetentionTally, _ waiting: inout ReferenceWait
    ) throws {
        guard let days = period.flatMap({ Int64($0) }) else { return tally.unsetPeriod += 1 }
        guard let start = RetentionCutoff.start(of: value) else { return tally.undated += 1 }
        guard let past = cutoff.isPast(start: start, days: days) else { return tally.unsetPeriod += 1 }
        guard past else { return }
        let handle = RowHandle(table: rule.table, number: number)
        let values = try waiting.columns.map { try reader.value(of: $0, in: handle) ?? .null }
        waiting.judge(start: start, number: number, values: values) { tally.past(start: start, number: number) }
    }

    /// The read of a rule whose period is set per row elsewhere (a recording's on its service
    /// number): the start with the period as its hint, joined along the references.
    private func pathRead(_ rule: RetentionRule, from: String, periodAt path: ColumnPath) throws -> ColumnRead {
        let hops = try map.follow(path.via, from: map.table(rule.table)!).hops
        let hint: ColumnRead.Hint =
            hops.isEmpty
            ? .column(path.column)
            : .path(
                hops.map { .init(column: $0.column, table: $0.table, target: $0.targetColumn) }, column: path.column)
        return ColumnRead(table: rule.table, column: from, hint: hint)
    }
}

/// What the second thread of ``RetentionSelector/scanInTwo`` found; read by the first only after
/// the second has signalled that it finished.
private final class UpperHalf: @unchecked Sendable {
    var tally: RetentionTally
    var waiting: ReferenceWait
    var error: (any Error)?

    init(tally: RetentionTally, waiting: ReferenceWait) {
        self.tally = tally
        self.waiting = waiting
    }
}

/// The running totals of one rule's selection.
struct RetentionTally {
    var count = 0
    var oldest: Int64?
    var undated = 0
    var unsetPeriod = 0
    /// Records past retention after the cursor (all of them without one).
    var beyond = 0
    var kept: OldestRows
    let after: OldestRows.Entry?

    init(limit: Int, after: OldestRows.Entry? = nil) {
        kept = OldestRows(limit: limit)
        self.after = after
    }

    /// Adds the totals of another part of the same table (rows the other part did not read).
    mutating func merge(_ other: RetentionTally) {
        count += other.count
        if let start = other.oldest { oldest = min(oldest ?? start, start) }
        undated += other.undated
        unsetPeriod += other.unsetPeriod
        beyond += other.beyond
        for entry in other.kept.sorted { kept.offer(start: entry.start, number: entry.number) }
    }

    /// Counts one record past retention; offers it to the kept rows when it is after the cursor.
    mutating func past(start: Int64, number: Int64) {
        count += 1
        oldest = min(oldest ?? start, start)
        if let after, OldestRows.Entry(start: start, number: number) <= after { return }
        beyond += 1
        kept.offer(start: start, number: number)
    }
}

extension ColumnRead {
    /// A read of a start column with its per-row period as the hint (retention's one-pass read).
    init(table: String, column: String, hint: Hint?) {
        self.table = table
        self.column = column
        self.hint = hint
    }
}

/// Values already read, as a ``ScannedRow`` (a batch's check reads its few rows one by one).
private struct CopiedRow: ScannedRow {
    let values: [CellValue]

    func isNull(_ index: Int) -> Bool { values[index].isNull }

    func isText(_ index: Int) -> Bool {
        if case .text = values[index] { true } else { false }
    }

    func withText<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        var text = values[index].storedText ?? ""
        return try text.withUTF8 { try body($0) }
    }

    func cell(_ index: Int) -> CellValue { values[index] }
}
