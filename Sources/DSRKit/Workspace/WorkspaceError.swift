import Foundation

/// Problems with a workspace: its `dsr.yaml`, its folders, its secret key.
public enum WorkspaceError: DSRError, Equatable {
    /// No configuration file where dsr looked; `source` says how the path was chosen.
    case configMissing(path: String, source: String)
    /// The YAML itself does not parse.
    case malformedYAML(path: String, line: Int, column: Int, problem: String)
    /// A key dsr does not know (often a typo).
    case unknownKey(path: String, key: String, line: Int)
    /// A key whose value has the wrong YAML type.
    case wrongType(path: String, key: String, line: Int, expected: String)
    /// A key whose value has the right type but is not allowed.
    case invalidValue(path: String, key: String, line: Int, reason: String)
    /// A required key is absent.
    case missingKey(path: String, key: String)
    /// The operations database named by the configuration does not exist.
    case operationsDatabaseMissing(path: String, configPath: String)
    /// The operations database path names a folder or other non-file.
    case operationsDatabaseNotAFile(path: String, configPath: String)
    /// `demo --force` was pointed at a workspace whose data `dsr demo` did not make.
    case notDemoData(path: String)
    /// `init` found a workspace already there and `--force` was not given.
    case alreadyExists(path: String)
    /// A file or folder could not be written.
    case cannotWrite(path: String, reason: String)
    /// The secret key is gone while `state.db` holds hashes made with it; `init` will not
    /// make a new one without `--new-key`.
    case secretKeyLost(path: String, stateDatabase: String)

    public var kind: FailureKind {
        switch self {
        case .configMissing, .operationsDatabaseMissing: .missingInput
        case .malformedYAML, .unknownKey, .wrongType, .invalidValue, .missingKey, .operationsDatabaseNotAFile:
            .badData
        case .alreadyExists, .cannotWrite, .notDemoData, .secretKeyLost: .cannotWrite
        }
    }

    public var errorDescription: String? {
        switch self {
        case .configMissing(let path, let source):
            "configuration file not found: \(path) (\(source)); run `dsr init` or pass --config FILE"
        case .malformedYAML(let path, let line, let column, let problem):
            "\(path):\(line):\(column): malformed YAML: \(problem)"
        case .unknownKey(let path, let key, let line):
            "\(path):\(line): unknown key '\(key)' (known keys: \(WorkspaceConfiguration.knownKeys.joined(separator: ", ")))"
        case .wrongType(let path, let key, let line, let expected):
            "\(path):\(line): key '\(key)' must be \(expected)"
        case .invalidValue(let path, let key, let line, let reason):
            "\(path):\(line): key '\(key)': \(reason)"
        case .missingKey(let path, let key):
            "\(path): required key '\(key)' is missing"
        case .operationsDatabaseMissing(let path, let configPath):
            "operations database not found: \(path) (operations_db in \(configPath))"
        case .operationsDatabaseNotAFile(let path, let configPath):
            "operations database is not a file: \(path) (operations_db in \(configPath))"
        case .notDemoData(let path):
            "\(path) holds data that `dsr demo` did not make; --force replaces only demo data, choose another --dir"
        case .alreadyExists(let path):
            "a workspace already exists at \(path); pass --force to rewrite its configuration (the secret key is always kept)"
        case .cannotWrite(let path, let reason):
            "cannot write \(path): \(reason)"
        case .secretKeyLost(let path, let stateDatabase):
            "\(path) is missing, but \(stateDatabase) holds audit entries and requests keyed with it:"
                + " restore the key from your backup of the state dir. Only if no backup exists, pass"
                + " --new-key: the audit trail then records that earlier entries can no longer be found by identifier"
        }
    }
}
