/// A field's value as the file holds it: CSV cells are text; JSON Lines may also hold
/// arrays of strings, booleans, numbers and null.
enum BulkValue: Sendable, Equatable, Decodable {
    case text(String)
    case list([String])
    case bool(Bool)
    case null
    /// Anything else JSON can hold (an object, an array of non-strings).
    case other

    init(from decoder: any Decoder) throws {
        // The common kinds first: a failed attempt throws, and that costs more than the decode.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([String].self) {
            self = .list(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .text(String(value))
        } else {
            self = .other
        }
    }

    /// The value read as one text; nil for null and an empty CSV cell.
    func text(line: Int, field: String) throws -> String? {
        switch self {
        case .text(let text): return text.isEmpty ? nil : text
        case .null: return nil
        case .list, .bool, .other: throw BulkRowError(line: line, field: field, reason: "must be a string")
        }
    }

    /// The value read as a list: a JSON array, or one text split by `separator`.
    func list(line: Int, field: String, splitting separator: (Character) -> Bool) throws -> [String] {
        switch self {
        case .list(let items): return items.filter { !$0.isEmpty }
        case .text(let text): return text.split(whereSeparator: separator).map(String.init)
        case .null: return []
        case .bool, .other:
            throw BulkRowError(line: line, field: field, reason: "must be a string or an array of strings")
        }
    }

    /// The value read as yes or no: a JSON boolean, or `true`/`false` (also `yes`/`no`, `1`/`0`).
    func flag(line: Int, field: String) throws -> Bool? {
        switch self {
        case .bool(let value): return value
        case .null: return nil
        case .text(let text):
            switch text.lowercased() {
            case "": return nil
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default: throw BulkRowError(line: line, field: field, reason: "must be true or false")
            }
        case .list, .other: throw BulkRowError(line: line, field: field, reason: "must be true or false")
        }
    }
}
