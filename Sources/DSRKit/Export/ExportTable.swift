import Foundation

/// The rows of one table that go into an export, with other people's data masked.
public struct ExportTable: Sendable, Equatable {
    /// The table name.
    public var name: String
    /// Its columns in table order, then `dsr_relation` (`subject` or `related`).
    public var columns: [String]
    /// One value per column; nil for NULL.
    public var rows: [[ExportValue]]
}

/// A value as exported: SQLite's storage classes, masked values as text.
public enum ExportValue: Sendable, Equatable, Encodable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    /// The CSV/HTML form (empty for NULL).
    public var text: String {
        switch self {
        case .null: ""
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .text(let value): value
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .integer(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
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

/// Reads the located records' rows and applies the data map's masking rules (Art. 15(4)).
struct ExportTableReader {
    let map: DataMap
    let defaultCountry: String
    /// The subject's identifiers: values equal to one of them are the subject's own.
    let subject: Set<SubjectIdentifier>

    func tables(for result: LocateResult, _ operations: any OperationsReader) throws -> [ExportTable] {
        var reader = IdentifierReader(map: map, defaultCountry: defaultCountry)
        var tables: [ExportTable] = []
        for table in map.tables {
            let records = result.records.filter { $0.table == table.name }
            guard !records.isEmpty else { continue }
            var columns: [String] = []
            var rows: [[ExportValue]] = []
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
            tables.append(ExportTable(name: table.name, columns: columns + ["dsr_relation"], rows: rows))
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
            let kept = own.map(\.value) + (others > 0 ? ["[\(others) other address\(others == 1 ? "" : "es")]"] : [])
            return .text(kept.isEmpty ? "(masked)" : kept.joined(separator: ", "))
        }
        if readings.contains(where: subject.contains) { return value }
        if let flag = column.withheldFlag, row[flag]?.integerValue == 1 { return .text("withheld") }
        guard case .phone(let number) = readings.first else { return .text("(masked)") }
        return .text(Self.mask(number))
    }

    /// `+31 6 *****678`: enough to recognise a call, not enough to know the caller.
    static func mask(_ number: PhoneNumber) -> String {
        let national = Array(number.nationalNumber)
        guard national.count > 4 else {
            return "+\(number.callingCode) " + String(repeating: "*", count: national.count)
        }
        return "+\(number.callingCode) \(national[0]) " + String(repeating: "*", count: national.count - 4)
            + String(national.suffix(3))
    }
}
