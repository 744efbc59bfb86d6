/// A rectification plan with what the apply needs besides it.
struct PlannedRectification {
    var plan: RectificationPlan
    /// Per table, the row numbers changed and their columns (the index learns these rows again).
    var rows: [String: [Int64: Set<String>]]
    /// The new identifiers written (an open request is extended with them).
    var newIdentifiers: [SubjectIdentifier]
}

/// Builds a rectification plan from what locate found and the data map; names no table itself.
///
/// Only the subject's own records are touched (related context is another party's). For
/// `--replace`, every identifier column of the kind whose cell holds the old identifier gets
/// a step where the map says `rectify: true`, and is listed as not changeable otherwise; for
/// `--set`, the column must be rectifiable and hold no identifier. New values are read as
/// their column reads values (a phone in the row's country) and written in canonical form.
struct RectificationPlanner {
    let map: DataMap
    let defaultCountry: String
    let subject: Set<SubjectIdentifier>
    let hasher: KeyedHasher

    func plan(_ changes: [RectificationChange], _ result: LocateResult, _ reader: any OperationsReader) throws
        -> PlannedRectification
    {
        var steps: [RectificationStep] = []
        var notChangeable: [String: (column: NotChangeableColumn, keys: Set<RecordKey>)] = [:]
        var order: [String] = []
        var rows: [String: [Int64: Set<String>]] = [:]
        var newIdentifiers: [SubjectIdentifier] = []
        var identifiers = IdentifierReader(map: map, defaultCountry: defaultCountry)
        var constraints: [String: [ColumnConstraints]] = [:]
        let own = result.records.filter { $0.relation != .related }

        func refuse(_ table: TableMap, _ column: String, _ key: RecordKey, _ reason: String) {
            let name = table.name + "." + column
            if notChangeable[name] == nil { order.append(name) }
            var entry =
                notChangeable[name]
                ?? (NotChangeableColumn(table: table.name, column: column, records: 0, reason: reason), [])
            entry.keys.insert(key)
            entry.column = NotChangeableColumn(
                table: table.name, column: column, records: entry.keys.count, reason: entry.column.reason)
            notChangeable[name] = entry
        }

        for (position, change) in changes.enumerated() {
            switch change {
            case .replace(let old, let new):
                guard subject.contains(old) else {
                    throw RectificationError.notTheSubjects(kind: old.kind.rawValue, position: position + 1)
                }
                for record in own {
                    guard let table = map.table(record.table),
                        let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: record.key)
                    else { continue }
                    for column in table.identifiers where column.kind.matches(old.kind) {
                        let held = try identifiers.identifiers(in: row.number, table: table, column: column, reader)
                        guard held.contains(old) else { continue }
                        if let reason = Self.whyNotChangeable(
                            table, column: column.column, addressList: column.addressList)
                        {
                            refuse(table, column.column, record.key, reason)
                            continue
                        }
                        let country = try identifiers.country(in: row.number, table: table, column: column, reader)
                        let written = try Self.stored(
                            new, kind: old.kind, country: country, table, column.column, record.key)
                        try checkFits(written.text, table, column.column, &constraints, reader)
                        if !newIdentifiers.contains(written.identifier) { newIdentifiers.append(written.identifier) }
                        steps.append(
                            RectificationStep(
                                table: table.name, key: record.key, column: column.column,
                                old: row[column.column]?.storedText, new: written.text,
                                identifiers: IdentifierChange(old: old, new: written.identifier)))
                        rows[table.name, default: [:]][row.number, default: []].insert(column.column)
                    }
                }
            case .set(let tableName, let columnName, let value):
                guard let table = map.table(tableName) else {
                    throw RectificationError.notChangeable(
                        table: tableName, column: columnName, reason: "the data map does not describe this table")
                }
                if let identifier = table.identifiers.first(where: { $0.column == columnName && $0.kind.isMatchable }) {
                    throw RectificationError.notChangeable(
                        table: tableName, column: columnName,
                        reason:
                            "it holds \(identifier.kind.rawValue) identifiers: use --replace \(identifier.kind.rawValue):OLD=NEW"
                    )
                }
                if let reason = Self.whyNotChangeable(table, column: columnName, addressList: false) {
                    throw RectificationError.notChangeable(table: tableName, column: columnName, reason: reason)
                }
                try checkFits(value, table, columnName, &constraints, reader)
                for record in own where record.table == table.name {
                    guard let row = try reader.record(in: table.name, primaryKey: table.primaryKey, key: record.key)
                    else { continue }
                    let current = row[columnName]?.storedText
                    guard current != value,
                        !steps.contains(where: {
                            $0.table == table.name && $0.key == record.key && $0.column == columnName
                        })
                    else { continue }
                    steps.append(
                        RectificationStep(
                            table: table.name, key: record.key, column: columnName, old: current, new: value,
                            identifiers: nil))
                    rows[table.name, default: [:]][row.number, default: []].insert(columnName)
                }
            }
        }
        let changed = Set(steps.map(\.table))
        var notify: [String] = []
        for table in map.tables where changed.contains(table.name) {
            for recipient in table.recipients where !notify.contains(recipient) { notify.append(recipient) }
        }
        let plan = RectificationPlan(
            steps: steps, notChangeable: order.compactMap { notChangeable[$0]?.column }, notify: notify,
            valueHash: hasher.hex)
        return PlannedRectification(plan: plan, rows: rows, newIdentifiers: newIdentifiers)
    }

    /// Why the map does not let rectification change `column` of `table`; nil when it may.
    static func whyNotChangeable(_ table: TableMap, column: String, addressList: Bool) -> String? {
        if table.role == .processor {
            return "held as processor for the number owner, who as controller decides (Art. 28)"
        }
        if addressList { return "an e-mail header: the record of a message as it was sent" }
        guard table.columns.first(where: { $0.column == column })?.rectifiable == true else {
            return table.holds == .record
                ? "a record of what happened (rectify: false in the data map)"
                : "the data map does not let rectification change it (rectify: false)"
        }
        return nil
    }

    /// The new value as the column will store it, and the identifier it is.
    static func stored(
        _ typed: String, kind: SubjectIdentifier.Kind, country: String, _ table: TableMap, _ column: String,
        _ key: RecordKey
    ) throws -> (text: String, identifier: SubjectIdentifier) {
        let identifier: SubjectIdentifier
        do {
            if kind == .email {
                // One mailbox, written as given: no display name, no list.
                guard !typed.contains(where: { $0 == "<" || $0 == "," || $0 == ";" || $0 == " " }) else {
                    throw IdentityError.invalidEmail(reason: "must be one address, without a name or a list")
                }
            }
            identifier = try SubjectIdentifier.parse(typed, as: kind, defaultCountry: country)
        } catch let error as IdentityError {
            let context = kind == .phone ? " in \(country)" : ""
            throw RectificationError.badNewValue(
                table: table.name, column: column, key: key.forMessages,
                problem: "is not \(kind == .ip ? "an" : "a") \(kind.rawValue)\(context): \(error.reason)")
        }
        switch identifier {
        case .phone(let number): return (number.e164, identifier)
        case .email: return (typed, identifier)
        case .ip(let address): return (address.canonical, identifier)
        case .customer(let id): return (String(id), identifier)
        }
    }

    /// Refuses a value its column would refuse: text in a STRICT numeric column, an empty
    /// value where NULL is not allowed is fine (it is text), a value too long for nothing.
    private func checkFits(
        _ value: String, _ table: TableMap, _ column: String, _ constraints: inout [String: [ColumnConstraints]],
        _ reader: any OperationsReader
    ) throws {
        if constraints[table.name] == nil { constraints[table.name] = try reader.constraints(of: table.name) }
        guard let rule = constraints[table.name]?.first(where: { $0.column.lowercased() == column.lowercased() })
        else {
            throw RectificationError.notChangeable(
                table: table.name, column: column, reason: "the operations database has no such column")
        }
        if rule.numericOnly, Int64(value) == nil, Double(value) == nil {
            throw RectificationError.badNewValue(
                table: table.name, column: column, key: nil,
                problem: "is not a number, and the column holds numbers only")
        }
    }
}

extension IdentifierReader {
    /// The country a national phone number in `column` of one row is read in (its context).
    ///
    /// - Throws: ``StoreError``, ``DataMapError``.
    mutating func country(
        in row: Int64, table: TableMap, column: IdentifierColumn, _ operations: any OperationsReader
    ) throws -> String {
        let hint = try operations.read(columnRead(table, column), row: row)?.hint
        return countries.country(for: column.country, hint: hint)
    }
}
