import Foundation

/// `dsr index refresh` and `dsr index rebuild`: bring the identifier index up to date now
/// (locate does this itself; cron can do it ahead of time so locate stays fast).
public enum IndexMaintenance {
    /// Refreshes, or with `rebuild` empties and rebuilds, the index of `workspace`.
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``, data map errors.
    public static func run(in workspace: Workspace, rebuild: Bool) throws -> IndexRefresh {
        let source = try workspace.dataMapSource()
        let map = try source.parse()
        let operations = try workspace.openOperations()
        let index = try IdentifierIndex.open(workspace: workspace, source: source, map: map)
        return try index.refresh(from: operations, rebuild: rebuild)
    }
}
