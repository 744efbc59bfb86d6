/// What the engine has found so far: identifiers with provenance, rows with their status.
struct LocateState {
    /// How a row was reached, in row handles (keys are read once, for the report).
    enum Step: Equatable {
        case identifier(SubjectIdentifier)
        case reference(from: RowHandle, column: String, link: ReferenceLink)
    }

    /// Why a row is located.
    struct Reach: Equatable {
        var relation: MatchRelation
        /// The column of this row that matched (see ``LocatedRecord/record``).
        var column: String?
        var step: Step
    }

    /// Where an identifier came from.
    enum Origin {
        case given
        /// Learnt from `column` of a row the subject owns.
        case derived(RowHandle, column: String)
    }

    private(set) var identifiers: [(SubjectIdentifier, Origin)] = []
    private var known: Set<SubjectIdentifier> = []
    private var rows: [RowHandle: Reach] = [:]
    private var order: [RowHandle] = []
    /// Rows reached (or risen to the subject's own) whose references are not followed yet.
    private var pending: [RowHandle] = []
    private var taught: Set<RowHandle> = []
    private var keys: [RowHandle: RecordKey] = [:]

    /// Records an identifier; false when it was already known.
    @discardableResult
    mutating func learn(_ identifier: SubjectIdentifier, origin: Origin) -> Bool {
        guard known.insert(identifier).inserted else { return false }
        identifiers.append((identifier, origin))
        return true
    }

    /// Records a row; true when it is new or its status rose from related to subject.
    @discardableResult
    mutating func reach(_ handle: RowHandle, _ reach: Reach) -> Bool {
        if let existing = rows[handle] {
            guard existing.relation == .related, reach.relation == .subject else { return false }
        } else {
            order.append(handle)
        }
        rows[handle] = reach
        pending.append(handle)
        return true
    }

    /// The next row whose references are to be followed.
    mutating func nextPending() -> RowHandle? { pending.popLast() }

    /// True the first time a row the subject owns may teach identifiers.
    mutating func markTaught(_ handle: RowHandle) -> Bool { taught.insert(handle).inserted }

    /// Every located row, in the order found.
    var handles: [RowHandle] { order }

    /// Why a row is located.
    func reach(of handle: RowHandle) -> Reach? { rows[handle] }

    /// The primary key of a row (read once, then remembered).
    ///
    /// - Throws: ``LocateError/rowWithoutKey(table:)`` for a row that is gone or has no
    ///   usable key.
    mutating func key(of handle: RowHandle, map: DataMap, _ operations: any OperationsReader) throws -> RecordKey {
        guard let key = try keyIfPresent(of: handle, map: map, operations) else {
            throw LocateError.rowWithoutKey(table: handle.table)
        }
        return key
    }

    /// The primary key of a row; nil when the row no longer exists.
    ///
    /// - Throws: ``LocateError/rowWithoutKey(table:)`` for a row whose key is NULL or not
    ///   an integer or text.
    mutating func keyIfPresent(of handle: RowHandle, map: DataMap, _ operations: any OperationsReader) throws
        -> RecordKey?
    {
        if let key = keys[handle] { return key }
        guard let table = map.table(handle.table) else { throw LocateError.rowWithoutKey(table: handle.table) }
        guard let value = try operations.value(of: table.primaryKey, in: handle) else { return nil }
        guard let key = RecordKey(value) else { throw LocateError.rowWithoutKey(table: handle.table) }
        keys[handle] = key
        return key
    }

    /// The row as a reference by key.
    mutating func reference(
        of handle: RowHandle, column: String? = nil, map: DataMap, _ operations: any OperationsReader
    )
        throws -> RecordReference
    {
        RecordReference(table: handle.table, key: try key(of: handle, map: map, operations), column: column)
    }

    /// A step as reported, with keys.
    mutating func step(_ step: Step, map: DataMap, _ operations: any OperationsReader) throws -> LocateStep {
        switch step {
        case .identifier(let identifier): return .identifier(identifier)
        case .reference(let from, let column, let link):
            return .reference(
                ReferenceStep(from: try reference(of: from, map: map, operations), column: column, link: link))
        }
    }
}
