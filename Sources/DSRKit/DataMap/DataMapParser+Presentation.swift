import Foundation
import Yams

/// Reading what the map says about how the export presents a table: labels per language,
/// column formats, file cards, portability and transfers.
extension DataMapParser {
    static let formatWords = ["text", "date-time", "date", "duration", "cents", "yes-no", "mail-header", "hidden"]

    static func displayColumn(_ fields: Fields, column: String, reader: inout DataMapReader) -> DisplayColumn? {
        let label = localizedText("label", in: fields, reader: &reader)
        let word = reader.text("format", in: fields) ?? "text"
        let currency = reader.text("currency", in: fields)
        var format: DisplayFormat?
        switch word {
        case "text": format = .text
        case "date-time": format = .dateTime
        case "date": format = .date
        case "duration": format = .duration
        case "cents":
            let code = currency ?? "EUR"
            if code.count != 3 || !code.allSatisfy({ $0.isASCII && $0.isUppercase }) {
                reader.report(
                    "\(fields.what): 'currency' must be an ISO 4217 code such as EUR, found '\(code)'",
                    at: fields["currency"]!)
            }
            format = .cents(currency: code)
        case "yes-no": format = .yesNo
        case "mail-header": format = .mailHeader
        case "hidden": format = .hidden
        default:
            let allowed = formatWords.joined(separator: " | ")
            reader.report("\(fields.what): unknown format '\(word)' (one of: \(allowed))", at: fields["format"]!)
        }
        if word != "cents", let node = fields.values["currency"]?.key {
            reader.report("\(fields.what): 'currency' belongs only to format 'cents'", at: node)
        }
        guard let format else { return nil }
        return DisplayColumn(column: column, label: label, format: format, location: fields.owner)
    }

    /// A text for every language (`label: Calls`) or per language (`label: {en: Calls, nl: Gesprekken}`).
    static func localizedText(_ key: String, in fields: Fields, reader: inout DataMapReader) -> LocalizedText? {
        guard let node = fields[key] else { return nil }
        if node.scalar != nil {
            return reader.text(key, in: fields).map { LocalizedText([.english: $0]) }
        }
        let languages = Language.allCases.map(\.rawValue)
        guard
            let texts = reader.fields(
                of: node, what: "'\(key)' of \(fields.what)", known: languages, owner: fields.owner, prefix: key + ".")
        else { return nil }
        var result: [Language: String] = [:]
        for language in Language.allCases {
            if let text = reader.text(language.rawValue, in: texts) { result[language] = text }
        }
        if texts.values.isEmpty {
            reader.report("\(fields.what): '\(key)' names no language (en, nl, bg)", at: node)
        }
        return result.isEmpty ? nil : LocalizedText(result)
    }

    /// `portable: true | false | {except: [COLUMN, ...]}` (Art. 20(1)); absent means false.
    static func portability(in fields: Fields, reader: inout DataMapReader) -> Portability {
        guard let node = fields["portable"] else { return .none }
        if node.scalar != nil {
            return reader.flag("portable", in: fields) == true ? .portable(except: []) : .none
        }
        guard
            let portable = reader.fields(
                of: node, what: "'portable' of \(fields.what)", known: ["except"], owner: fields.owner,
                prefix: "portable.")
        else { return .none }
        if !portable.has("except") {
            reader.missing("except", in: portable, hint: " (or write 'portable: true')")
        }
        return .portable(except: reader.texts("except", in: portable))
    }

    /// One item of a file's `card`: `COLUMN` of the row, or `{via: [C, ...], column: C}`.
    static func columnPath(_ node: Node, in fields: Fields, reader: inout DataMapReader) -> ColumnPath? {
        if let scalar = node.scalar, YAMLResolver.tag(of: node) == .str {
            let column = scalar.string.trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else {
                reader.report("\(fields.what): a 'card' item must name a column", at: node)
                return nil
            }
            return ColumnPath(via: [], column: column)
        }
        guard
            let path = reader.fields(
                of: node, what: "a 'card' item of \(fields.what)", known: ["via", "column"], owner: fields.owner,
                prefix: "card.")
        else { return nil }
        let via = reader.texts("via", in: path)
        guard let column = reader.text("column", in: path, required: true) else { return nil }
        return ColumnPath(via: via, column: column)
    }
}
