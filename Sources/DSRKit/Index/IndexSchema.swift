import GRDB

/// The schema of `index.db`, dsr's identifier index in the state dir.
///
/// It holds no identifier in plain text: entries are 64-bit prefixes of HMAC-SHA-256 keyed
/// with the workspace secret, next to row numbers of the operations database.
enum IndexSchema {
    /// Bumped whenever the layout or the hashing changes; a mismatch rebuilds the index.
    static let format = "4"

    static func create(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE IF NOT EXISTS index_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS index_sources (
                    id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, column_name TEXT NOT NULL,
                    purpose TEXT NOT NULL, UNIQUE (table_name, column_name, purpose));
                CREATE TABLE IF NOT EXISTS index_tables (
                    table_name TEXT PRIMARY KEY NOT NULL, watermark INTEGER NOT NULL, mark INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS index_entries (
                    source INTEGER NOT NULL, hash INTEGER NOT NULL, rid INTEGER NOT NULL);
                CREATE TABLE IF NOT EXISTS index_unparseable (
                    source INTEGER NOT NULL, rid INTEGER NOT NULL, reason TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS index_unparseable_source ON index_unparseable (source, rid);
                DROP INDEX IF EXISTS index_entries_lookup;
                """)
        try createLookupIndex(db)
    }

    /// The lookup path: (source, hash, rid). Dropped during a full build and made again after,
    /// because sorting once is far cheaper than inserting millions of random keys into a B-tree.
    /// The row number is part of the key so that forgetting one row's entry seeks straight to
    /// it: with (source, hash) alone, forgetting the entries of a number that 100,000 calls
    /// were forwarded to read all 100,000 entries' rows (format 3; a purge at 10M calls spent
    /// its time there).
    static func createLookupIndex(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX IF NOT EXISTS index_entries_key ON index_entries (source, hash, rid)")
    }

    static func dropLookupIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX IF EXISTS index_entries_key")
        // Format 3's name, (source, hash).
        try db.execute(sql: "DROP INDEX IF EXISTS index_entries_lookup")
    }

    /// Empties the index (a different secret, data map or operations database).
    static func clear(_ db: Database) throws {
        for table in ["index_meta", "index_sources", "index_tables", "index_entries", "index_unparseable"] {
            try db.execute(sql: "DELETE FROM \(table)")
        }
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
