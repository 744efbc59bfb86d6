import Foundation
import PostgresNIO

/// How columns are read into and written from ``CellValue``s on PostgreSQL.
///
/// Integers, booleans, floating point, text and bytes come as they are; time stamps are read
/// as the ISO 8601 UTC text the rest of dsr expects (`2026-03-01T14:05:09Z`, as section 2
/// stores them in SQLite); every other supported type as its text. Writes cast the bound
/// value to the column's own type, so an ISO text goes back into a `timestamptz` column.
enum PostgresValues {
    /// The select-list expression reading `column` of the row aliased `alias`.
    static func read(_ column: PostgresCatalog.Column, alias: String? = nil) -> String {
        let name = (alias.map { $0 + "." } ?? "") + SQLName.quote(column.name)
        switch column.typeName {
        case "int2", "int4", "int8", "bool", "float4", "float8", "bytea", "text", "varchar", "bpchar":
            return name
        case "timestamptz":
            return "to_char(\(name) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        case "timestamp":
            return "to_char(\(name), 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
        case "date":
            return "to_char(\(name), 'YYYY-MM-DD')"
        case "numeric":
            return name + "::float8"
        default:
            return name + "::text"
        }
    }

    /// `CAST($n AS type)`: a bound value as `column`'s type.
    static func write(_ column: PostgresCatalog.Column, parameter: Int) -> String {
        "CAST($\(parameter) AS \(column.type))"
    }

    /// `column = $n` and the value to bind: compared as the column's type where the value's
    /// kind allows it, as text otherwise (SQLite's `12 = '12'` on an INTEGER column is true;
    /// PostgreSQL would fail on the mismatched types).
    static func equals(_ column: PostgresCatalog.Column, value: CellValue, parameter: Int, alias: String? = nil)
        -> (sql: String, bind: CellValue)
    {
        let name = (alias.map { $0 + "." } ?? "") + SQLName.quote(column.name)
        let integer = PostgresCatalog.integerTypes.contains(column.typeName)
        switch value {
        case .integer where integer: return ("\(name) = $\(parameter)", value)
        case .text where ["text", "varchar", "bpchar"].contains(column.typeName):
            return ("\(name) = $\(parameter)", value)
        default: return ("(\(read(column, alias: alias)))::text = $\(parameter)", textForm(value))
        }
    }

    /// A cell of a result as dsr's value.
    static func cell(_ cell: PostgresCell) throws -> CellValue {
        guard var bytes = cell.bytes else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea: return .blob(bytes.readBytes(length: bytes.readableBytes) ?? [])
        default: return .text(bytes.readString(length: bytes.readableBytes) ?? "")
        }
    }

    /// The value a text comparison binds for `value`.
    private static func textForm(_ value: CellValue) -> CellValue {
        switch value {
        case .integer(let number): .text(String(number))
        case .real(let number): .text(String(number))
        default: value
        }
    }
}
