import Foundation

/// A value as the operations database stores it, in SQL's storage classes.
///
/// The engine reads and writes operations data only through these values, so that it never
/// depends on one database library's types (SQLite today, PostgreSQL later).
public enum CellValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// Whether the value is SQL NULL.
    public var isNull: Bool { self == .null }

    /// The text, when the value is text.
    public var textValue: String? {
        if case .text(let text) = self { return text }
        return nil
    }

    /// The text a country hint column holds (codes and numbers are text; an integer column
    /// reads as its digits, as SQLite's text conversion gives them).
    var hintText: String? {
        switch self {
        case .text(let text): text
        case .integer(let number): String(number)
        default: nil
        }
    }

    /// The value with its storage class as text (`i:12`, `t:12`): equal exactly when the
    /// values are, so `12` and `'12'` stay apart as they do in `WHERE column = ?`.
    var signature: String {
        switch self {
        case .null: "null"
        case .integer(let number): "i:\(number)"
        case .real(let number): "r:\(number)"
        case .text(let text): "t:" + text
        case .blob(let bytes): "b:" + Digests.hex(bytes)
        }
    }

    /// The integer, when the value is an integer (or an integral real, as SQLite may return).
    public var integerValue: Int64? {
        switch self {
        case .integer(let number): number
        case .real(let number) where number == number.rounded() && abs(number) < 9e18: Int64(number)
        default: nil
        }
    }
}

extension RecordKey {
    /// The key as a stored value, for binding.
    var cell: CellValue {
        switch self {
        case .integer(let value): .integer(value)
        case .text(let value): .text(value)
        }
    }

    /// The key a stored primary-key value names; nil for NULL, reals and blobs.
    init?(_ cell: CellValue) {
        switch cell {
        case .integer(let value): self = .integer(value)
        case .text(let value): self = .text(value)
        default: return nil
        }
    }
}
