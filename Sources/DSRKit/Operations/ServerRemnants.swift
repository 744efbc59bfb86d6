/// What a database server keeps of values a change replaced or deleted, where dsr cannot reach
/// (CONTRACT.md section 9): told with every plan and result of an erasure, rectification or
/// purge on PostgreSQL, because dsr's residue scan reads only files it owns.
public struct ServerRemnants: Sendable, Encodable, Equatable {
    /// The tables `VACUUM` ran on after the change (`--vacuum`), schema-qualified; empty when
    /// it did not run.
    public var vacuumed: [String]

    /// Each place the old values stay, in one sentence.
    public var kept: [String] {
        [
            vacuumed.isEmpty
                ? "dead row versions holding the old values, in the tables' pages until VACUUM (--vacuum, or the server's autovacuum)"
                : "VACUUM freed the old row versions' space; their bytes stay in the pages until the server writes over them (VACUUM FULL rewrites a table, under an exclusive lock)",
            "WAL segments that logged the change (with the old pages in full-page images) until the server recycles them, and any WAL archive",
            "base backups taken before the change, and replicas until they replay it: a restored backup is erased again from the suppression list (dsr restore check)",
        ]
    }

    enum CodingKeys: String, CodingKey { case vacuumed, kept }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(vacuumed, forKey: .vacuumed)
        try container.encode(kept, forKey: .kept)
    }
}

extension Session {
    /// What the operations database's server keeps beyond dsr's reach of a change; nil for a
    /// SQLite file, whose every byte the residue scan reads.
    public func serverRemnants(vacuumed: [String] = []) -> ServerRemnants? {
        workspace.operationsFile == nil ? ServerRemnants(vacuumed: vacuumed) : nil
    }

    /// `--vacuum`: `VACUUM` of the tables this session changed on a server
    /// (``OperationsStore/compact()``). Returns the tables vacuumed.
    ///
    /// - Throws: ``StoreError``, ``PostgresError``.
    func vacuumOperations() throws -> [String] {
        try operations().compact()
    }

    /// Refuses `--vacuum` before anything changes when the operations database is a SQLite
    /// file: dsr already leaves no old value in it (secure deletion, the WAL truncated, a
    /// rewrite when the residue scan finds copies), so there is nothing for VACUUM to do.
    ///
    /// - Throws: ``VacuumError/notAServer(database:)``.
    func checkVacuum(_ wanted: Bool) throws {
        guard wanted, let file = workspace.operationsFile else { return }
        throw VacuumError.notAServer(database: file.path(percentEncoded: false))
    }
}

/// `--vacuum` where it has no meaning.
public enum VacuumError: DSRError, Equatable {
    /// The operations database is a SQLite file, not a server.
    case notAServer(database: String)

    public var kind: FailureKind { .usage }

    public var errorDescription: String? {
        switch self {
        case .notAServer(let database):
            "--vacuum is for a PostgreSQL server: \(database) is a SQLite file, which an erasure already leaves "
                + "without old values (secure deletion, its WAL truncated, a rewrite when the residue scan finds any)"
        }
    }
}
