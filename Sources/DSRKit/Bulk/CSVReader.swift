/// One record of a CSV file: its cells and the line it starts on.
struct CSVRecord: Sendable, Equatable {
    /// The line (1-based) of the record's first character.
    var line: Int
    /// The cells, unquoted.
    var cells: [String]
}

/// Reads CSV text as RFC 4180 writes it: cells separated by commas, records by CRLF (or
/// LF), a quoted cell may hold commas, line breaks and doubled quotes. Blank lines between
/// records are skipped.
enum CSVReader {
    /// The records of `text`.
    ///
    /// - Throws: ``BulkFileError/badCSV(path:line:reason:)`` for a quote that never closes or
    ///   text after a closing quote.
    static func records(_ text: String, path: String) throws -> [CSVRecord] {
        var records: [CSVRecord] = []
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var afterQuote = false
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var atRecordStart = true
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar?

        func endRecord() {
            cells.append(cell)
            records.append(CSVRecord(line: recordLine, cells: cells))
            cells = []
            cell = ""
            afterQuote = false
            atRecordStart = true
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        cell.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\r":
                let next = scalars.next()
                if next != "\n" { pending = next }
                fallthrough
            case "\n":
                if atRecordStart && cells.isEmpty && cell.isEmpty {
                    // A blank line: no record.
                } else {
                    endRecord()
                }
                line += 1
                recordLine = line
            case ",":
                atRecordStart = false
                cells.append(cell)
                cell = ""
                afterQuote = false
            case "\"" where cell.isEmpty && !afterQuote:
                atRecordStart = false
                quoted = true
                quoteLine = line
            default:
                if afterQuote {
                    throw BulkFileError.badCSV(path: path, line: line, reason: "text after a closing quote")
                }
                atRecordStart = false
                cell.unicodeScalars.append(scalar)
            }
        }
        if quoted { throw BulkFileError.badCSV(path: path, line: quoteLine, reason: "a quote that is never closed") }
        if !(atRecordStart && cells.isEmpty && cell.isEmpty) { endRecord() }
        return records
    }
}
