import Foundation

/// The rows of one table that go into an export, with other people's data masked.
public struct ExportTable: Sendable, Equatable {
    /// The table name.
    public var name: String
    /// Its columns in table order, then `dsr_relation` (`subject` or `related`).
    public var columns: [String]
    /// One value per column; nil for NULL.
    public var rows: [[ExportValue]]

    /// The last column: whether the record is the subject's own or related context.
    public static let relationColumn = "dsr_relation"
}

/// A value as exported: SQLite's storage classes, masked values as text.
public enum ExportValue: Sendable, Equatable, Encodable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// Someone else's value, masked (Art. 15(4)).
    case masked(Masking)

    /// The CSV/JSON form (empty for NULL).
    public var text: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        case .masked(let masking): masking.text
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .masked(let masking): try container.encode(masking.text)
        }
    }

    init(_ value: CellValue) {
        switch value {
        case .null: self = .null
        case .integer(let number): self = .integer(number)
        case .real(let number): self = .real(number)
        case .text(let text): self = .text(text)
        case .blob(let bytes): self = .text("base64:" + Data(bytes).base64EncodedString())
        }
    }
}

/// What is left of a value that is someone else's (Art. 15(4)).
public enum Masking: Sendable, Equatable {
    /// The caller withheld their number.
    case withheld
    /// Nothing of it can be shown.
    case masked
    /// Enough to recognise it, not enough to know whose it is (`+31 6 *****678`).
    case partial(String)
    /// An address list: the subject's own addresses, and how many others were left out.
    case otherAddresses(kept: [String], others: Int)

    /// The form `data/` holds (English; the page words it in the letter's language).
    public var text: String {
        switch self {
        case .withheld: "withheld"
        case .masked: "(masked)"
        case .partial(let shown): shown
        case .otherAddresses(let kept, let others):
            (kept + (others > 0 ? ["[\(others) other address\(others == 1 ? "" : "es")]"] : [])).joined(separator: ", ")
        }
    }
}

/// Reads the located records' rows and applies the data map's masking rules (Art. 15(4)).
struct ExportTableReader {
    let map: DataMap
    let defaultCountry: String
    /// The subject's identifiers: values equal to one of them are the subject's own.
    let subject: Set<SubjectIdentifier>
    /// A portability export: only the tables and columns Art. 20(1) covers (the map's `portable`).
    var portableOnly = false

    func tables(for result: LocateResult, _ operations: any OperationsReader) throws -> [ExportTable] {
        var reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
        var tables: [ExportTable] = []
        for table in map.tables where !portableOnly || table.portability.includesTable {
            let records = result.records.filter { $0.table == table.name }
            guard !records.isEmpty else { continue }
            var columns: [String] = []
            var rows: [[ExportValue]] = []
            try operations.prefetch(table.name, primaryKey: table.primaryKey, keys: records.map(\.key))
            for record in records {
                guard let row = try operations.record(in: table.name, primaryKey: table.primaryKey, key: record.key)
                else { continue }
                columns = row.columns
                var values = row.values.map(ExportValue.init)
                for identifier in table.identifiers where identifier.maskForOthers {
                    guard let index = columns.firstIndex(of: identifier.column), values[index] != .null else {
                        continue
                    }
                    values[index] = try masked(
                        values[index], row: row, table: table, column: identifier, &reader, operations)
                }
                rows.append(values + [.text(record.relation.rawValue)])
            }
            if columns.isEmpty { columns = try operations.schema().columns(of: table.name) }
            if portableOnly {
                let kept = columns.indices.filter { table.portability.includes(columns[$0]) }
                columns = kept.map { columns[$0] }
                rows = rows.map { row in kept.map { row[$0] } + [row[row.count - 1]] }
            }
            tables.append(ExportTable(name: table.name, columns: columns + [ExportTable.relationColumn], rows: rows))
        }
        return tables
    }

    /// The value itself when it is the subject's; `withheld` when the caller withheld it;
    /// otherwise a phone masked to its country code, first digit and last three digits.
    private func masked(
        _ value: ExportValue, row: StoredRecord, table: TableMap, column: IdentifierColumn,
        _ reader: inout IdentifierReader, _ operations: any OperationsReader
    ) throws -> ExportValue {
        let readings = try reader.identifiers(in: row.number, table: table, column: column, operations)
        if column.kind == .email {
            // An address list: the subject's own addresses stay, the others are counted.
            let own = readings.filter(subject.contains)
            if own.count == readings.count, !own.isEmpty { return value }
            let others = readings.count - own.count
            if own.isEmpty, others == 0 { return .masked(.masked) }
            return .masked(.otherAddresses(kept: own.map(\.value), others: others))
        }
        if readings.contains(where: subject.contains) { return value }
        if let flag = column.withheldFlag, row[flag]?.integerValue == 1 { return .masked(.withheld) }
        guard case .phone(let number) = readings.first else { return .masked(.masked) }
        return .masked(.partial(SubjectIdentifier.masked(number)))
    }
}
