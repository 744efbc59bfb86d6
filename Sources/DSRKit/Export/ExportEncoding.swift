import Foundation

/// `data/<table>.json` and `data/<table>.csv` of an export.
enum ExportEncoding {
    /// A JSON array of objects, keys in column order as written (sorted for stability).
    static func json(_ table: ExportTable) throws -> Data {
        let objects = table.rows.map { Dictionary(uniqueKeysWithValues: zip(table.columns, $0)) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(objects)
    }

    /// RFC 4180: a header row, CRLF line ends, fields with a comma, quote or line break quoted
    /// and their quotes doubled. UTF-8 without a byte-order mark. Text that a spreadsheet would
    /// run as a formula is neutralised first (``neutralised(_:)``).
    static func csv(_ table: ExportTable) -> Data {
        var text = table.columns.map { field(neutralised($0)) }.joined(separator: ",") + "\r\n"
        for row in table.rows {
            text += row.map(cell).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// One CSV cell: numbers stored as numbers stay numbers (`-42`); text is neutralised, so a
    /// phone number stored as text (`+31…`) or `-42` stored as text gets the leading `'` too.
    static func cell(_ value: ExportValue) -> String {
        switch value {
        case .null, .integer, .real: value.text
        case .text, .masked: field(neutralised(value.text))
        }
    }

    /// OWASP "CSV Injection": a cell that starts with `=`, `+`, `-`, `@`, TAB or CR is read as a
    /// formula by spreadsheets (`=HYPERLINK(…)`, DDE), so it gets a leading `'`, which they show
    /// as text. Only the CSV: `data/*.json` keeps every value exact.
    static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, Self.formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func field(_ value: String) -> String {
        // Unicode scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
