import Foundation

/// Where a PostgreSQL password comes from: the file `password_file:` names in dsr.yaml (mode
/// 0600 or stricter, its first line), else `$PGPASSWORD`; never dsr.yaml itself.
enum PostgresPassword {
    /// The password, or nil when neither source gives one (trust or peer authentication).
    ///
    /// - Throws: ``PostgresError/passwordFileMissing(path:)``,
    ///   ``PostgresError/passwordFileMode(path:mode:)`` for a file others can read.
    static func resolve(file: URL?, environment: [String: String]) throws -> String? {
        guard let file else {
            return environment["PGPASSWORD"].flatMap { $0.isEmpty ? nil : $0 }
        }
        let path = file.path(percentEncoded: false)
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw PostgresError.passwordFileMissing(path: path)
        }
        guard info.st_mode & 0o077 == 0 else {
            throw PostgresError.passwordFileMode(path: path, mode: String(info.st_mode & 0o777, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else { throw PostgresError.passwordFileMissing(path: path) }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let password = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        return password.isEmpty ? nil : password
    }
}
