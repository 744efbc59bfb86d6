import GRDB

/// The schema of `index.db`, dsr's identifier index in the state dir.
///
/// It holds no identifier in plain text: entries are 64-bit prefixes of HMAC-SHA-256 keyed
/// with the workspace secret, next to row numbers of the operations database, kept as
/// ``IndexEntryStore`` describes.
enum IndexSchema {
    /// Bumped whenever the layout or the hashing changes; a mismatch rebuilds the index.
    static let format = "5"
    /// `PRAGMA user_version` of the current layout: a file with another is emptied and laid
    /// out again (``upgrade(_:)``).
    static let layout = 7
    private static let tables = [
        "index_meta", "index_sources", "index_tables", "index_entries", "index_unparseable", "index_runs",
        "index_blocks", "index_behind",
    ]

    /// Lays the file out anew when it holds another layout (or none): the old tables are
    /// dropped, the file is vacuumed while it is nearly empty (cheap) and set to
    /// `auto_vacuum = INCREMENTAL`, so that pages a rebuild frees can be given back.
    ///
    /// - Throws: ``StoreError``.
    static func upgrade(_ queue: DatabaseQueue) throws {
        let version = try queue.guardedRead { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
        guard version != layout else { return }
        try queue.guardedWriteWithoutTransaction { db in
            for table in tables { try db.execute(sql: "DROP TABLE IF EXISTS \(table)") }
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
            try db.execute(sql: "VACUUM")
            try db.inTransaction {
                try create(db)
                try db.execute(sql: "PRAGMA user_version = \(layout)")
                return .commit
            }
        }
    }

    /// Gives the file's free pages back to the file system (after a rebuild or a forget).
    ///
    /// - Throws: ``StoreError``.
    static func releaseFreePages(_ queue: DatabaseQueue) throws {
        try queue.guardedWriteWithoutTransaction { db in try db.execute(sql: "PRAGMA incremental_vacuum") }
    }

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS index_sources (
                    id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                    purpose TEXT NOT NULL, UNIQUE (table_name, column_name, purpose));
                CREATE TABLE IF NOT EXISTS index_tables (
                    table_name TEXT PRIMARY KEY NOT NULL, watermark INTEGER NOT NULL, mark INTEGER NOT NULL,
                    waiting TEXT, version TEXT);
                CREATE TABLE IF NOT EXISTS index_behind (
                    table_name TEXT NOT NULL, rid INTEGER NOT NULL, PRIMARY KEY (table_name, rid)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS index_entries (
                    source INTEGER NOT NULL, hash INTEGER NOT NULL, rid INTEGER NOT NULL,
                    PRIMARY KEY (source, hash, rid)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS index_runs (
                    source INTEGER NOT NULL, run INTEGER NOT NULL, entries INTEGER NOT NULL,
                    PRIMARY KEY (source, run)) WITHOUT ROWID;
                CREATE TABLE IF NOT EXISTS index_blocks (
                    id INTEGER PRIMARY KEY, source INTEGER NOT NULL, run INTEGER NOT NULL,
                    first_hash INTEGER NOT NULL, first_rid INTEGER NOT NULL, entries BLOB NOT NULL);
                CREATE UNIQUE INDEX IF NOT EXISTS index_blocks_key ON index_blocks (source, run, first_hash, first_rid);
                CREATE TABLE IF NOT EXISTS index_unparseable (
                    source INTEGER NOT NULL, rid INTEGER NOT NULL, reason TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS index_unparseable_source ON index_unparseable (source, rid);
                """)
    }

    /// Empties the index (a different secret, data map or operations database).
    static func clear(_ db: Database) throws {
        for table in tables { try db.execute(sql: "DELETE FROM \(table)") }
    }

    static func meta(_ key: String, _ db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM index_meta WHERE key = ?"), arguments: [key])
    }

    static func setMeta(_ key: String, _ value: String, _ db: Database) throws {
        try db.execute(
            sql:
                "INSERT INTO index_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }
}
