extension Session {
    /// The plan that erases a resurrection's records again, with today's data map, holds and
    /// restrictions: the erasure engine's own planner (``ErasurePlanner``) run on a locate
    /// result that holds exactly those records as the person's own and the identifiers found
    /// in them as the person. Nothing else of the person is looked for, so a new contact
    /// (dated after the erasure) is not in it. Reads in its own read transaction; changes
    /// nothing (the purge applies plans). Records held as processor are erased when the
    /// erasure included them (``SuppressedErasure/includedProcessorData``).
    ///
    /// - Parameter limits: the holds and restrictions to respect (default: the register's, today).
    /// - Throws: ``StoreError``, ``ErasureError`` (a value that would not fit, an orphan),
    ///   ``DataMapError``.
    func reErasurePlan(_ resurrection: Resurrection, limits: ProcessingLimits? = nil) throws -> PlannedErasure {
        let limits = try limits ?? processingLimits()
        return try readingOperations { reader, _ in
            try explainingMapMismatch(reader) {
                try planReErasure(resurrection, limits: limits, reader)
            }
        }
    }

    /// ``reErasurePlan(_:limits:)`` inside a transaction the caller holds.
    ///
    /// - Throws: as ``reErasurePlan(_:limits:)``.
    func planReErasure(_ resurrection: Resurrection, limits: ProcessingLimits, _ reader: any OperationsReader) throws
        -> PlannedErasure
    {
        let result = LocateResult(
            identifiers: resurrection.identifiers.map { LocatedIdentifier(identifier: $0, origin: .given) },
            records: resurrection.records.map {
                LocatedRecord(record: $0.reference, relation: .subject, step: $0.step)
            },
            files: [], warnings: [], mentions: [], method: .index)
        return try ErasurePlanner(
            map: try dataMap(), defaultCountry: defaultCountry, subject: Set(resurrection.identifiers),
            includeProcessorData: resurrection.erasure.includedProcessorData, limits: limits
        ).plan(result, reader)
    }
}
