import DSRKit
import Foundation

/// Makes a complete demo workspace: synthetic operations data, files, dsr.yaml and state.
///
/// The data is written into a staging folder inside the target first and moved into place
/// only when complete, so an interrupted run never leaves a half-written `ops.db` under its
/// final name; a staging folder left by a killed run is removed by the next one.
public enum DemoWorkspace {
    /// The file that marks a folder's `ops.db` and `files/` as made by `dsr demo`.
    public static let markerName = ".dsr-demo"
    /// The comment on the tables `dsr demo --postgres` makes: `--force` replaces only those.
    static let postgresMarker = "made by dsr demo; dsr demo --force may replace it"
    /// The staging folder inside the target.
    static let stagingName = ".dsr-demo-partial"

    /// Writes a demo workspace into `folder`.
    ///
    /// Refuses a folder that already holds a workspace or data unless `force`; even with
    /// `force` it replaces only data that `dsr demo` made (the marker file says so), never a
    /// real operations database. The secret key is always kept.
    /// - Throws: ``DemoError`` for bad options (before anything is written), ``WorkspaceError``, ``StoreError``.
    ///
    /// With `postgres`, the operations data goes into that PostgreSQL database instead
    /// (``PostgresLoader``, COPY in one transaction; `force` replaces the demo's tables there)
    /// and dsr.yaml points at it; no `ops.db` is written.
    public static func create(
        in folder: URL, options: DemoOptions, force: Bool, postgres: PostgresTarget? = nil,
        progress: (@Sendable (DemoProgress) -> Void)? = nil
    ) throws -> DemoReport {
        try options.validate()
        let fileManager = FileManager.default
        let database = folder.appending(path: "ops.db")
        let filesRoot = folder.appending(path: "files")
        let marker = folder.appending(path: markerName)
        let targets = [folder.appending(path: Workspace.configFileName), database, filesRoot]
        if let existing = targets.first(where: { fileManager.fileExists(atPath: $0.path(percentEncoded: false)) }) {
            guard force else { throw WorkspaceError.alreadyExists(path: existing.path(percentEncoded: false)) }
            guard fileManager.fileExists(atPath: marker.path(percentEncoded: false)) else {
                throw WorkspaceError.notDemoData(path: folder.path(percentEncoded: false))
            }
        }
        try WorkspaceInitializer.makeDirectory(folder, mode: nil)

        let staging = folder.appending(path: stagingName)
        try? fileManager.removeItem(at: staging)
        try WorkspaceInitializer.makeDirectory(staging, mode: 0o700)
        defer { try? fileManager.removeItem(at: staging) }
        let stagedDatabase = staging.appending(path: "ops.db")
        let stagedFiles = staging.appending(path: "files")
        let report = try DemoGenerator.generate(
            database: stagedDatabase, filesRoot: stagedFiles, options: options, progress: progress)

        try WorkspaceInitializer.writeAtomically(
            "This folder's ops.db and files/ were made by `dsr demo`; `dsr demo --force` may replace them.\n",
            to: marker)
        var settings = WorkspaceInitializer.Settings(operationsDB: "ops.db", filesRoot: "files", controller: .demo)
        if let postgres {
            progress?(DemoProgress(phase: "copying into PostgreSQL", done: 0, total: DemoSchema.tables.count))
            _ = try PostgresLoader.load(
                sqlite: stagedDatabase, tables: DemoSchema.postgresTables, into: postgres.location,
                passwordFile: postgres.passwordFile, replace: force, marker: postgresMarker)
            settings.operationsDB = postgres.location.description
            settings.passwordFile = postgres.passwordFile?.path(percentEncoded: false)
            try? fileManager.removeItem(at: database)
        } else {
            try replace(database, with: stagedDatabase)
        }
        try replace(filesRoot, with: stagedFiles)
        try WorkspaceInitializer.create(in: folder, settings: settings, force: true)
        return report
    }

    /// A PostgreSQL database to load the demo into, and the password file dsr.yaml names.
    public struct PostgresTarget: Sendable {
        public let location: PostgresLocation
        public let passwordFile: URL?
        public init(location: PostgresLocation, passwordFile: URL?) {
            self.location = location
            self.passwordFile = passwordFile
        }
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
            throw WorkspaceError.cannotWrite(
                path: target.path(percentEncoded: false), reason: error.localizedDescription)
        }
    }
}
