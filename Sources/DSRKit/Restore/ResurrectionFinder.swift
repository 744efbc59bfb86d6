/// Finds the rows that hold a suppressed identifier now, through the identifier index, and
/// tells a restored row from a new one by the row's own date (``RecordDate``).
///
/// The suppression list keeps full keyed hashes; their first 8 bytes are the index's key
/// (``KeyedHasher/index64(fromHex:)``), so each hash is one lookup per identifier column.
/// Every candidate is re-read and its identifiers hashed again: an index entry alone never
/// makes a match (a truncated hash may collide, a row may have changed since).
struct ResurrectionFinder {
    /// A row that holds one of the erased identifiers.
    struct Match: Equatable {
        let handle: RowHandle
        let identifier: SubjectIdentifier
    }

    let map: DataMap
    let index: IdentifierIndex
    let hasher: KeyedHasher
    private var reader: IdentifierReader
    private let dates: RecordDate

    init(map: DataMap, index: IdentifierIndex, hasher: KeyedHasher, defaultCountry: String) {
        self.map = map
        self.index = index
        self.hasher = hasher
        self.reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
        self.dates = RecordDate(map: map)
    }

    /// The rows whose identifier columns hold an identifier hashing to one of `hashes`, in
    /// map order then row number. Only columns whose matches are the subject's own are
    /// searched: a related column (a call forwarded to the person) is another party's record,
    /// which the erasure left alone, so finding the person there means nothing came back.
    ///
    /// - Throws: ``StoreError``, ``DataMapError``.
    mutating func matches(_ hashes: Set<String>, _ operations: any OperationsReader) throws -> [Match] {
        let keys = Set(hashes.compactMap(KeyedHasher.index64(fromHex:))).sorted()
        var found: [Match] = []
        for table in map.tables {
            for column in table.identifiers where column.kind.isMatchable && column.relation == .subject {
                let source = IndexSource(table: table.name, column: column.column, purpose: .identifier)
                var rows: Set<Int64> = []
                for key in keys { rows.formUnion(try index.candidates(source, hash: key)) }
                for row in rows.sorted() {
                    let handle = RowHandle(table: table.name, number: row)
                    let values = try reader.identifiers(in: row, table: table, column: column, operations)
                    for value in values where hashes.contains(hasher.hex(value.canonical)) {
                        found.append(Match(handle: handle, identifier: value))
                    }
                }
            }
        }
        return found
    }

    /// Whether `handle` is dated after `erasedAt`: a new contact, not a restored record. A
    /// row without a readable date, or an erasure time that does not read, counts as restored
    /// (the conservative side: it is erased again rather than left).
    ///
    /// - Throws: ``StoreError``.
    func isNewContact(_ handle: RowHandle, erasedAt: String, _ operations: any OperationsReader) throws -> Bool {
        guard let erased = Timestamp(erasedAt), let table = map.table(handle.table),
            let dated = try dates.date(of: handle.number, in: table, operations)
        else { return false }
        return dated.seconds > erased.seconds
    }
}
