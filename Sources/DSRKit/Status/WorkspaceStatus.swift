import Foundation

/// A health check of a workspace: what `dsr status` reports.
public struct WorkspaceStatus: Sendable, Codable, Equatable {
    /// Rows of one table of the data map (nil when the table is absent).
    public struct TableCount: Sendable, Codable, Equatable {
        /// The table name.
        public var name: String
        /// Its row count, or nil when the table does not exist.
        public var rows: Int?
    }

    /// The configuration file the workspace was loaded from.
    public var configFile: String
    /// The operations database, resolved.
    public var operationsDB: String
    /// The files root, resolved.
    public var filesRoot: String
    /// The state dir, resolved.
    public var stateDir: String
    /// Row counts of the tables the data map in use describes, in the map's order.
    public var tables: [TableCount]
    /// Each problem found, in words a DPO can act on; empty when all is well.
    public var problems: [String]

    /// Inspects the session's workspace: the tables its data map names, read-only.
    ///
    /// - Throws: ``StoreError`` when a database cannot be opened or is locked; data map errors.
    public static func inspect(_ session: Session) throws -> WorkspaceStatus {
        let workspace = session.workspace
        let map = try session.dataMap()
        let tables = try session.readingOperations { reader, _ in
            let schema = try reader.schema()
            return try map.tables.map { table in
                TableCount(name: table.name, rows: schema.hasTable(table.name) ? try reader.count(of: table.name) : nil)
            }
        }
        var problems = tables.filter { $0.rows == nil }.map {
            "table \($0.name) of the data map is missing from the operations database"
        }
        problems += permissionProblems(workspace)
        let filesRoot = workspace.filesRoot.path(percentEncoded: false)
        if !FileManager.default.fileExists(atPath: filesRoot) {
            problems.append("files root \(filesRoot) does not exist")
        }
        problems += partialExportProblems(workspace)
        return WorkspaceStatus(
            configFile: workspace.configFile.path(percentEncoded: false),
            operationsDB: workspace.operationsDB.path(percentEncoded: false),
            filesRoot: filesRoot, stateDir: workspace.stateDir.path(percentEncoded: false),
            tables: tables, problems: problems)
    }

    /// Partial archives left in the exports dir by killed exports: complete copies of a
    /// person's data that nobody was sent (the next export removes them).
    ///
    /// A name dsr chose (`.<request id or time>-access.zip.partial-<pid>`) is shown; a name
    /// given with `--output` may hold personal data, so those are only counted.
    static func partialExportProblems(_ workspace: Workspace) -> [String] {
        let folder = workspace.exportsDir
        let path = folder.path(percentEncoded: false)
        let leftovers = PartialExports.leftovers(in: folder)
        let own = leftovers.filter(PartialExports.isOwnName)
        let advice = "it holds personal data; delete it, or run `dsr export`, which removes it"
        var problems = own.map {
            "\(folder.appending(path: $0).path(percentEncoded: false)) is a partial export left by a killed export: \(advice)"
        }
        let others = leftovers.count - own.count
        if others > 0 {
            let files = others == 1 ? "1 other partial export" : "\(others) other partial exports"
            problems.append(
                "\(files) left by a killed export in \(path) (named with --output, so not shown here):"
                    + " they hold personal data; delete them, or run `dsr export`, which removes them")
        }
        return problems
    }

    /// The state dir must be 0700 and the key 0600: they hold what ties the audit trail together.
    static func permissionProblems(_ workspace: Workspace) -> [String] {
        let checks: [(URL, Int)] = [
            (workspace.stateDir, 0o700), (workspace.secretKeyFile, 0o600), (workspace.stateDatabase, 0o600),
        ]
        return checks.compactMap { url, expected in
            let path = url.path(percentEncoded: false)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            else {
                // A key lost beside a state.db that outlived it: a new one would cut the trail off.
                if url == workspace.secretKeyFile,
                    FileManager.default.fileExists(atPath: workspace.stateDatabase.path(percentEncoded: false))
                {
                    return "\(path) is missing; restore it from your backup of the state dir"
                        + " (`dsr init --force --new-key` makes a new one, but earlier audit entries"
                        + " can then no longer be found by identifier)"
                }
                return "\(path) is missing; run `dsr init`"
            }
            guard mode & 0o777 == expected else {
                return "\(path) has mode \(String(mode & 0o777, radix: 8)), expected \(String(expected, radix: 8))"
            }
            return nil
        }
    }
}
