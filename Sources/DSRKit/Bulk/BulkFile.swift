import Foundation

/// One row of a bulk file as read: its line and its fields, or why the line could not be
/// read (a JSON line that is not an object).
struct BulkLine: Sendable, Equatable {
    /// The line (1-based) the row starts on.
    var line: Int
    /// The fields by name.
    var fields: [String: BulkValue]
    /// Why the line could not be read, when it could not.
    var unreadable: BulkRowError?
}

/// A bulk file (CONTRACT.md section 8): CSV with a header row, or JSON Lines, one request a row.
public struct BulkFile: Sendable {
    /// The two forms a bulk file takes.
    public enum Format: String, Sendable {
        case csv
        case jsonLines = "jsonl"
    }

    /// The fields a row may have, in the order CONTRACT.md section 8 lists them.
    static let fields = [
        "ref", "action", "identifiers", "received", "apply", "lang", "format", "replace", "set", "reason",
    ]

    /// The path, as given.
    public let path: String
    /// The file's form.
    public let format: Format
    /// The rows, in file order.
    let lines: [BulkLine]

    /// The number of rows.
    public var count: Int { lines.count }

    /// Reads `url`: `.csv` is CSV, `.jsonl`/`.ndjson` JSON Lines; any other name is JSON
    /// Lines when its first character is `{`, else CSV.
    ///
    /// - Throws: ``BulkFileError`` when the file is missing or is not CSV or JSON Lines at all.
    public static func read(_ url: URL) throws -> BulkFile {
        let path = url.path(percentEncoded: false)
        guard let data = FileManager.default.contents(atPath: path) else { throw BulkFileError.missing(path: path) }
        guard !data.contains(0), var text = String(data: data, encoding: .utf8) else {
            throw BulkFileError.notText(path: path)
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let format: Format =
            switch url.pathExtension.lowercased() {
            case "csv": .csv
            case "jsonl", "ndjson": .jsonLines
            default: text.first(where: { !$0.isWhitespace }) == "{" ? .jsonLines : .csv
            }
        let lines = format == .csv ? try csvLines(text, path: path) : try jsonLines(text, path: path)
        return BulkFile(path: path, format: format, lines: lines)
    }

    private static func csvLines(_ text: String, path: String) throws -> [BulkLine] {
        let records = try CSVReader.records(text, path: path)
        guard let header = records.first else { return [] }
        let names = header.cells.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for (index, name) in names.enumerated() {
            guard fields.contains(name) else {
                throw BulkFileError.badHeader(
                    path: path, field: name.isEmpty ? "number \(index + 1)" : name,
                    reason:
                        "not a bulk field (ref, action, identifiers, received, apply, lang, format, replace, set, reason)"
                )
            }
            if names[..<index].contains(name) {
                throw BulkFileError.badHeader(path: path, field: name, reason: "named twice")
            }
        }
        for required in ["ref", "action"] where !names.contains(required) {
            throw BulkFileError.badHeader(path: path, field: required, reason: "missing from the header")
        }
        return records.dropFirst().map { record in
            guard record.cells.count == names.count else {
                return BulkLine(
                    line: record.line, fields: [:],
                    unreadable: BulkRowError(
                        line: record.line, field: nil,
                        reason: "\(record.cells.count) cells where the header has \(names.count)"))
            }
            var values: [String: BulkValue] = [:]
            for (name, cell) in zip(names, record.cells) { values[name] = .text(cell) }
            return BulkLine(line: record.line, fields: values, unreadable: nil)
        }
    }

    private static func jsonLines(_ text: String, path: String) throws -> [BulkLine] {
        var lines: [BulkLine] = []
        var firstLine: Int?
        let decoder = JSONDecoder()
        // Split on the byte: as Characters, a CRLF is one and would not split at "\n".
        let rows = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        for (index, bytes) in rows.enumerated() {
            let line = Substring(bytes)
            // Character.isWhitespace: the spaces and line ends `.whitespacesAndNewlines` names,
            // without bridging each line to NSString.
            guard let first = line.firstIndex(where: { !$0.isWhitespace }),
                let last = line.lastIndex(where: { !$0.isWhitespace })
            else { continue }
            let trimmed = line[first...last]
            firstLine = firstLine ?? index + 1
            do {
                let fields = try decoder.decode([String: BulkValue].self, from: Data(trimmed.utf8))
                lines.append(BulkLine(line: index + 1, fields: fields, unreadable: nil))
            } catch {
                lines.append(
                    BulkLine(
                        line: index + 1, fields: [:],
                        unreadable: BulkRowError(line: index + 1, field: nil, reason: "not a JSON object")))
            }
        }
        if let firstLine, lines.allSatisfy({ $0.unreadable != nil }) {
            throw BulkFileError.notJSONLines(path: path, line: firstLine)
        }
        return lines
    }
}
