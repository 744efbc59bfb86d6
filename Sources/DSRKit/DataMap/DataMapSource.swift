import Foundation

/// The text of a data map and how messages name it.
public struct DataMapSource: Sendable, Equatable {
    /// `builtin`, or the map file's path as resolved from the workspace.
    public var name: String
    /// The YAML text.
    public var text: String

    /// The built-in map of the reference schema.
    public static let builtin = DataMapSource(name: BuiltinDataMap.name, text: BuiltinDataMap.text)

    /// Creates a source.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }

    /// Reads a map file.
    ///
    /// - Throws: ``DataMapLoadError`` when the file is missing or not UTF-8 text.
    public static func file(at url: URL, setting: String? = nil) throws -> DataMapSource {
        let path = url.path(percentEncoded: false)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
            let data = FileManager.default.contents(atPath: path)
        else { throw DataMapLoadError.missing(path: path, setting: setting) }
        guard let text = String(data: data, encoding: .utf8) else { throw DataMapLoadError.notText(path: path) }
        return DataMapSource(name: path, text: text)
    }

    /// Parses and validates the map.
    ///
    /// - Throws: ``DataMapError`` listing every mistake.
    public func parse() throws -> DataMap {
        self == .builtin ? try BuiltinDataMap.map() : try DataMapParser.parse(text, file: name)
    }
}

/// A data map file that cannot be read.
public enum DataMapLoadError: DSRError, Equatable {
    /// The file does not exist; `setting` names where its path came from (`datamap in dsr.yaml`).
    case missing(path: String, setting: String?)
    /// The file is not UTF-8 text.
    case notText(path: String)

    public var kind: FailureKind {
        switch self {
        case .missing: .missingInput
        case .notText: .badData
        }
    }

    public var errorDescription: String? {
        switch self {
        case .missing(let path, let setting?): "data map not found: \(path) (\(setting))"
        case .missing(let path, nil): "data map not found: \(path)"
        case .notText(let path): "data map is not UTF-8 text: \(path)"
        }
    }
}
