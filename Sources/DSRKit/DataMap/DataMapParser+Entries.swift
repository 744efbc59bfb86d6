import Foundation
import Yams

/// Reading the entries of a table: identifiers, references, files, personal columns,
/// country sources and retention.
extension DataMapParser {
    static let entryKeys = [
        "identifiers": [
            "column", "kind", "address_list", "country", "relation", "mask_for_others", "withheld_flag",
            "learn",
        ],
        "references": ["column", "table", "target", "parent", "children"],
        "files": ["column", "format", "card", "retention"],
        "columns": ["column", "erasure", "basis", "until", "rectify", "retention"],
        "display": ["column", "label", "format", "currency"],
    ]
    static let entryNouns = [
        "identifiers": "identifier", "references": "reference", "files": "file column", "columns": "column",
        "display": "display column",
    ]
    static let erasureWords = ["delete-row", "set-null", "redact", "pseudonymise", "retain"]

    // MARK: - Entries

    static func identifier(_ fields: Fields, column: String, reader: inout DataMapReader) -> IdentifierColumn? {
        let kind = reader.choice("kind", in: fields, required: true, as: IdentifierKind.self)
        let addressList = reader.flag("address_list", in: fields) ?? false
        // A customer number names an organisation: what it finds is that organisation's
        // business (context) unless the map says otherwise.
        let relation =
            reader.choice("relation", in: fields, as: MatchRelation.self) ?? (kind == .customer ? .related : .subject)
        let learn = reader.flag("learn", in: fields) ?? false
        let mask = reader.flag("mask_for_others", in: fields) ?? false
        let withheldFlag = reader.text("withheld_flag", in: fields)
        var country = self.country(in: fields, reader: &reader)
        if kind == .phone, country == nil, !fields.has("country") { country = .workspaceDefault }
        guard let kind else { return nil }
        return IdentifierColumn(
            column: column, kind: kind, addressList: addressList, country: country, relation: relation,
            maskForOthers: mask, withheldFlag: withheldFlag, learn: learn, location: fields.owner)
    }

    static func reference(_ fields: Fields, column: String, reader: inout DataMapReader) -> Reference? {
        let table = reader.text("table", in: fields, required: true)
        let target = reader.text("target", in: fields, required: true)
        let parent = reader.choice("parent", in: fields, as: LinkRule.self) ?? LinkRule.none
        let children = reader.choice("children", in: fields, as: LinkRule.self) ?? LinkRule.none
        guard let table, let target else { return nil }
        return Reference(
            column: column, table: table, targetColumn: target, parent: parent, children: children,
            location: fields.owner)
    }

    static func file(_ fields: Fields, column: String, reader: inout DataMapReader) -> FileColumn? {
        let format = reader.choice("format", in: fields, required: true, as: FileFormat.self)
        let card = reader.list("card", in: fields).compactMap { columnPath($0, in: fields, reader: &reader) }
        let retention = fileRetention(in: fields, reader: &reader)
        guard let format else { return nil }
        return FileColumn(column: column, format: format, card: card, retention: retention, location: fields.owner)
    }

    static func personalColumn(_ fields: Fields, column: String, reader: inout DataMapReader) -> PersonalColumn? {
        let rectifiable = reader.flag("rectify", in: fields) ?? false
        let word = reader.text("erasure", in: fields, required: true)
        var erasure: ErasureAction?
        switch word {
        case "delete-row": erasure = .deleteRow
        case "set-null": erasure = .setNull
        case "redact": erasure = .redact
        case "pseudonymise": erasure = .pseudonymise
        case "retain":
            let basis = reader.text("basis", in: fields)
            let until = self.until(in: fields, reader: &reader)
            if !fields.has("basis") {
                reader.missing("basis", in: fields, hint: ": 'retain' needs the Art. 17(3) ground for keeping it")
            }
            if !fields.has("until") {
                reader.missing(
                    "until", in: fields, hint: ": 'retain' needs 'table-retention' or {days: N, from: COLUMN}")
            }
            erasure = .retain(basis: basis ?? "", until: until ?? .tableRetention)
        case nil: break
        case let word?:
            let allowed = erasureWords.joined(separator: " | ")
            reader.report("\(fields.what): unknown erasure '\(word)' (one of: \(allowed))", at: fields["erasure"]!)
        }
        if word != "retain" {
            for key in ["basis", "until"] where fields.has(key) {
                reader.report("\(fields.what): '\(key)' belongs only to erasure 'retain'", at: fields.values[key]!.key)
            }
        }
        let retention = columnRetention(in: fields, reader: &reader)
        guard let erasure else { return nil }
        return PersonalColumn(
            column: column, erasure: erasure, rectifiable: rectifiable, retention: retention, location: fields.owner)
    }

    // MARK: - Nested values

    /// `country:` of a phone identifier; `nil` when absent or unreadable.
    static func country(in fields: Fields, reader: inout DataMapReader) -> CountrySource? {
        guard let node = fields["country"] else { return nil }
        let expected =
            "'country' must be a two-letter code such as NL, 'default', {column: C}, {prefix_of: C}"
            + " or {via: [C, ...], column: C}"
        if let scalar = node.scalar {
            // Read the text whatever its YAML type: YAML 1.1 resolves a plain `NO` (Norway) to false.
            let word = scalar.string.trimmingCharacters(in: .whitespaces)
            if word == "default" { return .workspaceDefault }
            if CountryCode.isAlpha2(word) { return .constant(word.uppercased()) }
            reader.report("\(fields.what): \(expected), found '\(word)'", at: node)
            return nil
        }
        let what = "the country of \(fields.what)"
        guard
            let country = reader.fields(
                of: node, what: what, known: ["column", "prefix_of", "via"], owner: fields.owner, prefix: "country.")
        else { return nil }
        switch (country.has("column"), country.has("prefix_of"), country.has("via")) {
        case (true, false, false):
            return reader.text("column", in: country).map { .column($0) }
        case (false, true, false):
            return reader.text("prefix_of", in: country).map { .phonePrefix(column: $0) }
        case (true, false, true):
            let via = reader.texts("via", in: country)
            if via.isEmpty, country["via"]?.sequence != nil {
                reader.report("\(what): 'via' must name at least one reference column", at: country["via"]!)
            }
            guard let column = reader.text("column", in: country), !via.isEmpty else { return nil }
            return .reference(via: via, column: column)
        default:
            reader.report("\(fields.what): \(expected)", at: node)
            return nil
        }
    }

    /// `until:` of a retained column.
    static func until(in fields: Fields, reader: inout DataMapReader) -> RetainUntil? {
        guard let node = fields["until"] else { return nil }
        if let word = node.scalar?.string {
            if word == "table-retention" { return .tableRetention }
            reader.report("\(fields.what): 'until' must be table-retention or {days: N, from: COLUMN}", at: node)
            return nil
        }
        guard
            let until = reader.fields(
                of: node, what: "'until' of \(fields.what)", known: ["days", "from"], owner: fields.owner,
                prefix: "until.")
        else { return nil }
        if !until.has("days") { reader.missing("days", in: until) }
        let days = reader.count("days", in: until)
        let from = reader.text("from", in: until, required: true)
        guard let days, let from else { return nil }
        return .days(days, from: from)
    }
}
