/// Checks the path an entry gets inside an archive.
///
/// Archives are unpacked by tools that trust their paths ("zip slip"): an absolute path or a
/// `..` component would let an export write outside the folder the person unpacks it into.
enum ArchiveEntryPath {
    /// Returns `path` unchanged when it is a plain relative `/`-separated path.
    /// - Throws: ``ArchiveError/invalidEntryPath(entry:reason:)``.
    static func validated(_ path: String) throws -> String {
        if let reason = problem(path) { throw ArchiveError.invalidEntryPath(entry: path, reason: reason) }
        return path
    }

    private static func problem(_ path: String) -> String? {
        if path.isEmpty { return "empty" }
        if path.hasPrefix("/") { return "absolute paths are not allowed" }
        if path.contains("\\") { return "use / to separate folders, not \\" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "control characters are not allowed"
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch component {
            case "": return "empty folder name (// or a trailing /)"
            case ".": return "'.' components are not allowed"
            case "..": return "'..' components are not allowed"
            default: continue
            }
        }
        return nil
    }
}
