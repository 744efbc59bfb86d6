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
