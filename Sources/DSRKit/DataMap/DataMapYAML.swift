import Foundation
import Yams

/// Turns the text of a map into Yams' node tree, which keeps each value's line and column.
///
/// Yams refuses a mapping that gives a key twice and stops there. A DPO who pasted a table
/// twice should still hear about every other mistake in one run, so the repeated key is
/// renamed in place (same line and column, so every other location stays right), reported,
/// and composing starts again.
enum DataMapYAML {
    /// The node tree, or the reason there is none.
    struct Composed {
        var root: Node?
        var problems: [DataMapProblem] = []
        /// Keys renamed because they repeat an earlier key of the same mapping: skip them.
        var repeatedKeys: Set<MapLocation> = []
    }

    /// Appended to a repeated key so Yams accepts the mapping; no map key ends with it.
    static let repeatSuffix = "\u{2063}repeated"

    /// Composes `text`, reporting malformed YAML and every repeated key.
    static func compose(_ text: String) -> Composed {
        var composed = Composed()
        var current = text
        for _ in 0..<200 {
            do {
                composed.root = try Yams.compose(yaml: current, YAMLResolver.dsr)
                return composed
            } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
                let key = keys.first ?? "?"
                let first = MapLocation(line: context.mark.line, column: context.mark.column)
                guard let (renamed, repeated) = renameRepeat(of: key, after: first, in: current) else {
                    composed.problems.append(DataMapProblem(location: first, message: "key '\(key)' is given twice"))
                    return composed
                }
                composed.problems.append(
                    DataMapProblem(location: repeated, message: "'\(key)' is given twice (first on line \(first.line))")
                )
                composed.repeatedKeys.insert(repeated)
                current = renamed
            } catch {
                composed.problems.append(malformed(error))
                return composed
            }
        }
        return composed
    }

    /// Finds the next occurrence of `key` in the same mapping as the one at `first`, and
    /// renames it; `nil` when it cannot be found (a quoted or multi-line flow key).
    private static func renameRepeat(of key: String, after first: MapLocation, in text: String)
        -> (String, MapLocation)?
    {
        var lines = text.components(separatedBy: "\n")
        guard first.line >= 1, first.line <= lines.count else { return nil }
        // A flow mapping on the key's own line: `{column: a, column: b}`.
        let own = Array(lines[first.line - 1])
        let afterFirst = min(own.count, first.column - 1 + key.count)
        if let column = flowKey(key, in: own, from: afterFirst) {
            lines[first.line - 1] = insert(into: own, at: column + key.count)
            return (lines.joined(separator: "\n"), MapLocation(line: first.line, column: column + 1))
        }
        // A block mapping: the same key at the same indentation, before the mapping ends.
        for index in first.line..<lines.count {
            let line = Array(lines[index])
            guard let start = line.firstIndex(where: { $0 != " " }), line[start] != "#" else { continue }
            if start < first.column - 1 { return nil }
            if start == first.column - 1, isKey(key, in: line, at: start) {
                lines[index] = insert(into: line, at: start + key.count)
                return (lines.joined(separator: "\n"), MapLocation(line: index + 1, column: start + 1))
            }
        }
        return nil
    }

    private static func flowKey(_ key: String, in line: [Character], from start: Int) -> Int? {
        var index = start
        while index < line.count {
            if line[index] == "," || line[index] == "{" {
                var next = index + 1
                while next < line.count, line[next] == " " { next += 1 }
                if isKey(key, in: line, at: next) { return next }
            }
            index += 1
        }
        return nil
    }

    private static func isKey(_ key: String, in line: [Character], at start: Int) -> Bool {
        let end = start + key.count
        guard end <= line.count, String(line[start..<end]) == key else { return false }
        var next = end
        while next < line.count, line[next] == " " { next += 1 }
        return next < line.count && line[next] == ":"
    }

    private static func insert(into line: [Character], at index: Int) -> String {
        String(line[..<index]) + repeatSuffix + String(line[index...])
    }

    private static func malformed(_ error: any Error) -> DataMapProblem {
        // Yams' own descriptions quote the whole document; ours name the place instead.
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return DataMapProblem(
                location: MapLocation(line: mark.line, column: mark.column), message: "malformed YAML: \(problem)")
        case .reader(let problem, _, _, _):
            return DataMapProblem(location: MapLocation(line: 1, column: 1), message: "malformed YAML: \(problem)")
        default:
            return DataMapProblem(location: MapLocation(line: 1, column: 1), message: "malformed YAML: \(error)")
        }
    }
}
