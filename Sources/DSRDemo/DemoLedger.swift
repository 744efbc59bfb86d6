import DSRKit

/// Records, while rows are generated, which rows belong to which planted subject and which
/// are only related context; turns that into ``PlantedSubject`` values at the end.
///
/// Keys are kept per subject and table in arrays (never iterated from a dictionary), so
/// the report is the same on every run.
final class DemoLedger {
    private var expected: [[[String]]]
    private var related: [[[String]]]

    init() {
        let empty = Array(repeating: [String](), count: DemoSchema.tables.count)
        expected = Array(repeating: empty, count: DemoPlanted.count)
        related = Array(repeating: empty, count: DemoPlanted.count)
    }

    private static func table(_ name: String) -> Int {
        guard let index = DemoSchema.tables.firstIndex(of: name) else {
            preconditionFailure("unknown table \(name)")
        }
        return index
    }

    /// The row `key` of `table` belongs to `subject`.
    func expect(_ subject: Int, _ table: String, _ key: Int) {
        expected[subject][Self.table(table)].append(String(key))
    }

    /// The row `key` of `table` belongs to `subject` (text keys: service numbers).
    func expect(_ subject: Int, _ table: String, _ key: String) {
        expected[subject][Self.table(table)].append(key)
    }

    /// The row `key` of `table` is related context for `subject`.
    func relate(_ subject: Int, _ table: String, _ key: Int) {
        related[subject][Self.table(table)].append(String(key))
    }

    /// Expected keys of a subject in a table (for tests).
    func expectedKeys(_ subject: Int, _ table: String) -> [String] {
        expected[subject][Self.table(table)]
    }

    /// The planted subjects with their sorted key lists.
    func subjects() -> [PlantedSubject] {
        (0..<DemoPlanted.count).map { subject in
            PlantedSubject(
                label: DemoPlanted.labels[subject], summary: DemoPlanted.summaries[subject],
                identifiers: DemoPlanted.identifiers[subject],
                expectedRecords: Self.dictionary(expected[subject]),
                relatedRecords: Self.dictionary(related[subject]))
        }
    }

    private static func dictionary(_ lists: [[String]]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for (index, keys) in lists.enumerated() where !keys.isEmpty {
            let unique = Array(Set(keys))
            result[DemoSchema.tables[index]] = unique.sorted { left, right in
                if left.count != right.count, Int(left) != nil, Int(right) != nil {
                    return left.count < right.count
                }
                return left < right
            }
        }
        return result
    }
}
