import Foundation

/// A loaded workspace: its configuration with every path resolved against the folder of `dsr.yaml`.
public struct Workspace: Sendable {
    /// The name of the configuration file in a workspace folder.
    public static let configFileName = "dsr.yaml"
    /// The environment variable naming a configuration file.
    public static let configEnvironmentVariable = "DSR_CONFIG"
    /// The state database's file name inside the state dir.
    public static let stateDatabaseName = "state.db"

    /// The configuration file this workspace was loaded from.
    public let configFile: URL
    /// The settings as written in the file.
    public let configuration: WorkspaceConfiguration

    /// The folder holding `dsr.yaml`; relative paths resolve against it.
    public var folder: URL { configFile.deletingLastPathComponent() }
    /// The operations database: a SQLite file or a PostgreSQL server.
    public var operations: OperationsLocation {
        if PostgresLocation.isURL(configuration.operationsDB),
            let location = try? PostgresLocation(url: configuration.operationsDB)
        {
            return .postgres(location, passwordFile: configuration.passwordFile.map(resolve))
        }
        return .sqlite(resolve(configuration.operationsDB))
    }
    /// The operations database's file when it is SQLite (nil for a PostgreSQL server).
    public var operationsFile: URL? {
        if case .sqlite(let file) = operations { return file }
        return nil
    }
    /// The operations database as a path (SQLite), for what reads its file.
    public var operationsDB: URL { resolve(configuration.operationsDB) }
    /// The root that `file_path` values are relative to.
    public var filesRoot: URL { resolve(configuration.filesRoot) }
    /// dsr's own state folder.
    public var stateDir: URL { resolve(configuration.stateDir) }
    /// Where exports go.
    public var exportsDir: URL { resolve(configuration.exportsDir) }
    /// dsr's state database.
    public var stateDatabase: URL { stateDir.appending(path: Self.stateDatabaseName) }
    /// The workspace secret key file.
    public var secretKeyFile: URL { stateDir.appending(path: SecretKey.fileName) }

    /// Creates a workspace value from a configuration already parsed.
    public init(configFile: URL, configuration: WorkspaceConfiguration) {
        self.configFile = configFile.standardizedFileURL
        self.configuration = configuration
    }

    /// Finds the configuration file: `--config FILE`, else `$DSR_CONFIG`, else `./dsr.yaml`.
    ///
    /// - Throws: ``WorkspaceError/configMissing(path:source:)`` when that file does not exist.
    public static func locateConfig(
        explicit: String?, environment: [String: String], currentDirectory: URL
    ) throws -> URL {
        let (candidate, source): (String, String)
        if let explicit, !explicit.isEmpty {
            (candidate, source) = (explicit, "from --config")
        } else if let fromEnvironment = environment[configEnvironmentVariable], !fromEnvironment.isEmpty {
            (candidate, source) = (fromEnvironment, "from $\(configEnvironmentVariable)")
        } else {
            (candidate, source) = (configFileName, "the default, in the current folder")
        }
        let url = FilePaths.resolve(candidate, against: currentDirectory)
        var isDirectory: ObjCBool = false
        let path = url.path(percentEncoded: false)
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue
        else { throw WorkspaceError.configMissing(path: path, source: source) }
        return url
    }

    /// Loads and checks the workspace configured in `configFile`.
    ///
    /// - Throws: ``WorkspaceError`` for a missing or malformed file, unknown keys, wrong
    ///   types, and a missing operations database.
    public static func load(configFile: URL) throws -> Workspace {
        let workspace = Workspace(configFile: configFile, configuration: try parseConfiguration(at: configFile))
        guard let file = workspace.operationsFile else { return workspace }
        let database = file.path(percentEncoded: false)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: database, isDirectory: &isDirectory) else {
            throw WorkspaceError.operationsDatabaseMissing(path: database, configPath: configFile.path)
        }
        guard !isDirectory.boolValue else {
            throw WorkspaceError.operationsDatabaseNotAFile(path: database, configPath: configFile.path)
        }
        return workspace
    }

    /// Reads and parses a `dsr.yaml` without checking what it points to.
    ///
    /// - Throws: ``WorkspaceError`` for a missing, unreadable or malformed file.
    static func parseConfiguration(at configFile: URL) throws -> WorkspaceConfiguration {
        let path = configFile.path(percentEncoded: false)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceError.configMissing(path: path, source: "cannot be read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WorkspaceError.malformedYAML(path: path, line: 1, column: 1, problem: "the file is not UTF-8 text")
        }
        return try ConfigurationParser.parse(text, path: path)
    }

    private func resolve(_ path: String) -> URL {
        FilePaths.resolve(path, against: folder)
    }
}
