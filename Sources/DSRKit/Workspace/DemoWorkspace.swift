import Foundation

/// Makes a complete demo workspace: synthetic operations data, files, dsr.yaml and state.
///
/// The data is written into a hidden folder inside the target first and moved into place
/// only when complete, so an interrupted run never leaves a half-written `ops.db` under
/// its final name.
public enum DemoWorkspace {
    /// Writes a demo workspace into `folder`.
    ///
    /// Refuses a folder that already holds a workspace or demo data unless `force`; with
    /// `force` the old `ops.db` and `files/` are replaced and the secret key is kept.
    /// - Throws: ``WorkspaceError``, ``StoreError`` or a demo option error.
    public static func create(
        in folder: URL, options: DemoOptions, force: Bool,
        progress: (@Sendable (DemoProgress) -> Void)? = nil
    ) throws -> DemoReport {
        let fileManager = FileManager.default
        let configuration = WorkspaceConfiguration(operationsDB: "ops.db", filesRoot: "files")
        let workspace = Workspace(configFile: folder.appending(path: Workspace.configFileName), configuration: configuration)
        let targets = [workspace.configFile, workspace.operationsDB, workspace.filesRoot]
        if !force, let existing = targets.first(where: { fileManager.fileExists(atPath: $0.path(percentEncoded: false)) }) {
            throw WorkspaceError.alreadyExists(path: existing.path(percentEncoded: false))
        }
        try WorkspaceInitializer.makeDirectory(folder, mode: nil)

        let staging = folder.appending(path: ".dsr-demo-partial-\(getpid())")
        try? fileManager.removeItem(at: staging)
        try WorkspaceInitializer.makeDirectory(staging, mode: 0o700)
        defer { try? fileManager.removeItem(at: staging) }
        let stagedDatabase = staging.appending(path: "ops.db")
        let stagedFiles = staging.appending(path: "files")
        let report = try DemoGenerator.generate(
            database: stagedDatabase, filesRoot: stagedFiles, options: options, progress: progress)

        try replace(workspace.operationsDB, with: stagedDatabase)
        try replace(workspace.filesRoot, with: stagedFiles)
        try WorkspaceInitializer.create(in: folder, configuration: configuration, force: true)
        return report
    }

    /// Moves `staged` to `target`, removing what was at `target` first.
    private static func replace(_ target: URL, with staged: URL) throws {
        let fileManager = FileManager.default
        do {
            if fileManager.fileExists(atPath: target.path(percentEncoded: false)) {
                try fileManager.removeItem(at: target)
            }
            try fileManager.moveItem(at: staged, to: target)
        } catch {
            throw WorkspaceError.cannotWrite(path: target.path(percentEncoded: false), reason: error.localizedDescription)
        }
    }
}
