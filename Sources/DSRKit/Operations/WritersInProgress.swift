/// The write transactions that were in progress when a read's snapshot was taken: rows they
/// commit later can carry row numbers below ones the read already saw (two writers take ids
/// 100 and 101 from a sequence and 101 commits first), so the index must look at those
/// numbers again once these writers are done.
///
/// Empty on SQLite, where one writer at a time commits and a later row always gets a higher
/// rowid. On PostgreSQL, the transaction ids of `pg_snapshot_xip(pg_current_snapshot())`.
struct WritersInProgress: Sendable, Equatable {
    /// The transactions' ids, in ascending order.
    let transactions: [UInt64]

    init(_ transactions: [UInt64]) { self.transactions = Array(Set(transactions)).sorted() }

    static let none = WritersInProgress([])

    var isEmpty: Bool { transactions.isEmpty }

    /// Whether every one of these writers had ended (committed or rolled back) by the snapshot
    /// whose writers in progress are `later`: a transaction that was running before and is not
    /// running now has ended, and what it committed is visible to the later snapshot.
    func haveEnded(by later: WritersInProgress) -> Bool {
        Set(transactions).isDisjoint(with: later.transactions)
    }

    /// As index.db stores it: the ids, comma-separated.
    var text: String { transactions.map(String.init).joined(separator: ",") }

    /// ``text`` read back; nil for text that is not such a list.
    init?(text: String) {
        if text.isEmpty {
            self.init([])
            return
        }
        var ids: [UInt64] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let id = UInt64(part) else { return nil }
            ids.append(id)
        }
        self.init(ids)
    }
}
