/// The locate engine: from a subject's identifiers to every record tied to them.
///
/// Driven entirely by the data map; it names no table or column. Three phases, repeated
/// until nothing new is learnt:
/// 1. **Match**: every identifier column of a matching kind is searched for every known
///    identifier. A match makes the row the subject's own, or related context when the
///    map says the column only concerns the subject's business (a call forwarded to them,
///    a customer number).
/// 2. **Learn**: a row the subject owns teaches identifiers. In a table whose rows describe
///    one person (a contact) every identifier column teaches; in a table of records only
///    the columns the map marks `learn: true` (the IP address an order of theirs came
///    from). Organisations and related context never teach: no snowballing from a person
///    to a company. Each learnt identifier keeps its provenance.
/// 3. **Follow references** as the map rules them (a call's recordings are the caller's;
///    an owner's customer row is context). Related context travels only along `owned`
///    links, so it never spreads beyond one step of context.
final class Locator {
    private let map: DataMap
    private let finder: RowFinder
    private var reader: IdentifierReader
    private var state = LocateState()
    /// Identifiers learnt from records (`learn: true`): an order's IP address. A row they
    /// match that belongs to someone else through an owned reference (another person's
    /// order from the same office address) is context, not the subject's.
    private var learntFromRecords: Set<SubjectIdentifier> = []
    /// Values of referencing and referenced columns read so far (a call's id is read once
    /// for its recordings and once for its voicemails otherwise).
    private var values: [RowHandle: [String: CellValue]] = [:]

    init(map: DataMap, finder: RowFinder, defaultCountry: String) {
        self.map = map
        self.finder = finder
        self.reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
    }

    /// Runs the phases for `given` identifiers.
    ///
    /// - Throws: ``StoreError``, ``LocateError``.
    func locate(_ given: [SubjectIdentifier], _ operations: any OperationsReader) throws -> LocateState {
        for identifier in given { state.learn(identifier, origin: .given) }
        var frontier = Set(given)
        while !frontier.isEmpty {
            while !frontier.isEmpty { frontier = try match(frontier, operations) }
            frontier = try followReferences(operations)
        }
        return state
    }

    // MARK: - Match and learn

    /// Matches `identifiers` everywhere; returns the identifiers learnt on the way.
    private func match(_ identifiers: Set<SubjectIdentifier>, _ operations: any OperationsReader) throws
        -> Set<SubjectIdentifier>
    {
        var learnt = Set<SubjectIdentifier>()
        for table in map.tables {
            for column in table.identifiers {
                let wanted = identifiers.filter { column.kind.matches($0.kind) }
                guard !wanted.isEmpty else { continue }
                for (row, identifier) in try finder.rows(matching: wanted, table: table, column: column, operations) {
                    let handle = RowHandle(table: table.name, number: row)
                    var relation = column.relation
                    if relation == .subject, learntFromRecords.contains(identifier),
                        try ownedBySomeoneElse(handle, table, operations)
                    {
                        relation = .related
                    }
                    let reach = LocateState.Reach(
                        relation: relation, column: column.column, step: .identifier(identifier))
                    if state.reach(handle, reach) { learnt.formUnion(try teach(handle, table: table, operations)) }
                }
            }
        }
        return learnt
    }

    /// The new identifiers a row teaches, if it is the subject's own and its table teaches.
    private func teach(_ handle: RowHandle, table: TableMap, _ operations: any OperationsReader) throws
        -> Set<SubjectIdentifier>
    {
        guard state.reach(of: handle)?.relation == .subject, table.holds != .organisation else { return [] }
        let columns = table.identifiers.filter { column in
            column.kind.isMatchable && column.kind != .customer && (table.holds == .person || column.learn)
        }
        guard !columns.isEmpty, state.markTaught(handle) else { return [] }
        var learnt = Set<SubjectIdentifier>()
        for column in columns {
            for value in try reader.identifiers(in: handle.number, table: table, column: column, operations)
            where state.learn(value, origin: .derived(handle, column: column.column)) {
                learnt.insert(value)
                if table.holds == .record { learntFromRecords.insert(value) }
            }
        }
        return learnt
    }

    // MARK: - References

    /// Follows references from every row reached since the last pass; returns what the
    /// rows reached on the way taught.
    private func followReferences(_ operations: any OperationsReader) throws -> Set<SubjectIdentifier> {
        var learnt = Set<SubjectIdentifier>()
        while let handle = state.nextPending() {
            guard let relation = state.reach(of: handle)?.relation, let table = map.table(handle.table) else {
                continue
            }
            for reference in table.references {
                guard let status = reference.parent.carry(relation),
                    let value = try value(of: reference.column, in: handle, operations), !value.isNull,
                    let target = map.table(reference.table)
                else { continue }
                for row in try operations.rows(of: target.name, where: reference.targetColumn, equals: value) {
                    let reach = LocateState.Reach(
                        relation: status, column: reference.targetColumn,
                        step: .reference(from: handle, column: reference.column, link: .parent))
                    learnt.formUnion(try arrive(RowHandle(table: target.name, number: row), reach, target, operations))
                }
            }
            for child in map.tables {
                for reference in child.references where reference.table == table.name {
                    guard let status = reference.children.carry(relation),
                        let value = try value(of: reference.targetColumn, in: handle, operations), !value.isNull
                    else { continue }
                    for row in try finder.rows(of: child, where: reference.column, equals: value, operations) {
                        let reach = LocateState.Reach(
                            relation: status, column: reference.column,
                            step: .reference(from: handle, column: reference.column, link: .child))
                        learnt.formUnion(
                            try arrive(RowHandle(table: child.name, number: row), reach, child, operations))
                    }
                }
            }
        }
        return learnt
    }

    /// Whether `handle` belongs, through a reference whose children are owned (an order's
    /// contact), to a row that is not located as the subject's.
    private func ownedBySomeoneElse(_ handle: RowHandle, _ table: TableMap, _ operations: any OperationsReader)
        throws -> Bool
    {
        for reference in table.references where reference.children == .owned {
            guard let value = try value(of: reference.column, in: handle, operations), !value.isNull else { continue }
            let parents = try operations.rows(of: reference.table, where: reference.targetColumn, equals: value)
            let theirs = parents.contains {
                state.reach(of: RowHandle(table: reference.table, number: $0))?.relation == .subject
            }
            if !theirs { return true }
        }
        return false
    }

    private func value(of column: String, in handle: RowHandle, _ operations: any OperationsReader) throws
        -> CellValue?
    {
        if let known = values[handle]?[column] { return known }
        guard let value = try operations.value(of: column, in: handle) else { return nil }
        values[handle, default: [:]][column] = value
        return value
    }

    private func arrive(
        _ handle: RowHandle, _ reach: LocateState.Reach, _ table: TableMap, _ operations: any OperationsReader
    ) throws -> Set<SubjectIdentifier> {
        guard state.reach(handle, reach) else { return [] }
        return try teach(handle, table: table, operations)
    }
}

extension LinkRule {
    /// The status a row reached along this link gets from a row of status `relation`;
    /// nil when the link is not followed. Related context only travels along owned links.
    func carry(_ relation: MatchRelation) -> MatchRelation? {
        switch self {
        case .owned: relation
        case .related: relation == .subject ? .related : nil
        case .none: nil
        }
    }
}
