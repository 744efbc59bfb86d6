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

    /// The finding of `rule`: the count of all records past it, and its `limit` oldest rows.
    ///
    /// - Throws: ``StoreError`` for database failures.
    func select(_ rule: RetentionRule, in reader: any OperationsReader, limit: Int) throws -> RetentionFinding {
        var tally = RetentionTally(limit: limit)
        var waiting = ReferenceWait(rule: rule, map: map)
        if case .daysColumn(let path, let from) = rule.period {
            try scan(rule, from: from, periodAt: path, reader, &tally, &waiting)
        } else {
            try scan(rule, reader, &tally, &waiting)
        }
        let needed = try waiting.finish(reader) { start, number in tally.past(start: start, number: number) }
        let kept = tally.kept.sorted
        let referenced = try waiting.stillReferenced(kept.map(\.number), table: rule.table, reader)
        var rows: [RetentionRow] = []
        for entry in kept {
            let handle = RowHandle(table: rule.table, number: entry.number)
            guard let cell = try reader.value(of: rule.primaryKey, in: handle), let key = RecordKey(cell) else {
                continue
            }
            rows.append(
                RetentionRow(
                    number: entry.number, key: key, start: entry.start,
                    stillReferenced: referenced.contains(entry.number)))
        }
        var waitingRows: [RetentionRow] = []
        for (start, number) in needed.prefix(limit) {
            let handle = RowHandle(table: rule.table, number: number)
            guard let cell = try reader.value(of: rule.primaryKey, in: handle), let key = RecordKey(cell) else {
                continue
            }
            waitingRows.append(RetentionRow(number: number, key: key, start: start, stillReferenced: true))
        }
        return RetentionFinding(
            source: rule, count: tally.count, oldest: tally.oldest, undated: tally.undated,
            unsetPeriod: tally.unsetPeriod, rows: rows, waiting: waitingRows)
    }

    /// Rules whose period is fixed or ends when a column is set: one scan of the start column,
    /// the column or file column, and what a reference check needs.
    private func scan(
        _ rule: RetentionRule, _ reader: any OperationsReader, _ tally: inout RetentionTally,
        _ waiting: inout ReferenceWait
    ) throws {
        let own = rule.column.map { [$0] } ?? []
        let columns = [rule.period.start] + own + waiting.columns
        let days: Int64 =
            if case .days(let count, _) = rule.period { Int64(count) } else { 0 }
        let untilSet = if case .untilSet = rule.period { true } else { false }
        try reader.scan(rule.table, columns: columns, rows: nil) { number, values in
            if !own.isEmpty {
                // Nothing left to purge: the value or file is gone, or the value pseudonymised.
                if values[1].isNull { return }
                if rule.action == .pseudonymise, PseudonymToken.isToken(values[1]) { return }
            }
            // Until set: not set yet is not late, it is what the rule waits for.
            if untilSet, values[0].isNull { return }
            guard let start = RetentionCutoff.start(of: values[0]) else { return tally.undated += 1 }
            guard cutoff.isPast(start: start, days: days) == true else { return }
            waiting.judge(start: start, number: number, values: Array(values.suffix(waiting.columns.count))) {
                tally.past(start: start, number: number)
            }
        }
    }

    /// Rules whose period is read per row along references (a recording's period is set on its
    /// service number): one scan that reads the start and the period together.
    private func scan(
        _ rule: RetentionRule, from: String, periodAt path: ColumnPath, _ reader: any OperationsReader,
        _ tally: inout RetentionTally, _ waiting: inout ReferenceWait
    ) throws {
        let hops = try map.follow(path.via, from: map.table(rule.table)!).hops
        let hint: ColumnRead.Hint =
            hops.isEmpty
            ? .column(path.column)
            : .path(
                hops.map { .init(column: $0.column, table: $0.table, target: $0.targetColumn) }, column: path.column)
        try reader.scan(ColumnRead(table: rule.table, column: from, hint: hint), rows: nil) { number, value, period in
            guard let days = period.flatMap({ Int64($0) }) else { return tally.unsetPeriod += 1 }
            guard let start = RetentionCutoff.start(of: value) else { return tally.undated += 1 }
            guard let past = cutoff.isPast(start: start, days: days) else { return tally.unsetPeriod += 1 }
            guard past else { return }
            let handle = RowHandle(table: rule.table, number: number)
            let values = try waiting.columns.map { try reader.value(of: $0, in: handle) ?? .null }
            waiting.judge(start: start, number: number, values: values) { tally.past(start: start, number: number) }
        }
    }
}

/// The running totals of one rule's selection.
struct RetentionTally {
    var count = 0
    var oldest: Int64?
    var undated = 0
    var unsetPeriod = 0
    var kept: OldestRows

    init(limit: Int) { kept = OldestRows(limit: limit) }

    /// Counts one record past retention.
    mutating func past(start: Int64, number: Int64) {
        count += 1
        oldest = min(oldest ?? start, start)
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
