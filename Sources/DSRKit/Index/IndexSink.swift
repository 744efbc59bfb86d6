import Foundation
import GRDB

/// Where ``IndexBuilder`` puts what it computes.
protocol IndexSink: AnyObject {
    /// One entry: a row holds a value with this keyed hash.
    func entry(source: Int64, hash: Int64, row: Int64) throws
    /// A row whose value holds no readable identifier.
    func unreadable(source: Int64, row: Int64, reason: String) throws
}

/// Writes entries straight into `index.db` with prepared statements.
final class IndexWriter: IndexSink {
    private let insert: RawStatement
    private let bad: RawStatement
    private(set) var written = 0

    init(_ index: Database) throws {
        guard let connection = index.sqliteConnection else {
            throw StoreError.sqlite(path: IdentifierIndex.fileName, code: 0, message: "connection is closed")
        }
        insert = try RawStatement(
            "INSERT INTO index_entries (source, hash, rid) VALUES (?, ?, ?)", connection: connection,
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

    /// Writes a batch computed on another thread.
    func write(_ batch: IndexBatch) throws {
        for entry in batch.entries { try self.entry(source: entry.source, hash: entry.hash, row: entry.row) }
        for item in batch.unreadable { try unreadable(source: item.source, row: item.row, reason: item.reason) }
    }
}

/// Entries computed by a worker thread, handed to the writer in bounded batches.
struct IndexBatch: Sendable {
    struct Entry: Sendable {
        let source: Int64
        let hash: Int64
        let row: Int64
    }

    var entries: [Entry] = []
    var unreadable: [(source: Int64, row: Int64, reason: String)] = []
}

/// Collects a worker's entries into batches and passes full ones through a channel.
final class IndexBatcher: IndexSink {
    static let batchSize = 1 << 16
    private let channel: IndexChannel
    private var batch = IndexBatch()

    init(channel: IndexChannel) { self.channel = channel }

    func entry(source: Int64, hash: Int64, row: Int64) throws {
        if channel.isClosed { throw CancellationError() }  // the writer gave up: stop reading
        batch.entries.append(.init(source: source, hash: hash, row: row))
        if batch.entries.count >= Self.batchSize { flush() }
    }

    func unreadable(source: Int64, row: Int64, reason: String) throws {
        batch.unreadable.append((source, row, reason))
    }

    func flush() {
        guard !batch.entries.isEmpty || !batch.unreadable.isEmpty else { return }
        channel.put(batch)
        batch = IndexBatch()
    }
}

/// A bounded hand-over of batches from one worker thread to the writer: the worker waits
/// when the writer falls behind, so memory stays at a few batches whatever the table size.
final class IndexChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [IndexBatch] = []
    private var closed = false
    private var failure: (any Error)?
    private let capacity = 4

    /// Whether the stream has ended (the writer failed, or the worker finished).
    var isClosed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return closed
    }

    func put(_ batch: IndexBatch) {
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

    /// The next batch, or nil once the worker is done and everything was taken.
    ///
    /// - Throws: the worker's error.
    func take() throws -> IndexBatch? {
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
