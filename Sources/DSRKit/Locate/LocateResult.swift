/// Everything locate found for one subject: the input of exports, erasures and rectifications.
public struct LocateResult: Sendable, Codable, Equatable {
    /// The subject's identifiers: those given, and those learnt from their own records.
    public var identifiers: [LocatedIdentifier]
    /// Every record tied to the subject, own and related, in table order then key order.
    public var records: [LocatedRecord]
    /// Every file named by a located record, resolved inside the files root.
    public var files: [LocatedFile]
    /// Stored values that could not be read, files missing, paths refused.
    public var warnings: [LocateWarning]
    /// With `--deep`: mentions of the subject inside e-mail bodies.
    public var mentions: [Mention]
    /// How the records were looked up: `index` or `scan`.
    public var method: String
}

/// An identifier of the subject and where it came from.
public struct LocatedIdentifier: Sendable, Codable, Equatable {
    /// `email`, `phone`, `ip` or `customer`.
    public var kind: String
    /// The canonical value (`+31703111050`).
    public var value: String
    /// `given` (typed by the DPO) or `derived` (learnt from a record).
    public var origin: String
    /// For derived identifiers: the record and column it was read from.
    public var source: RecordReference?
    /// For derived identifiers: the identifier that found that record.
    public var via: String?

    /// `kind:value`, the form that is displayed and hashed (as ``SubjectIdentifier/canonical``).
    public var canonical: String { kind + ":" + value }
}

/// A row of the operations database, named by its table and primary key.
public struct RecordReference: Sendable, Codable, Equatable, Hashable {
    /// The table.
    public var table: String
    /// The primary key value (an integer, or text for text keys).
    public var key: RecordKey
    /// The column, where one is meant.
    public var column: String?
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

/// A located record and how it was reached.
public struct LocatedRecord: Sendable, Codable, Equatable {
    /// The table.
    public var table: String
    /// The row's primary key.
    public var key: RecordKey
    /// `subject` (the subject's own record) or `related` (context: the owner's business).
    public var relation: String
    /// The column that matched, or the referencing column that led here.
    public var matchedOn: String
    /// The identifier that matched (`phone:+31…`), or the record that led here (`cdrs:12`).
    public var via: String
    /// `identifier` when a column matched, `reference` when reached from another record.
    public var reachedBy: String
}

/// A file a located record names.
public struct LocatedFile: Sendable, Codable, Equatable {
    /// The table of the record.
    public var table: String
    /// The record's key.
    public var key: RecordKey
    /// The path as stored, relative to the files root.
    public var path: String
    /// `audio` or `email`.
    public var format: String
    /// `ok`, `missing` (no such file) or `refused` (the path leaves the files root).
    public var status: String
    /// `subject` or `related`, as the record.
    public var relation: String
}

/// Something locate could not read or use; never quotes a personal value.
public struct LocateWarning: Sendable, Codable, Equatable {
    /// `unparseable`, `missing_file` or `refused_path`.
    public var kind: String
    /// The table.
    public var table: String
    /// The column, where one is meant.
    public var column: String?
    /// The keys of the rows concerned.
    public var keys: [RecordKey]
    /// Why, in words.
    public var message: String
}

/// A mention of the subject inside an e-mail file's text (`--deep`).
public struct Mention: Sendable, Codable, Equatable {
    /// The table of the e-mail record.
    public var table: String
    /// The e-mail record's key.
    public var key: RecordKey
    /// The file.
    public var path: String
    /// The identifier mentioned (canonical).
    public var identifier: String
    /// Whether the e-mail record itself is already located for the subject.
    public var recordLocated: Bool
}
