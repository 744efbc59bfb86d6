/// Which of the person's records an erasure must keep because a legal hold or a restriction
/// applies to them (issue 11).
extension ErasurePlanner {
    /// An own record of the subject that the plan would erase, read once.
    struct OwnRecord {
        let record: LocatedRecord
        let table: TableMap
        let row: StoredRecord
        /// Its identifier columns that hold the subject.
        let matching: Set<String>
        /// Whether the plan deletes the row (else it changes columns).
        let deletes: Bool

        var reference: RecordReference { record.record.row }
    }

    /// The records held, each with what holds it, and the restrictions set aside.
    struct HeldRecords {
        var limits: [RecordReference: ProcessingLimit] = [:]
        /// Restrictions in force on the person that `--override-restriction` set aside.
        var overridden: [String] = []
    }

    /// A parent row a held row points at, by the referenced table, column and value.
    private struct Link: Hashable {
        let table: String
        let column: String
        let value: CellValue
    }

    /// The records of `own` that are held:
    /// - a restriction in force on any located identifier of the person holds every own record
    ///   (unless `--override-restriction`): it is about the person, not a row;
    /// - a hold, or another person's restriction, holds a row whose identifier cells (every
    ///   matchable identifier column, whoever it names) hash to one of its identifiers;
    /// - a held record holds what locate reached through a reference from it (a held call's
    ///   recordings and voicemails, a voicemail's notification e-mail), and a row the plan
    ///   would delete that a held row points at (a held row is never orphaned).
    ///
    /// - Throws: ``StoreError``, ``DataMapError`` reading identifier cells.
    func heldRecords(
        _ own: [OwnRecord], _ identifiers: inout IdentifierReader, _ reader: any OperationsReader
    ) throws -> HeldRecords {
        var held = HeldRecords()
        guard !limits.isEmpty, !own.isEmpty else { return held }
        let day = limits.today
        let onPerson = limits.restrictions(onAny: subject.map(limits.hash), on: day)
        if overrideRestriction { held.overridden = onPerson.map(\.id) }
        let overridden = Set(held.overridden)
        let personal = overrideRestriction ? nil : onPerson.first.map(ProcessingLimit.restriction)
        for entry in own {
            var hashes: [String] = []
            for column in entry.table.identifiers where column.kind.isMatchable {
                hashes += try identifiers.identifiers(in: entry.row.number, table: entry.table, column: column, reader)
                    .map(limits.hash)
            }
            if let limit = limits.keeping(hashes, on: day, overriding: overridden) ?? personal {
                held.limits[entry.reference] = limit
            }
        }
        var spreading = !held.limits.isEmpty
        while spreading {
            spreading = false
            for entry in own where held.limits[entry.reference] == nil {
                guard case .reference(let step) = entry.record.step, let limit = held.limits[step.from.row] else {
                    continue
                }
                held.limits[entry.reference] = limit
                spreading = true
            }
            let pointedAt = links(from: own, held.limits)
            for entry in own where entry.deletes && held.limits[entry.reference] == nil {
                for (column, value) in zip(entry.row.columns, entry.row.values) where value != .null {
                    guard let limit = pointedAt[Link(table: entry.table.name, column: column, value: value)] else {
                        continue
                    }
                    held.limits[entry.reference] = limit
                    spreading = true
                    break
                }
            }
        }
        return held
    }

    /// The parent rows that held rows point at through the map's references.
    private func links(from own: [OwnRecord], _ limits: [RecordReference: ProcessingLimit]) -> [Link: ProcessingLimit] {
        var links: [Link: ProcessingLimit] = [:]
        for entry in own {
            guard let limit = limits[entry.reference] else { continue }
            for reference in entry.table.references {
                guard let value = entry.row[reference.column], value != .null else { continue }
                links[Link(table: reference.table, column: reference.targetColumn, value: value)] = limit
            }
        }
        return links
    }
}
