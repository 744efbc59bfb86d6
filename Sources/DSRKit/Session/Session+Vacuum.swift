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
