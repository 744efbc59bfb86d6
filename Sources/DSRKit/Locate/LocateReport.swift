import Foundation
import GRDB

/// Turns the engine's state into the ``LocateResult`` that commands print and later
/// capabilities consume: keys instead of rowids, files resolved, warnings collected.
struct LocateReport {
    let map: DataMap
    let files: FileResolver

    func result(from state: inout LocateState, finder: RowFinder, method: String, _ db: Database) throws -> LocateResult
    {
        var records: [(Int, RecordKey, LocatedRecord)] = []
        var located: [(RowHandle, RecordKey, MatchRelation)] = []
        for handle in state.handles {
            guard let relation = state.relation(of: handle), let reason = state.reason(of: handle),
                let position = map.tables.firstIndex(where: { $0.name == handle.table })
            else { continue }
            let key = try state.key(of: handle, map: map, db)
            located.append((handle, key, relation))
            records.append(
                (
                    position, key,
                    LocatedRecord(
                        table: handle.table, key: key, relation: relation.rawValue, matchedOn: reason.matchedOn,
                        via: reason.via, reachedBy: reason.reachedBy)
                ))
        }
        records.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var identifiers: [LocatedIdentifier] = []
        for (identifier, origin) in state.identifiers {
            switch origin {
            case .given:
                identifiers.append(
                    LocatedIdentifier(
                        kind: identifier.kind.rawValue, value: identifier.value, origin: "given", source: nil, via: nil)
                )
            case .derived(let handle, let column, let via):
                let key = try state.key(of: handle, map: map, db)
                identifiers.append(
                    LocatedIdentifier(
                        kind: identifier.kind.rawValue, value: identifier.value, origin: "derived",
                        source: RecordReference(table: handle.table, key: key, column: column), via: via.canonical))
            }
        }
        let (locatedFiles, fileWarnings) = try resolveFiles(located, db)
        var warnings = try finder.unparseable(db).map { try warning(for: $0, state: &state, db) }
        warnings += fileWarnings
        return LocateResult(
            identifiers: identifiers, records: records.map(\.2), files: locatedFiles, warnings: warnings, mentions: [],
            method: method)
    }

    private func resolveFiles(
        _ located: [(RowHandle, RecordKey, MatchRelation)], _ db: Database
    ) throws -> ([LocatedFile], [LocateWarning]) {
        var result: [LocatedFile] = []
        var warnings: [LocateWarning] = []
        for (handle, key, relation) in located {
            guard let table = map.table(handle.table) else { continue }
            for column in table.files {
                guard
                    let path = try String.fetchOne(
                        db.cachedStatement(
                            sql:
                                "SELECT \(SQLName.quote(column.column)) FROM \(SQLName.quote(table.name)) WHERE rowid = ?"
                        ),
                        arguments: [handle.rowid])
                else { continue }
                let resolution = files.resolve(path)
                result.append(
                    LocatedFile(
                        table: table.name, key: key, path: path, format: column.format.rawValue,
                        status: resolution.status, relation: relation.rawValue))
                switch resolution {
                case .file: break
                case .missing:
                    warnings.append(
                        LocateWarning(
                            kind: "missing_file", table: table.name, column: column.column, keys: [key],
                            message: "the file named by this record does not exist under the files root"))
                case .refused(let why):
                    warnings.append(
                        LocateWarning(
                            kind: "refused_path", table: table.name, column: column.column, keys: [key],
                            message: "refused, never opened: \(why)"))
                }
            }
        }
        let order = { (file: LocatedFile) in map.tables.firstIndex { $0.name == file.table } ?? 0 }
        result.sort { (order($0), $0.key) < (order($1), $1.key) }
        return (result, warnings)
    }

    private func warning(for values: UnparseableValues, state: inout LocateState, _ db: Database) throws
        -> LocateWarning
    {
        let keys = try values.rowids.map { try state.key(of: RowHandle(table: values.table, rowid: $0), map: map, db) }
        let more = values.count > keys.count ? " (first \(keys.count) listed)" : ""
        return LocateWarning(
            kind: "unparseable", table: values.table, column: values.column, keys: keys,
            message:
                "\(values.count) stored value(s) hold no readable identifier\(more); first reason: \(values.reason)")
    }
}
