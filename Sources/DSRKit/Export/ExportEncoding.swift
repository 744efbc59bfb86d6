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
    /// and their quotes doubled. UTF-8 without a byte-order mark.
    static func csv(_ table: ExportTable) -> Data {
        var text = table.columns.map(field).joined(separator: ",") + "\r\n"
        for row in table.rows {
            text += row.map { field($0.text) }.joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    static func field(_ value: String) -> String {
        // Unicode scalars, not Characters: "\r\n" is one Character and equals neither "\r" nor "\n".
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
