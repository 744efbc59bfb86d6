import Foundation
import Yams

/// Reads values out of a map's node tree, collecting every problem instead of stopping at
/// the first: a DPO who edited a map by hand fixes all of its mistakes in one pass.
struct DataMapReader {
    private(set) var problems: [DataMapProblem] = []
    private(set) var locations = DataMapLocations()
    /// Keys that repeat an earlier key; already reported, skipped here.
    let repeatedKeys: Set<MapLocation>

    init(repeatedKeys: Set<MapLocation>) { self.repeatedKeys = repeatedKeys }

    /// The line and column a node starts at.
    static func location(_ node: Node) -> MapLocation {
        MapLocation(line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func report(_ message: String, at location: MapLocation?) {
        problems.append(DataMapProblem(location: location, message: message))
    }

    mutating func report(_ message: String, at node: Node) { report(message, at: Self.location(node)) }

    /// The entries of a mapping, keyed by name; reports a non-mapping and unknown keys.
    ///
    /// - Parameters:
    ///   - what: how messages name the mapping (`table 'cdrs'`, `an identifier of table 'cdrs'`).
    ///   - owner: the location that ``DataMapLocations`` files the keys under.
    ///   - prefix: prepended to key names in ``DataMapLocations`` (`retention.`).
    mutating func fields(
        of node: Node, what: String, known: [String], owner: MapLocation? = nil, prefix: String = ""
    ) -> Fields? {
        guard let mapping = node.mapping else {
            report("\(what) must be a mapping of keys to values, found \(Self.describe(node))", at: node)
            return nil
        }
        // A missing key is reported where the DPO would add it: the table's name, or the
        // nested mapping itself.
        let place = prefix.isEmpty ? owner ?? Self.location(node) : Self.location(node)
        let owner = owner ?? Self.location(node)
        var fields = Fields(what: what, owner: owner, place: place, node: node)
        for (keyNode, value) in mapping where !repeatedKeys.contains(Self.location(keyNode)) {
            guard let key = keyNode.scalar?.string else {
                report("\(what): keys must be plain words", at: keyNode)
                continue
            }
            guard known.contains(key) else {
                report(
                    "unknown key '\(key)' in \(what) (known keys: \(known.joined(separator: ", ")))", at: keyNode)
                continue
            }
            fields.values[key] = (keyNode, value)
            locations.record(prefix + key, in: owner, at: Self.location(value))
        }
        return fields
    }

    /// Reports `key` as missing from `fields`.
    mutating func missing(_ key: String, in fields: Fields, hint: String = "") {
        report("\(fields.what) has no '\(key)'\(hint)", at: fields.place)
    }

    /// A non-empty text value.
    mutating func text(_ key: String, in fields: Fields, required: Bool = false) -> String? {
        guard let node = fields[key] else {
            if required { missing(key, in: fields) }
            return nil
        }
        guard let scalar = node.scalar, YAMLResolver.tag(of: node) == .str else {
            report("\(fields.what): '\(key)' must be text, found \(Self.describe(node))", at: node)
            return nil
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else {
            report("\(fields.what): '\(key)' must not be empty", at: node)
            return nil
        }
        return value
    }

    /// A whole number, zero or more.
    mutating func count(_ key: String, in fields: Fields) -> Int? {
        guard let node = fields[key] else { return nil }
        guard YAMLResolver.tag(of: node) == .int, let value = node.int, value >= 0 else {
            report("\(fields.what): '\(key)' must be a whole number of days, found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    /// `true` or `false`.
    mutating func flag(_ key: String, in fields: Fields) -> Bool? {
        guard let node = fields[key] else { return nil }
        guard YAMLResolver.tag(of: node) == .bool, let value = node.bool else {
            report("\(fields.what): '\(key)' must be true or false, found \(Self.describe(node))", at: node)
            return nil
        }
        return value
    }

    /// One word of a closed set (`holds: person`).
    mutating func choice<Value: RawRepresentable & CaseIterable>(
        _ key: String, in fields: Fields, required: Bool = false, as type: Value.Type = Value.self
    ) -> Value? where Value.RawValue == String {
        guard let word = text(key, in: fields, required: required) else { return nil }
        guard let value = Value(rawValue: word) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: " | ")
            report("\(fields.what): unknown \(key) '\(word)' (one of: \(allowed))", at: fields[key]!)
            return nil
        }
        return value
    }

    /// The items of a list (`[]` when absent).
    mutating func list(_ key: String, in fields: Fields) -> [Node] {
        guard let node = fields[key] else { return [] }
        guard let sequence = node.sequence else {
            report("\(fields.what): '\(key)' must be a list, found \(Self.describe(node))", at: node)
            return []
        }
        return Array(sequence)
    }

    /// A list of texts (`recipients`, `categories`, `via`).
    mutating func texts(_ key: String, in fields: Fields) -> [String] {
        list(key, in: fields).compactMap { item in
            guard let scalar = item.scalar, YAMLResolver.tag(of: item) == .str,
                !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty
            else {
                report("\(fields.what): every item of '\(key)' must be text, found \(Self.describe(item))", at: item)
                return nil
            }
            return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// How messages name the YAML type of a node.
    static func describe(_ node: Node) -> String {
        if node.mapping != nil { return "a mapping" }
        if node.sequence != nil { return "a list" }
        switch YAMLResolver.tag(of: node) {
        case .null: return "nothing (null)"
        case .bool: return "true/false"
        case .int, .float: return "a number"
        default: return "'\(node.scalar?.string ?? "")'"
        }
    }
}

/// The keys of one mapping with their values, and how messages name the mapping.
struct Fields {
    var what: String
    /// The location ``DataMapLocations`` files these keys under.
    let owner: MapLocation
    /// Where a missing key is reported.
    let place: MapLocation
    let node: Node
    var values: [String: (key: Node, value: Node)] = [:]

    subscript(key: String) -> Node? { values[key]?.value }

    /// Whether the mapping gives `key`.
    func has(_ key: String) -> Bool { values[key] != nil }
}
