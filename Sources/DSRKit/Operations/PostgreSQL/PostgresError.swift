import Foundation

/// Failures reaching or using a PostgreSQL operations database.
///
/// Messages name the server (host and port) and the database, never a password, a user's
/// credentials or a bound value: a server message can quote a value (`invalid input syntax
/// for type integer: "…"`), so only the SQLSTATE is kept for errors about data.
public enum PostgresError: DSRError, Equatable {
    /// The server did not answer at host and port (down, wrong address, a firewall).
    case unreachable(host: String, port: Int, reason: String)
    /// The server refused the user's credentials (or no password was given).
    case authentication(server: String)
    /// TLS was required and could not be set up, or the certificate did not verify.
    case tls(server: String, reason: String)
    /// `password_file:` is missing or unreadable.
    case passwordFileMissing(path: String)
    /// `password_file:` can be read by others than its owner.
    case passwordFileMode(path: String, mode: String)
    /// A transaction kept failing on a serialization conflict or deadlock.
    case conflict(server: String, attempts: Int)
    /// The database lacks something dsr needs (a table's primary key, a supported type).
    case unsupported(server: String, reason: String)
    /// Any other server or protocol failure.
    case server(server: String, sqlState: String, message: String)

    public var kind: FailureKind {
        switch self {
        case .unreachable, .conflict: .temporary
        case .authentication, .tls, .passwordFileMode, .unsupported: .badData
        case .passwordFileMissing: .missingInput
        case .server: .internalError
        }
    }

    public var errorDescription: String? {
        switch self {
        case .unreachable(let host, let port, let reason):
            "cannot reach the PostgreSQL server at \(host) port \(port): \(reason); try again when it is up"
        case .authentication(let server):
            "the PostgreSQL server refused the credentials for \(server) (the password comes from "
                + "password_file: in dsr.yaml or $PGPASSWORD)"
        case .tls(let server, let reason):
            "TLS to \(server) failed: \(reason) (sslmode in the operations_db URL)"
        case .passwordFileMissing(let path):
            "password_file cannot be read: \(path)"
        case .passwordFileMode(let path, let mode):
            "password_file \(path) has mode \(mode): it must be readable by its owner only (chmod 600)"
        case .conflict(let server, let attempts):
            "\(server): the transaction conflicted with another writer \(attempts) times; nothing was changed, "
                + "try again"
        case .unsupported(let server, let reason):
            "\(server): \(reason)"
        case .server(let server, let sqlState, let message):
            "PostgreSQL error \(sqlState) on \(server): \(message)"
        }
    }
}
