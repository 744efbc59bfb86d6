import Foundation

/// What a command asks the audit trail to record; the log adds sequence, time and hashes.
public struct AuditRecord: Sendable, Equatable {
    /// What was done.
    public var action: AuditAction
    /// The request, if any.
    public var requestID: String?
    /// Keyed hashes of the subject's canonical identifiers.
    public var subjects: [String]
    /// Counts, keys and paths, as a JSON-encodable dictionary.
    public var details: [String: AuditValue]

    /// A record of one action.
    public init(
        action: AuditAction, requestID: String? = nil, subjects: [String] = [], details: [String: AuditValue] = [:]
    ) {
        self.action = action
        self.requestID = requestID
        self.subjects = subjects
        self.details = details
    }
}

/// A value in an audit entry's details: numbers, text without personal data, lists, maps.
public indirect enum AuditValue: Sendable, Equatable, Encodable {
    case int(Int64)
    case text(String)
    case bool(Bool)
    case list([AuditValue])
    case map([String: AuditValue])

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .text(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        case .map(let values): try container.encode(values)
        }
    }

    /// The details as one JSON object with sorted keys (stable bytes for the hash chain).
    /// Every value can be written (integers, text, booleans, lists and maps of them).
    static func json(_ details: [String: AuditValue]) -> String {
        // Written by hand (``JSONText``, byte for byte JSONEncoder's compact sorted output):
        // JSONEncoder took a tenth of a bulk locate row's instructions.
        AuditValue.map(details).jsonText.compactText
    }

    /// The value as a JSON value.
    var jsonText: JSONText {
        switch self {
        case .int(let value): .integer(value)
        case .text(let value): .string(value)
        case .bool(let value): .bool(value)
        case .list(let values): .array(values.map(\.jsonText))
        case .map(let values): .object(values.map { ($0.key, $0.value.jsonText) })
        }
    }

    /// The details as JSONEncoder writes them (sorted keys, slashes unescaped): what
    /// ``json(_:of:)`` is checked against.
    ///
    /// - Throws: ``AuditError/detailsNotEncodable(action:)``.
    static func encoderJSON(_ details: [String: AuditValue], of action: AuditAction) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // EncodingError's text may quote the value; the message names the action only.
        guard let data = try? encoder.encode(details) else { throw AuditError.detailsNotEncodable(action: action) }
        return String(decoding: data, as: UTF8.self)
    }
}
