import Foundation
import GRDB

/// The schema of dsr's own state database, built by versioned migrations.
///
/// Each capability adds its tables in a new migration; a migration that has shipped is
/// never edited, so a workspace made by an older dsr upgrades in place.
public enum StateSchema {
    /// The migrator holding every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-workspace") { db in
            // Facts about the workspace itself (schema owner, the dsr version that made it).
            try db.execute(
                sql: """
                    CREATE TABLE workspace_meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) STRICT
                    """)
        }
        return migrator
    }

    /// Brings the state database up to the current schema.
    ///
    /// - Throws: ``StoreError`` when the database is locked or unusable.
    public static func migrate(_ queue: DatabaseQueue) throws {
        do { try migrator.migrate(queue) } catch {
            throw StoreError.wrap(error, path: queue.path, timeout: queue.busyTimeoutSeconds)
        }
    }

    /// The identifiers of the migrations applied to `queue`, oldest first.
    public static func appliedMigrations(_ queue: DatabaseQueue) throws -> [String] {
        try queue.guardedRead { db in try migrator.appliedMigrations(db) }
    }
}
