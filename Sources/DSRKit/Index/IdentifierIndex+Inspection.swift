import Foundation
import GRDB

extension IdentifierIndex {
    /// One stored entry with the column it belongs to.
    struct StoredEntry: Equatable {
        let source: IndexSource
        let entry: IndexEntry
    }

    /// Every entry of the index file at `url`, source by source and sorted: for tests and
    /// checks that look inside an index without opening a workspace. Reads the whole index.
    ///
    /// - Throws: ``StoreError``.
    static func storedEntries(at url: URL) throws -> [StoredEntry] {
        let queue = try Store.open(at: url, access: .readOnly, busyTimeout: Store.defaultBusyTimeout, wal: false)
        defer { try? queue.close() }
        return try queue.guardedRead { db in
            let store = IndexEntryStore(db, busyTimeout: Store.defaultBusyTimeout)
            var found: [StoredEntry] = []
            let sources = try Row.fetchAll(
                db, sql: "SELECT id, table_name, column_name, purpose FROM index_sources ORDER BY id")
            for row in sources {
                guard let purpose = IndexSource.Purpose(rawValue: row[3]) else { continue }
                let source = IndexSource(table: row[1], column: row[2], purpose: purpose)
                found += try store.all(source: row[0]).map { StoredEntry(source: source, entry: $0) }
            }
            return found
        }
    }
}
