import Foundation

/// Where a PostgreSQL operations database is: `operations_db:
/// postgresql://USER@HOST:PORT/DATABASE?sslmode=…` in dsr.yaml (CONTRACT.md section 9).
///
/// The URL never carries a password (it would sit in dsr.yaml and in every message naming
/// the database); ``PostgresPassword`` finds it.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    /// How the connection uses TLS, as libpq names the values.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let user: String
    public let host: String
    public let port: Int
    public let database: String
    public let sslMode: SSLMode
    /// The schema holding the operations tables (`?schema=`; `public` by default).
    public let schema: String

    /// Whether `text` is meant as a PostgreSQL URL rather than a SQLite file's path.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// Parses `postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=…&schema=…]`.
    ///
    /// - Throws: ``PostgresLocationError`` naming what is wrong; the text itself is never
    ///   repeated (a password typed into it must not reach a terminal log).
    public init(url text: String) throws {
        guard Self.isURL(text), let parts = URLComponents(string: text) else {
            throw PostgresLocationError("is not a URL of the form postgresql://USER@HOST:PORT/DATABASE")
        }
        guard parts.password == nil, !(parts.percentEncodedUser ?? "").contains(":") else {
            throw PostgresLocationError(
                "holds a password; give it in $PGPASSWORD or a mode-0600 file named by password_file:")
        }
        guard let user = parts.user, !user.isEmpty else { throw PostgresLocationError("names no user (USER@HOST)") }
        guard let host = parts.host, !host.isEmpty else { throw PostgresLocationError("names no host") }
        let database = String(parts.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("names no database (…/DATABASE after the host)")
        }
        var sslMode = SSLMode.prefer
        var schema = "public"
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value, let mode = SSLMode(rawValue: value) else {
                    throw PostgresLocationError(
                        "sslmode must be one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslMode = mode
            case "schema":
                guard let value = item.value, !value.isEmpty else { throw PostgresLocationError("schema is empty") }
                schema = value
            default:
                throw PostgresLocationError("has an unknown parameter \(item.name) (known: sslmode, schema)")
            }
        }
        guard (1...65_535).contains(parts.port ?? 5432) else { throw PostgresLocationError("port is out of range") }
        self.init(
            user: user, host: host, port: parts.port ?? 5432, database: database, sslMode: sslMode, schema: schema)
    }

    /// A location from its parts.
    public init(user: String, host: String, port: Int, database: String, sslMode: SSLMode, schema: String = "public") {
        self.user = user
        self.host = host
        self.port = port
        self.database = database
        self.sslMode = sslMode
        self.schema = schema
    }

    /// The URL without a password, as messages name the database.
    public var description: String {
        let address = host.contains(":") ? "[\(host)]" : host
        var text = "postgresql://\(user)@\(address):\(port)/\(database)?sslmode=\(sslMode.rawValue)"
        if schema != "public" { text += "&schema=\(schema)" }
        return text
    }
}

/// A malformed `operations_db:` URL; the message says what, never the URL.
public struct PostgresLocationError: Error, Sendable, Equatable {
    public let reason: String
    init(_ reason: String) { self.reason = reason }
}
