/// Turns the engine's state into the ``LocateResult`` that commands print and later
/// capabilities consume: keys instead of row numbers, files resolved, warnings collected.
struct LocateReport {
    let map: DataMap
    let files: FileResolver

    func result(
        from state: inout LocateState, finder: RowFinder, method: LocateMethod, _ operations: any OperationsReader
    ) throws -> LocateResult {
        // Every located row's key is read below, and its files: one read per table on a server.
        for (table, handles) in Dictionary(grouping: state.handles, by: \.table).sorted(by: { $0.key < $1.key }) {
            try operations.prefetch(table, rows: handles.map(\.number))
        }
        var records: [(position: Int, record: LocatedRecord)] = []
        for handle in state.handles {
            guard let reach = state.reach(of: handle),
                let position = map.tables.firstIndex(where: { $0.name == handle.table })
            else { continue }
            records.append(
                (
                    position,
                    LocatedRecord(
                        record: try state.reference(of: handle, column: reach.column, map: map, operations),
                        relation: reach.relation, step: try state.step(reach.step, map: map, operations))
                ))
        }
        records.sort { ($0.position, $0.record.key) < ($1.position, $1.record.key) }
        var identifiers: [LocatedIdentifier] = []
        for (identifier, origin) in state.identifiers {
            switch origin {
            case .given:
                identifiers.append(LocatedIdentifier(identifier: identifier, origin: .given))
            case .derived(let handle, let column):
                guard let reach = state.reach(of: handle) else { continue }
                identifiers.append(
                    LocatedIdentifier(
                        identifier: identifier, origin: .derived,
                        source: try state.reference(of: handle, column: column, map: map, operations),
                        sourceStep: try state.step(reach.step, map: map, operations)))
            }
        }
        let (located, fileWarnings) = try resolveFiles(state: &state, operations)
        var warnings = try finder.unparseable().map { try warning(for: $0, state: &state, operations) }
        warnings += fileWarnings
        return LocateResult(
            identifiers: identifiers, records: records.map(\.record), files: located, warnings: warnings, mentions: [],
            method: method)
    }

    private func resolveFiles(state: inout LocateState, _ operations: any OperationsReader) throws
        -> ([LocatedFile], [LocateWarning])
    {
        var result: [LocatedFile] = []
        var warnings: [LocateWarning] = []
        for handle in state.handles {
            guard let relation = state.reach(of: handle)?.relation, let table = map.table(handle.table) else {
                continue
            }
            for column in table.files {
                guard case .text(let path)? = try operations.value(of: column.column, in: handle) else { continue }
                let record = try state.reference(of: handle, column: column.column, map: map, operations)
                let resolution = files.resolve(path)
                result.append(
                    LocatedFile(
                        record: record, path: path, format: column.format, status: resolution.status,
                        relation: relation))
                switch resolution {
                case .file: break
                case .missing:
                    warnings.append(
                        LocateWarning(
                            kind: .missingFile, table: table.name, column: column.column, keys: [record.key],
                            message: "the file named by this record does not exist under the files root"))
                case .refused(let why):
                    warnings.append(
                        LocateWarning(
                            kind: .refusedPath, table: table.name, column: column.column, keys: [record.key],
                            message: "refused, never opened: \(why)"))
                }
            }
        }
        let order = { (file: LocatedFile) in map.tables.firstIndex { $0.name == file.table } ?? 0 }
        result.sort { (order($0), $0.key) < (order($1), $1.key) }
        return (result, warnings)
    }

    private func warning(for values: UnparseableValues, state: inout LocateState, _ operations: any OperationsReader)
        throws -> LocateWarning
    {
        // A row deleted since it was indexed is no longer a problem to report.
        let keys = try values.rows.compactMap {
            try state.keyIfPresent(of: RowHandle(table: values.table, number: $0), map: map, operations)
        }
        let more = values.count > keys.count ? " (first \(keys.count) listed)" : ""
        return LocateWarning(
            kind: .unparseable, table: values.table, column: values.column, keys: keys,
            message:
                "\(values.count) stored value(s) hold no readable identifier\(more); first reason: \(values.reason)")
    }
}
