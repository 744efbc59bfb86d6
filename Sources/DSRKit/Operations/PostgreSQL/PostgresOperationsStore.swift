import Foundation
import PostgresNIO

/// The operations database on a PostgreSQL server (CONTRACT.md section 9).
///
/// Reads run in one `REPEATABLE READ READ ONLY` transaction, so everything a command reads is
/// one snapshot. Writes run in one `REPEATABLE READ` transaction whose whole-row reads lock
/// their rows (`FOR UPDATE`); a serialization failure or deadlock rolls it back and runs it
/// again, at most ``attempts`` times, then fails with 75 having changed nothing.
///
/// What a server keeps beyond dsr's reach after a change (dead row versions until VACUUM,
/// WAL segments, base backups, replicas) is the server operator's; ``compact()`` runs
/// `VACUUM` on the tables this store changed.
final class PostgresOperationsStore: OperationsStore {
    let location: PostgresLocation
    private let password: String?
    private let link: PostgresLink
    private let catalog: PostgresCatalog
    /// Which database this is: the server's address, the database's name and OID.
    private let identity: String
    private var changedTables: Set<String> = []
    /// Transactions tried before a conflict is reported.
    static let attempts = 5

    /// Connects and reads the catalog of the location's schema.
    ///
    /// - Throws: ``PostgresError``.
    init(location: PostgresLocation, password: String?) throws {
        self.location = location
        self.password = password
        let link = try PostgresLink.connect(location, password: password)
        do {
            catalog = try PostgresCatalog(link, schema: location.schema)
            let oid = try link.rows("SELECT oid::int8 FROM pg_database WHERE datname = current_database()").first
            let number = try oid.map { try PostgresValues.cell($0.makeRandomAccess()[0]).integerValue ?? 0 } ?? 0
            identity =
                "postgresql://\(location.host):\(location.port)/\(location.database)#\(number)/\(location.schema)"
        } catch {
            link.close()
            throw error
        }
        self.link = link
    }

    var name: String { location.description }

    func read<T>(_ body: (any OperationsReader) throws -> T) throws -> T {
        try link.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        do {
            let result = try body(PostgresOperationsReader(link: link, catalog: catalog, locksRows: false))
            try link.execute("COMMIT")
            return result
        } catch {
            _ = try? link.execute("ROLLBACK")
            throw error is PostgresLink.Retry ? PostgresError.conflict(server: name, attempts: 1) : error
        }
    }

    func write<T>(_ body: (any OperationsWriter) throws -> T) throws -> T {
        try attempting(fingerprinted: false) { writer, _ in try body(writer) }
    }

    /// The server cannot say whether another connection committed between two moments as
    /// cheaply as SQLite's `data_version`, so no change is claimed as dsr's alone: the index
    /// reads the changed tables again at the next refresh.
    func writeSettled<T>(_ body: (any OperationsWriter, OperationsFingerprint) throws -> T) throws
        -> (result: T, settled: SettledWrite?)
    {
        (try attempting(fingerprinted: true, body), nil)
    }

    /// Runs `body` in a write transaction until it commits, at most ``attempts`` times: a
    /// serialization failure or deadlock (``PostgresLink/Retry``) rolls it back and runs it
    /// again on a new snapshot. Each attempt gets the fingerprint taken just before its own
    /// `BEGIN`: an index refreshed by a rolled-back attempt is stale for the next one when
    /// the writer it lost to committed in between.
    /// Without `fingerprinted` the body gets a placeholder and the round trip is saved.
    private func attempting<T>(
        fingerprinted: Bool, _ body: (any OperationsWriter, OperationsFingerprint) throws -> T
    ) throws -> T {
        for attempt in 1...Self.attempts {
            let fingerprint = fingerprinted ? fingerprint() : OperationsFingerprint(file: identity, state: "")
            try link.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            let writer = PostgresOperationsWriter(link: link, catalog: catalog, locksRows: true)
            do {
                let result = try body(writer, fingerprint)
                try link.execute("COMMIT")
                changedTables.formUnion(writer.changedTables)
                return result
            } catch is PostgresLink.Retry {
                _ = try? link.execute("ROLLBACK")
                if attempt < Self.attempts { usleep(useconds_t(20_000 * attempt)) }
            } catch {
                _ = try? link.execute("ROLLBACK")
                throw error
            }
        }
        throw PostgresError.conflict(server: name, attempts: Self.attempts)
    }

    /// `VACUUM` of every table this store changed: dead row versions (the old values) become
    /// free space the server may reuse. What it cannot reach: WAL segments not yet recycled,
    /// archived WAL, base backups and replicas.
    @discardableResult
    func compact() throws -> [String] {
        for table in changedTables.sorted() {
            try link.execute("VACUUM \(SQLName.quote(location.schema)).\(SQLName.quote(table))")
        }
        return changedTables.sorted().map { "\(location.schema).\($0)" }
    }

    /// The tables changed through this store so far.
    var tablesChanged: [String] { changedTables.sorted() }

    func close() { link.close() }

    /// The database's identity, and the server's WAL insert position as its state: every
    /// committed change moves it (so do changes elsewhere on the server, which only make the
    /// index look again). Table statistics (`pg_stat_user_tables`) are not used: a backend
    /// reports them up to a second after it commits, and the index must never be stale.
    func fingerprint() -> OperationsFingerprint {
        let state: String
        do {
            let row = try link.rows(
                "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END::text"
            ).first
            state = try row.map { try PostgresValues.cell($0.makeRandomAccess()[0]).textValue ?? "" } ?? ""
        } catch {
            state = "unknown:" + UUID().uuidString
        }
        return OperationsFingerprint(file: identity, state: state)
    }

    var opener: @Sendable () throws -> any OperationsStore {
        { [location, password] in try PostgresOperationsStore(location: location, password: password) }
    }
}
