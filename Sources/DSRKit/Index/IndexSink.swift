import Foundation
import GRDB

/// Where ``IndexBuilder`` puts what it computes.
protocol IndexSink: AnyObject {
    /// One entry: a row holds a value with this keyed hash.
    func entry(source: Int64, hash: Int64, row: Int64) throws
    /// A row whose value holds no readable identifier.
    func unreadable(source: Int64, row: Int64, reason: String) throws
}

/// Writes entries straight into `index.db` as loose rows (``IndexEntryStore``), with prepared
/// statements: small tables and small refreshes.
final class IndexWriter: IndexSink {
    private let insert: RawStatement
    private let bad: RawStatement
    private(set) var written = 0

    init(_ index: Database) throws {
        guard let connection = index.sqliteConnection else {
            throw StoreError.sqlite(path: IdentifierIndex.fileName, code: 0, message: "connection is closed")
        }
        insert = try RawStatement(
            "INSERT OR IGNORE INTO index_entries (source, hash, rid) VALUES (?, ?, ?)", connection: connection,
            path: IdentifierIndex.fileName)
        bad = try RawStatement(
            "INSERT INTO index_unparseable (source, rid, reason) VALUES (?, ?, ?)", connection: connection,
            path: IdentifierIndex.fileName)
    }

    func entry(source: Int64, hash: Int64, row: Int64) throws {
        insert.bind(source)
        insert.bind(hash)
        insert.bind(row)
        try insert.step()
        written += 1
    }

    func unreadable(source: Int64, row: Int64, reason: String) throws {
        bad.bind(source)
        bad.bind(row)
        bad.bind(reason)
        try bad.step()
    }

    /// Writes a run's unreadable values (its entries go to ``IndexEntryStore/write(run:source:)``).
    func write(unreadable run: IndexRunBatch) throws {
        for item in run.unreadable { try unreadable(source: run.source, row: item.row, reason: item.reason) }
    }
}

/// One source's entries from one thread, sorted: a run to write, with the row numbers whose
/// values could not be read.
struct IndexRunBatch: Sendable {
    let source: Int64
    var entries: [IndexEntry]
    var unreadable: [(row: Int64, reason: String)]
}

/// Gathers a build thread's entries, one source at a time, and hands them on sorted as runs
/// of at most ``limit`` entries: sorting in memory and writing blocks is what makes a build
/// cheap, and the limit keeps its memory at ``limit`` × 16 bytes a thread at any table size.
final class IndexRunCollector: IndexSink {
    /// Entries of one run: 32 MiB.
    static let limit = 1 << 21
    /// This collector's run size: ``limit``, or a share of it when several collect side by side.
    private let runLimit: Int
    private let deliver: (IndexRunBatch) throws -> Void
    private var source: Int64?
    private var entries: [IndexEntry] = []
    private var unreadable: [(row: Int64, reason: String)] = []
    /// Called every ``pauseEvery`` entries: the writer's thread writes the other thread's
    /// runs there, the other thread stops there when the writer gave up (by throwing).
    private let pause: () throws -> Void
    private static let pauseEvery = 1 << 16
    private var sincePause = 0

    init(
        runLimit: Int = IndexRunCollector.limit, pause: @escaping () throws -> Void,
        deliver: @escaping (IndexRunBatch) throws -> Void
    ) {
        self.runLimit = runLimit
        self.deliver = deliver
        self.pause = pause
    }

    func entry(source: Int64, hash: Int64, row: Int64) throws {
        if source != self.source { try switchTo(source) }
        entries.append(IndexEntry(hash: hash, rid: row))
        sincePause += 1
        if sincePause >= Self.pauseEvery {
            sincePause = 0
            try pause()
        }
        if entries.count >= runLimit { try flush() }
    }

    func unreadable(source: Int64, row: Int64, reason: String) throws {
        if source != self.source { try switchTo(source) }
        unreadable.append((row, reason))
    }

    /// Hands on what is gathered (call at the end).
    func flush() throws {
        guard let source, !entries.isEmpty || !unreadable.isEmpty else { return }
        entries.sortByHashThenRow()
        let run = IndexRunBatch(source: source, entries: entries, unreadable: unreadable)
        entries = []
        unreadable = []
        try deliver(run)
    }

    private func switchTo(_ source: Int64) throws {
        try flush()
        self.source = source
    }
}

/// A build thread's collectors: one for sources read one after another, one per source (each
/// with its share of the run limit, so memory stays the same) for sources read in one pass.
struct RunCollectors {
    let sink: IndexSink
    private let collectors: [IndexRunCollector]

    init(
        sources: [Int64], together: Bool, pause: @escaping () throws -> Void,
        deliver: @escaping (IndexRunBatch) throws -> Void
    ) {
        if together, sources.count > 1 {
            let share = max(IndexRunCollector.limit / sources.count, 1)
            collectors = sources.map { _ in IndexRunCollector(runLimit: share, pause: pause, deliver: deliver) }
            sink = IndexSinksBySource(Dictionary(uniqueKeysWithValues: zip(sources, collectors)))
        } else {
            let collector = IndexRunCollector(pause: pause, deliver: deliver)
            collectors = [collector]
            sink = collector
        }
    }

    /// Hands on what is gathered (call at the end).
    func flush() throws {
        for collector in collectors { try collector.flush() }
    }
}

/// Sinks by source, for one pass that reads several columns of a table: each source's entries
/// go to their own sink (a ``IndexRunCollector`` gathers one source at a time).
final class IndexSinksBySource: IndexSink {
    private let sinks: [Int64: IndexSink]

    init(_ sinks: [Int64: IndexSink]) { self.sinks = sinks }

    func entry(source: Int64, hash: Int64, row: Int64) throws {
        try sinks[source]?.entry(source: source, hash: hash, row: row)
    }

    func unreadable(source: Int64, row: Int64, reason: String) throws {
        try sinks[source]?.unreadable(source: source, row: row, reason: reason)
    }
}

/// A bounded hand-over of batches from one worker thread to the writer: the worker waits
/// when the writer falls behind, so memory stays at a few batches whatever the table size.
final class IndexChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [IndexRunBatch] = []
    private var closed = false
    private var failure: (any Error)?
    /// Runs waiting: one is being written while the worker fills the next.
    private let capacity = 1

    /// Whether the stream has ended (the writer failed, or the worker finished).
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    func put(_ batch: IndexRunBatch) {
        condition.lock()
        while queue.count >= capacity && !closed { condition.wait() }
        if !closed { queue.append(batch) }
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the stream, with the worker's error if it failed.
    func close(_ error: (any Error)? = nil) {
        condition.lock()
        closed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch if one is waiting, without waiting for one.
    ///
    /// - Throws: the worker's error.
    func poll() throws -> IndexRunBatch? {
        condition.lock()
        defer { condition.unlock() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if closed, let failure { throw failure }
        return nil
    }

    /// The next batch, or nil once the worker is done and everything was taken.
    ///
    /// - Throws: the worker's error.
    func take() throws -> IndexRunBatch? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }
}

/// The entries one row has now (``IdentifierIndex/leftStale(_:_:)``, ``IdentifierIndex/relearn(_:_:)``).
final class RowEntries: IndexSink {
    private(set) var hashes: Set<Int64> = []
    /// Why the value holds no readable identifier; nil when it is readable.
    private(set) var unreadableReason: String?
    var isUnreadable: Bool { unreadableReason != nil }

    func entry(source: Int64, hash: Int64, row: Int64) throws { hashes.insert(hash) }

    func unreadable(source: Int64, row: Int64, reason: String) throws { unreadableReason = reason }
}
