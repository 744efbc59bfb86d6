import Foundation
import Yams

/// What reading a map file produced: the map as far as it could be read, and every mistake.
public struct DataMapParseResult: Sendable {
    /// The tables and entries that could be read; entries with unreadable parts are left out
    /// or filled with placeholders, so never use a map whose ``problems`` are not empty.
    public var map: DataMap
    /// Every mistake of YAML or of the format, in file order.
    public var problems: [DataMapProblem]
    /// Where the keys inside tables and entries are, for precise messages.
    public var locations: DataMapLocations
}

/// Reads a data map file (CONTRACT.md section 4) into a ``DataMap``.
///
/// The format is documented at the top of the built-in map (``BuiltinDataMap/text``) and in
/// README.md, "The data map". Parsing goes through Yams' node tree rather than `Decodable`
/// because the node tree keeps each value's line and column, and the reader collects every
/// problem rather than stopping at the first.
public enum DataMapParser {
    /// The map format version this parser reads.
    public static let version = 1

    static let topKeys = ["version", "tables"]
    static let tableKeys = [
        "primary_key", "holds", "purpose", "legal_basis", "role", "recipients", "retention", "categories",
        "identifiers", "references", "files", "columns", "label", "display", "portable", "transfers",
    ]

    /// Parses and structurally validates a map (``DataMap/validate()``).
    ///
    /// - Parameter file: how messages name the file (the path as the DPO gave it, or `builtin`).
    /// - Throws: ``DataMapError`` listing every problem as `file:line:column: message`.
    public static func parse(_ text: String, file: String) throws -> DataMap {
        let result = read(text)
        let problems = result.problems + result.map.validate()
        guard problems.isEmpty else { throw DataMapError(file: file, problems: problems) }
        return result.map
    }

    /// Reads a map without validating how its tables fit together; never throws.
    public static func read(_ text: String) -> DataMapParseResult {
        let composed = DataMapYAML.compose(text)
        var reader = DataMapReader(repeatedKeys: composed.repeatedKeys)
        var tables: [TableMap] = []
        if let root = composed.root {
            tables = readTop(root, reader: &reader)
        } else if composed.problems.isEmpty {
            let start = MapLocation(line: 1, column: 1)
            reader.report("the map is empty: it needs 'version: \(version)' and 'tables'", at: start)
        }
        return DataMapParseResult(
            map: DataMap(tables: tables),
            problems: DataMapProblem.inFileOrder(composed.problems + reader.problems),
            locations: reader.locations)
    }

    // MARK: - Top level and tables

    private static func readTop(_ root: Node, reader: inout DataMapReader) -> [TableMap] {
        guard let top = reader.fields(of: root, what: "the map", known: topKeys) else { return [] }
        if let node = top["version"] {
            if YAMLResolver.tag(of: node) != .int || node.int != version {
                let found = DataMapReader.describe(node)
                reader.report("unsupported map version \(found); this dsr reads version \(version)", at: node)
            }
        } else {
            reader.missing("version", in: top, hint: " (write 'version: \(version)' on the first line)")
        }
        guard let tablesNode = top["tables"] else {
            reader.missing("tables", in: top)
            return []
        }
        guard let mapping = tablesNode.mapping, !mapping.isEmpty else {
            let found = DataMapReader.describe(tablesNode)
            reader.report("'tables' must map each table name to its description, found \(found)", at: tablesNode)
            return []
        }
        return mapping.compactMap { keyNode, value in
            let location = DataMapReader.location(keyNode)
            guard !reader.repeatedKeys.contains(location) else { return nil }
            guard let name = keyNode.scalar?.string, !name.isEmpty else {
                reader.report("table names must be plain words", at: keyNode)
                return nil
            }
            return table(name, at: location, value: value, reader: &reader)
        }
    }

    private static func table(_ name: String, at location: MapLocation, value: Node, reader: inout DataMapReader)
        -> TableMap?
    {
        let what = "table '\(name)'"
        guard let fields = reader.fields(of: value, what: what, known: tableKeys, owner: location) else { return nil }
        let primaryKey = reader.text("primary_key", in: fields, required: true)
        let holds = reader.choice("holds", in: fields, required: true, as: RowSubject.self)
        let purpose = reader.text("purpose", in: fields, required: true)
        let legalBasis = reader.text("legal_basis", in: fields, required: true)
        let role = reader.choice("role", in: fields, required: true, as: ProcessingRole.self)
        let recipients = reader.texts("recipients", in: fields)
        let retention = self.retention(in: fields, table: name, reader: &reader)
        let categories = reader.texts("categories", in: fields)
        let label = localizedText("label", in: fields, reader: &reader)
        let portability = self.portability(in: fields, reader: &reader)
        let transfers = reader.texts("transfers", in: fields)
        return TableMap(
            name: name, primaryKey: primaryKey ?? "", holds: holds ?? .record, purpose: purpose ?? "",
            legalBasis: legalBasis ?? "", role: role ?? .controller, recipients: recipients,
            retention: retention ?? Retention(rule: ""), categories: categories,
            identifiers: entries("identifiers", in: fields, table: name, reader: &reader, read: identifier),
            references: entries("references", in: fields, table: name, reader: &reader, read: reference),
            files: entries("files", in: fields, table: name, reader: &reader, read: file),
            columns: entries("columns", in: fields, table: name, reader: &reader, read: personalColumn),
            label: label, display: entries("display", in: fields, table: name, reader: &reader, read: displayColumn),
            portability: portability, transfers: transfers, location: location)
    }

    /// Reads each item of a list of entries with `read`, which returns `nil` for an entry it
    /// cannot use (after reporting why).
    private static func entries<Entry>(
        _ key: String, in fields: Fields, table: String, reader: inout DataMapReader,
        read: (Fields, String, inout DataMapReader) -> Entry?
    ) -> [Entry] {
        let known = entryKeys[key] ?? []
        let noun = entryNouns[key] ?? "entry"
        return reader.list(key, in: fields).compactMap { item in
            let what = "an entry of '\(key)' of table '\(table)'"
            guard var entry = reader.fields(of: item, what: what, known: known) else { return nil }
            // Read the rest even without a column, so its other mistakes are reported too.
            let column = reader.text("column", in: entry, required: true)
            if let column { entry.what = "\(noun) '\(column)' of table '\(table)'" }
            let result = read(entry, column ?? "", &reader)
            return column == nil ? nil : result
        }
    }
}
