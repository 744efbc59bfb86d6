import Foundation

/// Where a workspace's operations database is (CONTRACT.md sections 2 and 9).
public enum OperationsLocation: Sendable, Equatable, CustomStringConvertible {
    /// One SQLite file.
    case sqlite(URL)
    /// A database on a PostgreSQL server; the password comes from `passwordFile`, else
    /// `$PGPASSWORD`.
    case postgres(PostgresLocation, passwordFile: URL?)

    /// How messages name it: the file's path, or the URL without a password.
    public var description: String {
        switch self {
        case .sqlite(let file): file.path(percentEncoded: false)
        case .postgres(let location, _): location.description
        }
    }

    /// Opens the store for reading (and, when a command writes, writing).
    ///
    /// - Throws: ``StoreError``, ``PostgresError``.
    func open(busyTimeout: Double, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> any OperationsStore
    {
        switch self {
        case .sqlite(let file):
            return try SQLiteOperationsStore(url: file, busyTimeout: busyTimeout)
        case .postgres(let location, let passwordFile):
            let password = try PostgresPassword.resolve(file: passwordFile, environment: environment)
            return try PostgresOperationsStore(location: location, password: password)
        }
    }
}
