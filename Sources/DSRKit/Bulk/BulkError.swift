/// Why a bulk file could not be read at all: nothing was done (exit 65, or 66 when missing).
public enum BulkFileError: DSRError, Equatable {
    /// The file does not exist or cannot be read.
    case missing(path: String)
    /// The file is not UTF-8 text (or holds NUL bytes): neither CSV nor JSON Lines.
    case notText(path: String)
    /// The CSV text breaks RFC 4180 (a quote never closed).
    case badCSV(path: String, line: Int, reason: String)
    /// The CSV header lacks a field every row needs, names one twice, or names an unknown one.
    case badHeader(path: String, field: String, reason: String)
    /// No line of a JSON Lines file is a JSON object.
    case notJSONLines(path: String, line: Int)

    public var kind: FailureKind {
        if case .missing = self { return .missingInput }
        return .badData
    }

    public var errorDescription: String? {
        switch self {
        case .missing(let path): "\(path): no such bulk file"
        case .notText(let path):
            "\(path): not a CSV or JSON Lines file (not UTF-8 text); nothing was done"
        case .badCSV(let path, let line, let reason):
            "\(path) line \(line): not CSV (RFC 4180): \(reason); nothing was done"
        case .badHeader(let path, let field, let reason):
            "\(path) line 1, field \(field): \(reason); nothing was done"
        case .notJSONLines(let path, let line):
            "\(path) line \(line): not JSON Lines (no line is a JSON object); nothing was done"
        }
    }
}

/// Why one row of a bulk file was not carried out: named by its line and field, never by
/// the value (it can be personal data). The other rows go on.
public struct BulkRowError: DSRError, Equatable {
    /// The row's line in the file.
    public var line: Int
    /// The field at fault, when one is.
    public var field: String?
    /// What is wrong.
    public var reason: String

    /// A row error.
    public init(line: Int, field: String?, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var kind: FailureKind { .badData }

    public var errorDescription: String? {
        "line \(line)\(field.map { ", field \($0)" } ?? ""): \(reason)"
    }
}
