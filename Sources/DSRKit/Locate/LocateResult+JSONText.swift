/// `dsr locate --json` without JSONEncoder: the same document the Codable conformance
/// writes (CONTRACT.md section 5), built directly (a test keeps the two equal).
extension LocateResult {
    /// The result as the JSON document `--json` prints.
    public var jsonText: JSONText {
        .object([
            ("files", .array(files.map(\.jsonText))), ("holds", .array(holds.map(\.jsonText))),
            ("identifiers", .array(identifiers.map(\.jsonText))),
            ("mentions", .array(mentions.map(\.jsonText))), ("method", .string(method.rawValue)),
            ("records", .array(records.map(\.jsonText))), ("restrictions", .array(restrictions.map(\.jsonText))),
            ("warnings", .array(warnings.map(\.jsonText))),
        ])
    }
}

extension RecordKey {
    var jsonText: JSONText {
        switch self {
        case .integer(let value): .integer(value)
        case .text(let value): .string(value)
        }
    }
}

extension RecordReference {
    var jsonPairs: [(String, JSONText?)] {
        [("table", .string(table)), ("key", key.jsonText), ("column", column.map(JSONText.string))]
    }
    var jsonText: JSONText { .object(jsonPairs) }
}

extension LocateStep {
    var jsonPairs: [(String, JSONText?)] {
        switch self {
        case .identifier: return [("via", .string(description))]
        case .reference(let step):
            return [
                ("via", .string(description)),
                ("from", RecordReference(table: step.from.table, key: step.from.key, column: step.column).jsonText),
                ("link", .string(step.link.rawValue)),
            ]
        }
    }
}

extension LocatedIdentifier {
    var jsonText: JSONText {
        .object(
            [
                ("kind", .string(kind.rawValue)), ("value", .string(value)), ("origin", .string(origin.rawValue)),
                ("source", source?.jsonText),
            ] + (sourceStep?.jsonPairs ?? []))
    }
}

extension LocatedRecord {
    var jsonText: JSONText {
        .object(
            record.jsonPairs + [
                ("relation", .string(relation.rawValue)), ("matched_on", .string(matchedOn)),
                ("reached_by", .string(reachedBy.rawValue)),
            ] + step.jsonPairs)
    }
}

extension LocatedFile {
    var jsonText: JSONText {
        .object(
            record.jsonPairs + [
                ("path", .string(path)), ("format", .string(format.rawValue)), ("status", .string(status.rawValue)),
                ("relation", .string(relation.rawValue)),
            ])
    }
}

extension LocateWarning {
    var jsonText: JSONText {
        .object([
            ("kind", .string(kind.rawValue)), ("table", .string(table)), ("column", column.map(JSONText.string)),
            ("keys", .array(keys.map(\.jsonText))), ("message", .string(message)),
        ])
    }
}

extension Mention {
    var jsonText: JSONText {
        .object([
            ("table", .string(table)), ("key", key.jsonText), ("path", .string(path)),
            ("identifier", .string(identifier)), ("record_located", .bool(recordLocated)),
        ])
    }
}
