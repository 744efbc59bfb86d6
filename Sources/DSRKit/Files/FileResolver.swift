import Foundation

/// Resolves `file_path` values from the operations data inside the files root.
///
/// A path from data is untrusted: it is refused, never opened, when it is absolute, when its
/// `..` components climb above the root, or when a symbolic link inside the root leads out of
/// it. A path that stays inside but names nothing is reported missing.
public struct FileResolver: Sendable {
    /// What a stored path turned out to be.
    public enum Resolution: Sendable, Equatable {
        /// A regular file inside the root.
        case file(URL)
        /// Inside the root, but no regular file is there.
        case missing
        /// The path leaves the root (or is not a relative path); it must not be touched.
        case refused(String)

        /// What a located file's status says of it.
        public var status: FileStatus {
            switch self {
            case .file: .ok
            case .missing: .missing
            case .refused: .refused
            }
        }
    }

    /// The files root, with symbolic links resolved.
    public let root: URL

    /// A resolver for the files root `root`.
    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Resolves a stored relative path.
    public func resolve(_ stored: String) -> Resolution {
        guard !stored.isEmpty, !stored.contains("\0") else { return .refused("empty or binary path") }
        guard !stored.hasPrefix("/"), !stored.hasPrefix("\\") else { return .refused("absolute path") }
        var parts: [String] = []
        for part in stored.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return .refused("the path climbs out of the files root") }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        guard !parts.isEmpty else { return .refused("the path names the files root itself") }
        let rootPath = root.path(percentEncoded: false)
        let inside = rootPath.hasSuffix("/") ? rootPath : rootPath + "/"
        // The common case, a file that exists: realpath(3) resolves every link in one call.
        if let resolved = realpath(inside + parts.joined(separator: "/"), nil) {
            let real = String(cString: resolved)
            free(resolved)
            guard real.hasPrefix(inside) else { return .refused("a link inside the files root leads out of it") }
            var info = stat()
            guard stat(real, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return .missing }
            return .file(URL(filePath: real))
        }
        // Missing, or a dangling link: Foundation resolves what it can, to tell the two apart.
        let candidate = parts.reduce(root) { $0.appending(path: $1) }
        let real = candidate.resolvingSymlinksInPath()
        guard real.path(percentEncoded: false).hasPrefix(inside) else {
            return .refused("a link inside the files root leads out of it")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real.path(percentEncoded: false), isDirectory: &isDirectory),
            !isDirectory.boolValue
        else { return .missing }
        return .file(real)
    }
}

/// What a file named by a record turned out to be.
public enum FileStatus: String, Sendable, Codable, Equatable {
    /// A regular file inside the files root.
    case ok
    /// Inside the root, but no such file.
    case missing
    /// The path leaves the files root: never opened, never deleted.
    case refused
}
