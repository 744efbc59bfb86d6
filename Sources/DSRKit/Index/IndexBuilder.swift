/// Computes index entries for a range of rows of one operations table.
///
/// Values repeat a lot (the same caller calls many times, a few hundred service numbers
/// take millions of calls), so readings are cached by raw value and country; the cache is
/// bounded and simply emptied when full, which keeps memory flat at any table size.
struct IndexBuilder {
    let map: DataMap
    let hasher: KeyedHasher
    var reader: IdentifierReader
    private var cache: [CacheKey: [Int64]] = [:]
    private static let cacheLimit = 1 << 18
    /// Countries of `prefix_of` hints (service numbers): few distinct values, read per row.
    private var countries: [String: String] = [:]
    /// Lookups and hits of the value cache for the source being indexed: a column whose
    /// values hardly repeat (callers) stops caching, since a miss costs more than no cache.
    private var lookups = 0
    private var hits = 0

    init(map: DataMap, hasher: KeyedHasher, defaultCountry: String) {
        self.map = map
        self.hasher = hasher
        self.reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
    }

    /// Reads rows with `from < number <= upTo` of `source`'s table and hands every entry
    /// (keyed hash, row number) and every unreadable value (row number, reason) to `sink`;
    /// `progress` advances by the row numbers passed (`upTo - from` in all), a batch at a time.
    mutating func index(
        _ source: IndexSource, id: Int64, from: Int64, upTo: Int64, operations: any OperationsReader,
        into sink: IndexSink, progress: ProgressMeter? = nil
    ) throws {
        guard let table = map.table(source.table) else { return }
        (lookups, hits) = (0, 0)
        let rows = RowRange(after: from, upTo: upTo)
        var tally = ScanTally(progress, from: from)
        defer { tally.reach(upTo) }
        switch source.purpose {
        case .identifier:
            guard let column = table.identifiers.first(where: { $0.column == source.column }) else { return }
            try operations.scan(try reader.columnRead(table, column), rows: rows) { row, value, hint in
                tally.pass(row)
                switch hashes(value, hint: hint, column: column, source: id) {
                case .success(let hashes): for hash in hashes { try sink.entry(source: id, hash: hash, row: row) }
                case .failure(let problem): try sink.unreadable(source: id, row: row, reason: problem.reason)
                }
            }
        case .reference:
            try operations.scanInPlace(table.name, columns: [source.column], rows: rows) { row, values in
                tally.pass(row)
                guard let hash = referenceHash(values.cell(0), source: id) else { return }
                try sink.entry(source: id, hash: hash, row: row)
            }
        }
    }

    /// ``index(_:id:from:upTo:operations:into:progress:)`` for several sources of one table in
    /// one pass over its rows when the store reads columns cheaper together
    /// (``OperationsReader/readsColumnsTogether``), else a pass per source. Entries of the
    /// sources come interleaved, row by row: `sink` must take them so (``IndexSinksBySource``).
    mutating func index(
        _ sources: [(IndexSource, Int64)], from: Int64, upTo: Int64, operations: any OperationsReader,
        into sink: IndexSink, progress: ProgressMeter? = nil
    ) throws {
        guard sources.count > 1, operations.readsColumnsTogether, let tableName = sources.first?.0.table,
            let table = map.table(tableName)
        else {
            for (source, id) in sources {
                try index(
                    source, id: id, from: from, upTo: upTo, operations: operations, into: sink, progress: progress)
            }
            return
        }
        // What each source reads: an identifier column with its country hint, a reference as stored.
        var reads: [ColumnRead] = []
        var columns: [IdentifierColumn?] = []
        for (source, _) in sources {
            let column = table.identifiers.first { $0.column == source.column }
            if source.purpose == .identifier, let column {
                reads.append(try reader.columnRead(table, column))
                columns.append(column)
            } else {
                reads.append(ColumnRead(table: table.name, column: source.column))
                columns.append(nil)
            }
        }
        // The value cache's hit counts are kept per source, as a pass per source keeps them.
        var counts = Array(repeating: (lookups: 0, hits: 0), count: sources.count)
        var tally = ScanTally(progress, from: from, weight: sources.count)
        defer { tally.reach(upTo) }
        try operations.scan(reads, rows: RowRange(after: from, upTo: upTo)) { row, values in
            tally.pass(row)
            for (index, (source, id)) in sources.enumerated() {
                let read = values[index]
                guard source.purpose == .identifier else {
                    if let hash = referenceHash(read.value, source: id) {
                        try sink.entry(source: id, hash: hash, row: row)
                    }
                    continue
                }
                guard let column = columns[index] else { continue }
                (lookups, hits) = counts[index]
                defer { counts[index] = (lookups, hits) }
                switch hashes(read.value, hint: read.hint, column: column, source: id) {
                case .success(let hashes): for hash in hashes { try sink.entry(source: id, hash: hash, row: row) }
                case .failure(let problem): try sink.unreadable(source: id, row: row, reason: problem.reason)
                }
            }
        }
    }

