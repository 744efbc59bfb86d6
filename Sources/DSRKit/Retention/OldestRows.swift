/// One row past retention, as the purge takes it: the store's row number and the primary key.
struct RetentionRow: Sendable, Equatable {
    /// The store's row number (an internal handle; never reported).
    let number: Int64
    /// The row's primary key (what reports and the erasure engine name it by).
    let key: RecordKey
    /// Its start, in seconds since 1970 (oldest first).
    let start: Int64
}

/// The `limit` oldest of a stream of rows, in memory proportional to `limit` rather than to
/// the stream (10 million CDRs): a max-heap by start that drops the newest when full.
struct OldestRows {
    /// A row in the heap: its start and row number (ties by row number, so results are stable).
    struct Entry: Comparable {
        let start: Int64
        let number: Int64

        static func < (lhs: Entry, rhs: Entry) -> Bool { (lhs.start, lhs.number) < (rhs.start, rhs.number) }
    }

    let limit: Int
    private var heap: [Entry] = []

    init(limit: Int) { self.limit = max(0, limit) }

    /// Offers one row; kept when it is among the `limit` oldest so far.
    mutating func offer(start: Int64, number: Int64) {
        let entry = Entry(start: start, number: number)
        if heap.count < limit {
            heap.append(entry)
            siftUp(heap.count - 1)
        } else if let newest = heap.first, entry < newest {
            heap[0] = entry
            siftDown(0)
        }
    }

    /// The kept rows, oldest first.
    var sorted: [Entry] { heap.sorted() }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent] < heap[child] else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ index: Int) {
        var parent = index
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var largest = parent
            if left < heap.count, heap[largest] < heap[left] { largest = left }
            if right < heap.count, heap[largest] < heap[right] { largest = right }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}
