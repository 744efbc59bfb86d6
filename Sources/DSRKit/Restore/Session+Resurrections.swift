extension Session {
    /// The restore check: every erasure on the suppression list whose records are back in the
    /// operations database, or whose person appears again in rows dated after it.
    ///
    /// In one read transaction of the operations database, with the identifier index
    /// refreshed first (as locate does): each suppressed hash is looked up in every identifier
    /// column of the index and each candidate row re-read and confirmed
    /// (``ResurrectionFinder``). A confirmed row dated after the erasure is a new contact; one
    /// dated before it, or without a readable date, came back; so did the rows it owns along
    /// the map's references (``OwnedRecordWalk``). Of those, the records today's rules would
    /// erase are reported; the ones they keep (retained, held, processor data) are counted as
    /// `kept`. A row matched for several erasures belongs to the newest one. An empty
    /// suppression list costs one query of state.db.
    ///
    /// Records held as processor (a call's recordings) count as back when the erasure included
    /// them (`--include-processor-data`), else as kept.
    ///
    /// - Returns: one value per erasure with records back or new contacts, oldest first.
    /// - Throws: ``StoreError``, ``DataMapError``, ``ErasureError``, key errors.
    package func resurrections() throws -> [Resurrection] {
        let suppressed = try state().suppressionList()
        guard !suppressed.isEmpty else { return [] }
        let erasures = Dictionary(grouping: suppressed) {
            SuppressedErasure(
                requestID: $0.requestID, erasedAt: $0.erasedAt, digest: $0.digest,
                includedProcessorData: $0.includeProcessorData ?? false)
        }.sorted { ($0.key.erasedAt, $0.key.digest) > ($1.key.erasedAt, $1.key.digest) }
        let map = try dataMap()
        let index = try index()
        let hasher = try hasher()
        let limits = try processingLimits()
        return try readingOperations { reader, fingerprint in
            try explainingMapMismatch(reader) {
                try index.refresh(reader, fingerprint: fingerprint)
                return try index.lookingUp {
                    var finder = ResurrectionFinder(
                        map: map, index: index, hasher: hasher, defaultCountry: defaultCountry)
                    let walk = OwnedRecordWalk(
                        map: map, finder: IndexFinder(index: index, map: map, defaultCountry: defaultCountry))
                    var claimed: Set<RowHandle> = []
                    var found: [Resurrection] = []
                    for (erasure, rows) in erasures {
                        let matches = try finder.matches(Set(rows.map(\.hash)), reader).filter {
                            !claimed.contains($0.handle)
                        }
                        claimed.formUnion(matches.map(\.handle))
                        var back: [ResurrectionFinder.Match] = []
                        var newer: Set<RowHandle> = []
                        for match in matches {
                            if try finder.isNewContact(match.handle, erasedAt: erasure.erasedAt, reader) {
                                newer.insert(match.handle)
                            } else {
                                back.append(match)
                            }
                        }
                        var resurrection = try restoredRecords(erasure, back, walk: walk, reader)
                        claimed.formUnion(resurrection.handles)
                        resurrection.value.newContacts = newer.subtracting(resurrection.handles).count
                        try keepOnlyWhatIsErasedAgain(&resurrection.value, limits: limits, reader)
                        if resurrection.value.isResurrected || resurrection.value.newContacts > 0 {
                            found.append(resurrection.value)
                        }
                    }
                    return found.reversed()
                }
            }
        }
    }

    /// The restored rows (`back`) and the rows they own, as a resurrection of `erasure`.
    private func restoredRecords(
        _ erasure: SuppressedErasure, _ back: [ResurrectionFinder.Match], walk: OwnedRecordWalk,
        _ reader: any OperationsReader
    ) throws -> (value: Resurrection, handles: Set<RowHandle>) {
        let map = try dataMap()
        var keys: [RowHandle: RecordReference] = [:]
        func reference(_ handle: RowHandle) throws -> RecordReference? {
            if let known = keys[handle] { return known }
            guard let table = map.table(handle.table),
                let key = try reader.value(of: table.primaryKey, in: handle).flatMap({ RecordKey($0) })
            else { return nil }
            keys[handle] = RecordReference(table: handle.table, key: key)
            return keys[handle]
        }
        var records: [ResurrectedRecord] = []
        var identifiers: [SubjectIdentifier] = []
        var handles: [RowHandle] = []
        for match in back {
            if !identifiers.contains(match.identifier) { identifiers.append(match.identifier) }
            guard !handles.contains(match.handle), let found = try reference(match.handle) else { continue }
            handles.append(match.handle)
            records.append(
                ResurrectedRecord(reference: found, row: match.handle.number, step: .identifier(match.identifier)))
        }
        for reached in try walk.reached(from: handles, reader) {
            guard let found = try reference(reached.handle), let from = try reference(reached.from) else { continue }
            handles.append(reached.handle)
            records.append(
                ResurrectedRecord(
                    reference: found, row: reached.handle.number,
                    step: .reference(ReferenceStep(from: from, column: reached.column, link: reached.link))))
        }
        let order = Dictionary(uniqueKeysWithValues: map.tables.enumerated().map { ($1.name, $0) })
        records.sort { (order[$0.table] ?? .max, $0.key) < (order[$1.table] ?? .max, $1.key) }
        identifiers.sort { $0.canonical < $1.canonical }
        let value = Resurrection(erasure: erasure, records: records, identifiers: identifiers, newContacts: 0, kept: 0)
        return (value, Set(handles))
    }

    /// Leaves in `resurrection` only the records a re-erasure with today's rules changes;
    /// the others are counted as kept.
    private func keepOnlyWhatIsErasedAgain(
        _ resurrection: inout Resurrection, limits: ProcessingLimits, _ reader: any OperationsReader
    ) throws {
        guard !resurrection.records.isEmpty else { return }
        let planned = try planReErasure(resurrection, limits: limits, reader)
        var changed = Set(planned.plan.steps.filter(\.changes).map { RecordReference(table: $0.table, key: $0.key) })
        changed.formUnion(planned.plan.files.map { RecordReference(table: $0.table, key: $0.key) })
        let before = resurrection.records.count
        resurrection.records.removeAll { !changed.contains($0.reference) }
        resurrection.kept = before - resurrection.records.count
    }
}