    private struct Unreadable: Error {
        let reason: String
    }

    /// The hashes of the identifiers a stored value holds, read with its row's country hint.
    private mutating func hashes(
        _ value: CellValue, hint: String?, column: IdentifierColumn, source: Int64
    ) -> Result<[Int64], Unreadable> {
        let caching = lookups < 10_000 || hits * 4 >= lookups
        let cacheKey = caching ? value.textValue.map { CacheKey(source: source, text: $0, hint: hint) } : nil
        if let cacheKey {
            lookups += 1
            if let cached = cache[cacheKey] {
                hits += 1
                return .success(cached)
            }
        }
        let country = self.country(for: column.country, hint: hint)
        let hashes: [Int64]
        switch StoredValue.read(value, column: column, country: country) {
        case .identifiers(let identifiers): hashes = identifiers.map { hasher.index64($0.canonical) }
        case .empty: hashes = []
        case .unparseable(let reason): return .failure(Unreadable(reason: reason))
        }
        if let cacheKey { remember(cacheKey, hashes) }
        return .success(hashes)
    }

    private mutating func country(for source: CountrySource?, hint: String?) -> String {
        guard case .phonePrefix = source, let hint else { return reader.countries.country(for: source, hint: hint) }
        if let known = countries[hint] { return known }
        let country = reader.countries.country(for: source, hint: hint)
        if countries.count < Self.cacheLimit { countries[hint] = country }
        return country
    }

    /// The hash of a reference value, cached by the value itself (a call's service number
    /// repeats for millions of calls): building its text costs more than finding it.
    private mutating func referenceHash(_ value: CellValue, source: Int64) -> Int64? {
        let key = value.textValue.map { CacheKey(source: source, text: $0, hint: nil) }
        if let key, let cached = cache[key]?.first { return cached }
        guard let text = IndexSource.referenceText(value) else { return nil }
        let hash = hasher.index64(text)
        if let key { remember(key, [hash]) }
        return hash
    }

    /// What the value cache is keyed by: the source too, since the same text reads
    /// differently in another column, and the row's country hint.
    private struct CacheKey: Hashable {
        let source: Int64
        let text: String
        let hint: String?
    }

    private mutating func remember(_ key: CacheKey, _ hashes: [Int64]) {
        if cache.count >= Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
        cache[key] = hashes
    }
}

/// The rows one scan passed, handed to a progress meter a batch at a time: the meter takes a
/// lock, and the build reads ~150,000 rows a second per core. Counted by row number, so a
/// scan that skips empty cells or deleted rows still ends at its range's end.
private struct ScanTally {
    /// Rows between two advances.
    static let batch: Int64 = 4096
    /// Nil when nothing is drawn: the scan then pays one nil check a row.
    private let meter: ProgressMeter?
    private var counted: Int64

    /// Values a row counts for: the sources a pass reads.
    private let weight: Int

    init(_ meter: ProgressMeter?, from: Int64, weight: Int = 1) {
        self.meter = meter?.isShown == true ? meter : nil
        self.counted = from
        self.weight = weight
    }

    /// The scan is at `row`.
    mutating func pass(_ row: Int64) {
        guard meter != nil, row - counted >= Self.batch else { return }
        reach(row)
    }

    /// Counts every row up to `row`.
    mutating func reach(_ row: Int64) {
        guard let meter, row > counted else { return }
        meter.advance(by: Int(row - counted) * weight)
        counted = row
    }
}
