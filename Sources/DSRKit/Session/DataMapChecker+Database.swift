import Foundation

extension DataMapChecker {
    /// Opens the operations database read-only and checks a map's text against it.
    ///
    /// - Throws: ``StoreError`` when the database is missing, not a database, or locked;
    ///   ``PostgresError`` when a server cannot be reached.
    public static func check(
        text: String, operations: OperationsLocation, busyTimeout: Double = Store.defaultBusyTimeout
    ) throws -> [DataMapProblem] {
        let store = try operations.open(busyTimeout: busyTimeout)
        defer { store.close() }
        return check(text: text, against: try store.read { try $0.schema() })
    }
}

extension Session {
    /// The data map text named by the `dsr.yaml` at `configFile`, without requiring the
    /// operations database to exist (showing a map needs no database).
    ///
    /// - Throws: ``WorkspaceError`` for a broken `dsr.yaml`, ``DataMapLoadError`` for the map file.
    public static func dataMapSource(configFile: URL) throws -> DataMapSource {
        let workspace = Workspace(
            configFile: configFile, configuration: try Workspace.parseConfiguration(at: configFile))
        return try Session(workspace: workspace, actor: "").dataMapSource()
    }
}
