import Foundation

/// Consecutive changing steps of a plan that one statement can carry out: the same table,
/// action and column, so the same new value (a redaction's value is its own row's, so a
/// redaction stands alone). The plan's order between tables (children first) is kept.
struct ErasureStepBatch: Equatable {
    let table: String
    let action: ErasureStepAction
    let column: String?
    var keys: [RecordKey]

    /// `steps` that change the database, grouped where consecutive steps can share a statement.
    static func batches(of steps: [ErasureStep]) -> [ErasureStepBatch] {
        var batches: [ErasureStepBatch] = []
        var keysOfLast: Set<RecordKey> = []
        for step in steps where step.changes {
            if step.action != .redact, let last = batches.last, last.action == step.action,
                last.table == step.table, last.column == step.column, !keysOfLast.contains(step.key)
            {
                batches[batches.count - 1].keys.append(step.key)
                keysOfLast.insert(step.key)
                continue
            }
            batches.append(
                ErasureStepBatch(table: step.table, action: step.action, column: step.column, keys: [step.key]))
            keysOfLast = [step.key]
        }
        return batches
    }
}

extension Session {
    /// Carries out the changing steps of a plan inside its write transaction, a statement per
    /// batch of like steps where the store can (``ErasureStepBatch``).
    ///
    /// - Throws: ``ErasureError/stepFailed(table:key:)`` when a step found no row to change,
    ///   ``ErasureError/keyNotUnique(table:key:)`` when it found more than one (the transaction
    ///   then rolls back); ``ErasureError/doesNotFit(table:column:reason:)``
    ///   when the new value breaks a constraint.
    func run(
        _ steps: [ErasureStep], map: DataMap, token: String, subject: Set<SubjectIdentifier>,
        _ writer: any OperationsWriter
    ) throws {
        for batch in ErasureStepBatch.batches(of: steps) {
            try run(batch, map: map, token: token, subject: subject, writer)
        }
    }

    private func run(
        _ batch: ErasureStepBatch, map: DataMap, token: String, subject: Set<SubjectIdentifier>,
        _ writer: any OperationsWriter
    ) throws {
        guard let table = map.table(batch.table) else { return }
        let changed: [RecordKey: Int]
        do {
            switch batch.action {
            case .deleteRow:
                changed = try writer.delete(from: table.name, primaryKey: table.primaryKey, keys: batch.keys)
            case .setNull, .pseudonymise:
                guard let column = batch.column else { return }
                changed = try writer.update(
                    table.name, primaryKey: table.primaryKey, keys: batch.keys, set: column,
                    to: batch.action == .pseudonymise ? .text(token) : .null)
            case .redact:
                guard let column = batch.column, let key = batch.keys.first else { return }
                let current = try writer.record(in: table.name, primaryKey: table.primaryKey, key: key)?[column]
                let addressList = table.identifiers.contains { $0.column == column && $0.addressList }
                let value = CellValue.text(
                    Redaction.redacted(current?.storedText ?? "", subject, addressList: addressList))
                changed = try [key].eachChanging {
                    try writer.update(table.name, primaryKey: table.primaryKey, key: $0, set: column, to: value)
                }
            case .retain, .held:
                return
            }
        } catch let error as StoreError {
            // SQLITE_CONSTRAINT (19): the new value does not fit (NOT NULL, CHECK, UNIQUE, a foreign key).
            if case .sqlite(_, let code, let message) = error, code & 0xFF == 19 {
                throw ErasureError.doesNotFit(table: table.name, column: batch.column ?? "(row)", reason: message)
            }
            throw error
        }
        // Each step changes its one row: none means it is gone, two that the map's key is not
        // unique (the other row may be someone else's). Either way the transaction rolls back.
        if let key = batch.keys.first(where: { (changed[$0] ?? 0) > 1 }) {
            throw ErasureError.keyNotUnique(table: table.name, key: key.forMessages)
        }
        if let key = batch.keys.first(where: { changed[$0] == nil }) {
            throw ErasureError.stepFailed(table: table.name, key: key.forMessages)
        }
    }
}
