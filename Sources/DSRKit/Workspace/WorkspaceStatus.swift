import Foundation
import GRDB

/// A health check of a workspace: what `dsr status` reports.
public struct WorkspaceStatus: Sendable, Codable, Equatable {
    /// Rows of one table of the reference schema (nil when the table is absent).
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
    /// Row counts of the reference tables, in dependency order.
    public var tables: [TableCount]
    /// Each problem found, in words a DPO can act on; empty when all is well.
    public var problems: [String]

    /// The tables of the reference schema (CONTRACT.md section 2), in dependency order.
    public static let referenceTables = [
        "customers", "contacts", "orders", "service_numbers", "invoices", "cdrs", "recordings",
        "emails", "voicemails",
    ]

    /// Inspects `workspace`, opening the operations database read-only.
    ///
    /// - Throws: ``StoreError`` when a database cannot be opened or is locked.
    public static func inspect(_ workspace: Workspace) throws -> WorkspaceStatus {
        let queue = try workspace.openOperations()
        let tables = try queue.guardedRead { db in
            try referenceTables.map { name in
                guard try db.tableExists(name) else { return TableCount(name: name, rows: nil) }
                // Table names come from the constant list above, never from input.
                let rows = try Int.fetchOne(db, sql: "SELECT count(*) FROM \"\(name)\"") ?? 0
                return TableCount(name: name, rows: rows)
            }
        }
        var problems = tables.filter { $0.rows == nil }.map {
            "table \($0.name) of the reference schema is missing from the operations database"
        }
        problems += permissionProblems(workspace)
        let filesRoot = workspace.filesRoot.path(percentEncoded: false)
        if !FileManager.default.fileExists(atPath: filesRoot) {
            problems.append("files root \(filesRoot) does not exist")
        }
        return WorkspaceStatus(
            configFile: workspace.configFile.path(percentEncoded: false),
            operationsDB: workspace.operationsDB.path(percentEncoded: false),
            filesRoot: filesRoot, stateDir: workspace.stateDir.path(percentEncoded: false),
            tables: tables, problems: problems)
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
            else { return "\(path) is missing; run `dsr init`" }
            guard mode & 0o777 == expected else {
                return "\(path) has mode \(String(mode & 0o777, radix: 8)), expected \(String(expected, radix: 8))"
            }
            return nil
        }
    }
}
