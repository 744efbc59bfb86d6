import Foundation
import GRDB

/// The locate engine: from a subject's identifiers to every record tied to them.
///
/// Driven entirely by the data map; it names no table or column. Three phases:
/// 1. **Match**: every identifier column of a matching kind is searched for every known
///    identifier. A match makes the row the subject's own (or related context, when the map
///    says the column only concerns the subject's business, like a call forwarded to them).
/// 2. **Expand**: a row the subject owns in a table whose rows describe one person (a
///    contact) teaches the subject's other identifiers (the contact's phone), which are
///    matched in turn, each with its provenance. Records that only mention someone, and
///    organisations, never teach identities: no snowballing from a person to a company.
/// 3. **Follow references**: along each reference as the map rules it (a call's recordings
///    are the caller's; an owner's customer row is context). Related context travels only
///    along `owned` links, so it never spreads beyond one step of context.
final class Locator {
    private let map: DataMap
    private let finder: RowFinder
    private var reader: IdentifierReader
    private var state = LocateState()

    init(map: DataMap, finder: RowFinder, defaultCountry: String) {
        self.map = map
        self.finder = finder
        self.reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
    }

    /// Runs the match, expand and follow phases for `given` identifiers.
    ///
    /// - Throws: ``StoreError`` (through GRDB), ``LocateError/badMap(_:)``.
    func locate(_ given: [SubjectIdentifier], _ db: Database) throws -> LocateState {
        for identifier in given { state.learn(identifier, origin: .given) }
        var frontier = Set(given)
        while !frontier.isEmpty {
            frontier = try match(frontier, db)
        }
        try followReferences(db)
        return state
    }

    // MARK: - Match and expand

    /// Matches `identifiers` everywhere; returns the identifiers learnt on the way.
    private func match(_ identifiers: Set<SubjectIdentifier>, _ db: Database) throws -> Set<SubjectIdentifier> {
        var learnt = Set<SubjectIdentifier>()
        for table in map.tables {
            for column in table.identifiers {
                let wanted = identifiers.filter { column.kind.matches($0.kind) }
                guard !wanted.isEmpty else { continue }
                for (rowid, identifier) in try finder.rows(matching: wanted, table: table, column: column, db) {
                    let handle = RowHandle(table: table.name, rowid: rowid)
                    // A customer number names an organisation, not a person: what it finds is
                    // that organisation's business (context), and it teaches no identities.
                    let relation: MatchRelation = column.kind == .customer ? .related : column.relation
                    state.reach(
                        handle, relation: relation,
                        reason: .init(matchedOn: column.column, via: identifier.canonical, reachedBy: "identifier"))
                    if relation == .subject, table.holds == .person, state.markExpanded(handle) {
                        learnt.formUnion(try expand(handle, table: table, foundBy: identifier, db))
                    }
                }
            }
        }
        return learnt
    }

    /// Reads the other identifiers of a person row the subject owns.
    private func expand(
        _ handle: RowHandle, table: TableMap, foundBy: SubjectIdentifier, _ db: Database
    ) throws -> Set<SubjectIdentifier> {
        var learnt = Set<SubjectIdentifier>()
        for column in table.identifiers where column.kind.isMatchable && column.kind != .customer {
            let query = try reader.query(table, column)
            guard let row = try Row.fetchOne(db.cachedStatement(sql: query.byRowID), arguments: [handle.rowid]),
                case .identifiers(let values) = reader.read(row, column: column)
            else { continue }
            for value in values where state.learn(value, origin: .derived(handle, column.column, via: foundBy)) {
                learnt.insert(value)
            }
        }
        return learnt
    }

    // MARK: - References

    private func followReferences(_ db: Database) throws {
        var work = state.handles
        while let handle = work.popLast() {
            guard let relation = state.relation(of: handle), let table = map.table(handle.table) else { continue }
            let via = "\(handle.table):\(try state.key(of: handle, map: map, db))"
            for reference in table.references {
                guard let status = reference.parent.carry(relation),
                    let value = try value(of: reference.column, in: handle, db), !value.isNull,
                    let target = map.table(reference.table)
                else { continue }
                let parents = try Int64.fetchAll(
                    db.cachedStatement(
                        sql:
                            "SELECT rowid FROM \(SQLName.quote(target.name)) WHERE \(SQLName.quote(reference.targetColumn)) = ?"
                    ),
                    arguments: [value])
                for rowid in parents {
                    let reached = RowHandle(table: target.name, rowid: rowid)
                    if state.reach(
                        reached, relation: status,
                        reason: .init(matchedOn: reference.column, via: via, reachedBy: "reference"))
                    {
                        work.append(reached)
                    }
                }
            }
            for child in map.tables {
                for reference in child.references where reference.table == table.name {
                    guard let status = reference.children.carry(relation),
                        let value = try value(of: reference.targetColumn, in: handle, db), !value.isNull
                    else { continue }
                    for rowid in try finder.rows(of: child, where: reference.column, equals: value, db) {
                        let reached = RowHandle(table: child.name, rowid: rowid)
                        if state.reach(
                            reached, relation: status,
                            reason: .init(matchedOn: reference.column, via: via, reachedBy: "reference"))
                        {
                            work.append(reached)
                        }
                    }
                }
            }
        }
    }

    private func value(of column: String, in handle: RowHandle, _ db: Database) throws -> DatabaseValue? {
        try DatabaseValue.fetchOne(
            db.cachedStatement(
                sql: "SELECT \(SQLName.quote(column)) FROM \(SQLName.quote(handle.table)) WHERE rowid = ?"),
            arguments: [handle.rowid])
    }
}

extension IdentifierKind {
    /// Whether stored values of this kind can match a subject's identifier (names cannot).
    var isMatchable: Bool { self != .name }

    /// Whether a column of this kind can hold an identifier of `kind`.
    func matches(_ kind: SubjectIdentifier.Kind) -> Bool {
        switch self {
        case .email: kind == .email
        case .phone: kind == .phone
        case .ip: kind == .ip
        case .customer: kind == .customer
        case .name: false
        }
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
