import GRDB

/// What the engine has found so far: identifiers with provenance, rows with their status.
struct LocateState {
    /// Why a row is located.
    struct Reason: Equatable {
        var matchedOn: String
        var via: String
        var reachedBy: String
    }

    /// Where an identifier came from.
    enum Origin {
        case given
        case derived(RowHandle, String, via: SubjectIdentifier)
    }

    private(set) var identifiers: [(SubjectIdentifier, Origin)] = []
    private var known: Set<SubjectIdentifier> = []
    private var rows: [RowHandle: (relation: MatchRelation, reason: Reason)] = [:]
    private var order: [RowHandle] = []
    private var expanded: Set<RowHandle> = []
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
    mutating func reach(_ handle: RowHandle, relation: MatchRelation, reason: Reason) -> Bool {
        if let existing = rows[handle] {
            guard existing.relation == .related, relation == .subject else { return false }
            rows[handle] = (relation, reason)
            return true
        }
        rows[handle] = (relation, reason)
        order.append(handle)
        return true
    }

    /// True the first time a person row is expanded.
    mutating func markExpanded(_ handle: RowHandle) -> Bool { expanded.insert(handle).inserted }

    /// Every located row, in the order found.
    var handles: [RowHandle] { order }

    /// The status of a row.
    func relation(of handle: RowHandle) -> MatchRelation? { rows[handle]?.relation }

    /// The reason a row is located.
    func reason(of handle: RowHandle) -> Reason? { rows[handle]?.reason }

    /// The primary key of a row (read once, then remembered).
    mutating func key(of handle: RowHandle, map: DataMap, _ db: Database) throws -> RecordKey {
        if let key = keys[handle] { return key }
        guard let table = map.table(handle.table) else { return .integer(handle.rowid) }
        let value = try DatabaseValue.fetchOne(
            db.cachedStatement(
                sql: "SELECT \(SQLName.quote(table.primaryKey)) FROM \(SQLName.quote(table.name)) WHERE rowid = ?"),
            arguments: [handle.rowid])
        let key: RecordKey =
            switch value?.storage {
            case .int64(let number): .integer(number)
            case .string(let text): .text(text)
            default: .integer(handle.rowid)
            }
        keys[handle] = key
        return key
    }
}
