import Foundation
import Yams

/// Reads `dsr.yaml` strictly: every mistake is reported with the file and line it is on.
///
/// Parsing goes through Yams' node tree rather than `Decodable` because the node tree keeps
/// each value's line and column, which a DPO needs to find a typo in a file they edited.
enum ConfigurationParser {
    /// Parses the text of a configuration file.
    ///
    /// - Throws: ``WorkspaceError`` naming `path` and the line of the first problem.
    static func parse(_ text: String, path: String) throws -> WorkspaceConfiguration {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, YAMLResolver.dsr)
        } catch let error as YamlError {
            throw malformed(error, path: path)
        }
        guard let root else { throw WorkspaceError.missingKey(path: path, key: "operations_db") }
        guard let mapping = root.mapping else {
            throw WorkspaceError.malformedYAML(
                path: path, line: root.mark?.line ?? 1, column: root.mark?.column ?? 1,
                problem: "the file must be a mapping of keys to values")
        }

        var config = WorkspaceConfiguration()
        var seen = Set<String>()
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard let key = keyNode.scalar?.string else {
                throw WorkspaceError.malformedYAML(
                    path: path, line: line, column: keyNode.mark?.column ?? 0,
                    problem: "keys must be plain words")
            }
            guard WorkspaceConfiguration.knownKeys.contains(key) else {
                throw WorkspaceError.unknownKey(path: path, key: key, line: line)
            }
            seen.insert(key)
            let field = Field(file: path, key: key, line: line, node: valueNode)
            switch key {
            case "operations_db":
                config.operationsDB = try field.text()
                if PostgresLocation.isURL(config.operationsDB) {
                    do {
                        _ = try PostgresLocation(url: config.operationsDB)
                    } catch let error as PostgresLocationError {
                        throw WorkspaceError.invalidValue(
                            path: path, key: key, line: line, reason: "the URL \(error.reason)")
                    }
                }
            case "password_file": config.passwordFile = try field.text()
            case "files_root": config.filesRoot = try field.text()
            case "state_dir": config.stateDir = try field.text()
            case "exports_dir": config.exportsDir = try field.text()
            case "datamap": config.datamap = try field.text()
            case "templates_dir": config.templatesDir = try field.text()
            case "default_country": config.defaultCountry = try field.country()
            case "time_zone": config.timeZone = try field.timeZone()
            case "busy_timeout_seconds": config.busyTimeoutSeconds = try field.seconds()
            case "controller_name": config.controller.name = try field.textOrEmpty()
            case "controller_address": config.controller.address = try field.textOrEmpty()
            case "controller_email": config.controller.email = try field.textOrEmpty()
            case "dpo_contact": config.controller.dpoContact = try field.textOrEmpty()
            case "supervisory_authority": config.controller.supervisoryAuthority = try field.textOrEmpty()
            default: break
            }
        }
        for required in ["operations_db", "files_root"] where !seen.contains(required) {
            throw WorkspaceError.missingKey(path: path, key: required)
        }
        return config
    }

    private static func malformed(_ error: YamlError, path: String) -> WorkspaceError {
        // Yams' own descriptions quote the whole document; ours name the place instead.
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .malformedYAML(path: path, line: mark.line, column: mark.column, problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidValue(
                path: path, key: duplicates.first ?? "?", line: context.mark.line,
                reason: "given more than once (first here)")
        case .reader(let problem, _, _, _):
            return .malformedYAML(path: path, line: 1, column: 1, problem: problem)
        default:
            return .malformedYAML(path: path, line: 1, column: 1, problem: "\(error)")
        }
    }
}

/// One value of the configuration, with what is needed to report a mistake in it.
private struct Field {
    let file: String
    let key: String
    /// The line of the key, where a DPO looks for the mistake.
    let line: Int
    let node: Node

    /// `text` without leading and trailing spaces and tabs (what `CharacterSet.whitespaces`
    /// holds), trimmed by hand: Foundation's trimming costs a command a million instructions.
    static func trimmed(_ text: String) -> String {
        func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isSpace($0) })!
        return String(scalars[first...last])
    }

    /// Whether YAML's tag resolution gave the value this type (`yes` is a bool, `"yes"` a string).
    func isTagged(_ name: Tag.Name) -> Bool { YAMLResolver.tag(of: node) == name }

    /// A non-empty string: a path, `builtin`, or a word.
    func text() throws -> String {
        guard let scalar = node.scalar, isTagged(.str) || isTagged(.int) else {
            throw WorkspaceError.wrongType(path: file, key: key, line: line, expected: "a text value (a path)")
        }
        let value = Self.trimmed(scalar.string)
        guard !value.isEmpty else {
            throw WorkspaceError.invalidValue(path: file, key: key, line: line, reason: "must not be empty")
        }
        return value
    }

    /// An IANA time zone name the system knows (`Europe/Amsterdam`, `UTC`).
    func timeZone() throws -> String {
        let name = try text()
        guard TimeZone(identifier: name) != nil else {
            throw WorkspaceError.invalidValue(
                path: file, key: key, line: line,
                reason: "'\(name)' is not a time zone this system knows (an IANA name such as Europe/Amsterdam)")
        }
        return name
    }

    /// A string the DPO may not have filled in yet: `""` or no value at all reads as empty.
    func textOrEmpty() throws -> String {
        if isTagged(.null) { return "" }
        guard let scalar = node.scalar, isTagged(.str) || isTagged(.int) else {
            throw WorkspaceError.wrongType(path: file, key: key, line: line, expected: "a text value")
        }
        return Self.trimmed(scalar.string)
    }

    /// An ISO 3166 alpha-2 code, upper-cased.
    ///
    /// Read from the scalar's text whatever its YAML type: YAML 1.1 resolves a plain `NO`
    /// (Norway) to a boolean.
    func country() throws -> String {
        guard let scalar = node.scalar else {
            throw WorkspaceError.wrongType(path: file, key: key, line: line, expected: "a two-letter country code")
        }
        let value = Self.trimmed(scalar.string).uppercased()
        guard WorkspaceConfiguration.isCountryCode(value) else {
            throw WorkspaceError.invalidValue(
                path: file, key: key, line: line,
                reason: "must be a two-letter ISO 3166 country code such as NL or BG")
        }
        return value
    }

    /// A non-negative number of seconds.
    func seconds() throws -> Double {
        guard let scalar = node.scalar, isTagged(.int) || isTagged(.float),
            let value = Double(scalar.string)
        else {
            throw WorkspaceError.wrongType(path: file, key: key, line: line, expected: "a number of seconds")
        }
        guard value >= 0, value <= 3600 else {
            throw WorkspaceError.invalidValue(
                path: file, key: key, line: line, reason: "must be between 0 and 3600 seconds")
        }
        return value
    }
}
