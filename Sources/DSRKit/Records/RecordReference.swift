/// A row of the operations database, named by its table and primary key.
public struct RecordReference: Sendable, Codable, Equatable, Hashable, CustomStringConvertible {
    /// The table.
    public var table: String
    /// The primary key value (an integer, or text for text keys).
    public var key: RecordKey
    /// The column, where one is meant.
    public var column: String?

    /// Creates a reference.
    public init(table: String, key: RecordKey, column: String? = nil) {
        self.table = table
        self.key = key
        self.column = column
    }

    /// `table:key`, as `via` shows a record.
    public var description: String { "\(table):\(key)" }

    /// The same row without a column.
    public var row: RecordReference { RecordReference(table: table, key: key) }

    /// The keys a reference spreads into the object that holds it (a located record or file).
    private enum FlatKeys: String, CodingKey {
        case table, key, column
    }

    /// Writes `table`, `key` and `column` into the object being encoded.
    func encodeFlat(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: FlatKeys.self)
        try container.encode(table, forKey: .table)
        try container.encode(key, forKey: .key)
        try container.encodeIfPresent(column, forKey: .column)
    }

    /// Reads `table`, `key` and `column` from the object being decoded.
    init(flatFrom decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: FlatKeys.self)
        self.init(
            table: try container.decode(String.self, forKey: .table),
            key: try container.decode(RecordKey.self, forKey: .key),
            column: try container.decodeIfPresent(String.self, forKey: .column))
    }
}

/// A primary key value: most tables have integer keys, `service_numbers` a text one.
public enum RecordKey: Sendable, Codable, Equatable, Hashable, Comparable, CustomStringConvertible {
    case integer(Int64)
    case text(String)

    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .text(let value): value
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else {
            self = .text(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        }
    }
}

extension RecordKey {
    /// The key as error and warning lines may show it: integers as they are, text keys (a
    /// service number is a phone number) never, since such lines end up in scripts' logs.
    public var forMessages: String {
        if case .integer(let value) = self { return String(value) }
        return "(a row with a text key)"
    }
}
