import Testing

@testable import DSRKit

@Suite struct IndexEntrySortingTests {
    /// A run as the build makes it: row numbers ascending, a row with one to three hashes,
    /// hashes that repeat (a caller calling again) and hashes of either sign.
    static func run(count: Int, seed: UInt64) -> [IndexEntry] {
        var generator = SplitMix64(state: seed)
        var entries: [IndexEntry] = []
        var row: Int64 = 1
        let repeated = (0..<50).map { _ in Int64(bitPattern: generator.next()) }
        while entries.count < count {
            for _ in 0..<(1 + Int(generator.next() % 3)) {
                let hash =
                    generator.next() % 4 == 0
                    ? repeated[Int(generator.next() % 50)] : Int64(bitPattern: generator.next())
                entries.append(IndexEntry(hash: hash, rid: row))
            }
            row += Int64(1 + generator.next() % 5)
        }
        return entries
    }

    @Test(arguments: [0, 1, 64, 65, 1_000, 100_000])
    func theRadixSortGivesTheComparisonSortsOrder(count: Int) {
        let entries = Self.run(count: count, seed: UInt64(count) + 1)
        var sorted = entries
        sorted.sortByHashThenRow()
        #expect(sorted == entries.sorted())
    }

    @Test func hashesSharingTheirHighBytesAndRowsOutOfOrderAreSortedToo() {
        // Every hash below 2^16: six of the eight passes are skipped.
        let narrow = (0..<5_000).map { IndexEntry(hash: Int64(($0 * 7_919) % 65_536) - 30_000, rid: Int64($0)) }
        var sorted = narrow
        sorted.sortByHashThenRow()
        #expect(sorted == narrow.sorted())
        // Rows not in order (not how a run is built): the comparison sort's order all the same.
        let shuffled = Self.run(count: 3_000, seed: 9).reversed().map { $0 }
        var again = shuffled
        again.sortByHashThenRow()
        #expect(again == shuffled.sorted())
    }
}
