import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The index's two tiers (runs of blocks, loose rows) against a plain set of entries.
@Suite struct IndexEntryStoreTests {
    /// Entries with repeated hashes (a popular value), negative and large row numbers, and
    /// enough of them that one hash's entries span several blocks.
    static func entries(count: Int, seed: UInt64) -> [IndexEntry] {
        var generator = SplitMix64(state: seed)
        return (0..<count).map { index in
            let hash = index % 7 == 0 ? 42 : Int64.random(in: .min ... .max, using: &generator)
            let rid: Int64 =
                switch index % 5 {
                case 0: -Int64(index)
                case 1: Int64.max - Int64(index)
                default: Int64.random(in: 1...10_000_000, using: &generator)
                }
            return IndexEntry(hash: hash, rid: rid)
        }
    }

    @Test func blocksGiveBackWhatTheyWereGivenAndStayInAPage() throws {
        let sorted = Self.entries(count: 5_000, seed: 1).sorted()
        let blocks = IndexBlock.encode(sorted + [sorted[sorted.count - 1]])  // a repeat is dropped
        var decoded: [IndexEntry] = []
        for block in blocks {
            #expect(block.bytes.count <= IndexBlock.maxBytes)
            let entries = try block.bytes.withUnsafeBytes { try IndexBlock.decode($0) }
            #expect(entries.first == block.first)
            decoded += entries
        }
        let unique = Array(Set(sorted)).sorted()
        #expect(decoded == unique, "\(decoded.count) decoded of \(unique.count)")
        #expect(blocks.count > 10)
    }

    @Test func aBlocksRowsOfAHashAreThoseItsEntriesHold() throws {
        // Few hashes, so that each repeats with many rows, some across block edges.
        let sorted = Self.entries(count: 3_000, seed: 3).map { IndexEntry(hash: $0.hash % 40, rid: $0.rid) }.sorted()
        let blocks = IndexBlock.encode(sorted)
        #expect(blocks.count > 3)
        for target in Set(sorted.map(\.hash)).union([-41, 41, Int64.min, Int64.max]) {
            var found: [Int64] = []
            for block in blocks {
                try block.bytes.withUnsafeBytes { try IndexBlock.rows(of: target, in: $0, into: &found) }
            }
            let expected = Array(Set(sorted.filter { $0.hash == target }.map(\.rid))).sorted()
            #expect(found.sorted() == expected, "hash \(target): \(found.count) rows of \(expected.count)")
        }
    }

    @Test func aDamagedBlockIsAnErrorNotAGuess() {
        let bytes: [UInt8] = IndexBlock.encode([IndexEntry(hash: 1, rid: 300)])[0].bytes
        #expect(throws: StoreError.self) { try Array(bytes.dropLast()).withUnsafeBytes { try IndexBlock.decode($0) } }
        #expect(throws: StoreError.self) { try (bytes + [0x80]).withUnsafeBytes { try IndexBlock.decode($0) } }
    }

    @Test func lookupsRemovalsAndMergesMatchASet() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try IndexSchema.create(db)
            let store = IndexEntryStore(db, busyTimeout: 1, looseLimit: 50, runLimit: 3)
            var expected = Set<IndexEntry>()
            // Five runs (more than the limit of three) and some loose rows, on source 1; source 2
            // holds the same hashes and must never answer for source 1.
            for run in 0..<5 {
                let entries = Self.entries(count: 2_000, seed: UInt64(run + 10)).sorted()
                try store.write(run: entries, source: 1)
                expected.formUnion(entries)
            }
            try store.write(run: Array(expected).sorted(), source: 2)
            var loose = Set<IndexEntry>()
            for entry in Self.entries(count: 40, seed: 99) {
                try store.add(source: 1, entry)
                if !expected.contains(entry) { loose.insert(entry) }
                expected.insert(entry)
            }
            func check() throws {
                let all = try store.all(source: 1)
                #expect(all == expected.sorted(), "\(all.count) stored of \(expected.count)")
                for hash in Set(expected.prefix(200).map(\.hash)).union([42, 7]) {
                    let want = expected.filter { $0.hash == hash }.map(\.rid).sorted()
                    let rows = try store.rows(source: 1, hash: hash)
                    #expect(rows == want, "hash \(hash): \(rows.count) rows of \(want.count)")
                }
            }
            try check()
            // Remove a third, including whole blocks of the popular hash and entries not there.
            let gone = expected.filter { $0.rid % 3 == 0 } + [IndexEntry(hash: 5, rid: 5)]
            try store.remove(source: 1, gone)
            expected.subtract(gone)
            loose.subtract(gone)
            try check()
            try store.remove(source: 1, gone)  // again: nothing changes
            try check()
            // Settle: the loose rows stay (at most 40 <= 50), the five runs become one.
            try store.settle(1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM index_runs WHERE source = 1") == 1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM index_entries WHERE source = 1") == loose.count)
            #expect(loose.count > 20)
            try check()
            // Past the loose limit the loose rows become a run of their own.
            for entry in Self.entries(count: 60, seed: 7) {
                try store.add(source: 1, entry)
                expected.insert(entry)
            }
            try store.settle(1)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM index_entries WHERE source = 1") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM index_runs WHERE source = 1") == 2)
            try check()
            try store.removeAll(source: 1)
            #expect(try store.all(source: 1).isEmpty)
            #expect(try store.all(source: 2).count == 10_000 - Self.repeatsIn(seeds: 10..<15))
        }
    }

    /// How many of the entries of those seeds' runs are repeats of another.
    static func repeatsIn(seeds: Range<UInt64>) -> Int {
        let all = seeds.flatMap { entries(count: 2_000, seed: $0) }
        return all.count - Set(all).count
    }

    /// The planner must seek each run's blocks by (source, run, first_hash): with the runs
    /// joined plainly it walked all of a source's blocks (30 ms a lookup at 10M calls).
    @Test func lookupsSeekEachRunsBlocks() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try IndexSchema.create(db)
            for sql in [IndexEntryStore.lookupSQL, IndexEntryStore.blocksSQL] {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [1, 2]).map {
                    $0["detail"] as String
                }
                let blockSearches = plan.filter { $0.contains("index_blocks_key") }
                #expect(blockSearches.count == 2, "\(plan)")
                #expect(blockSearches.allSatisfy { $0.contains("source=? AND run=? AND first_hash") }, "\(plan)")
            }
        }
    }
}
