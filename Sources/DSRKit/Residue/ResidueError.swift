import Foundation

/// Failures reading a place during a residue scan.
///
/// The messages name the place by the caller's label, never by its path, which can hold
/// personal data.
public enum ResidueError: DSRError, Equatable {
    /// The path is a symbolic link: it is refused, not followed, because its target is not the place.
    case symbolicLink
    /// The path is not a regular file (a folder, a device, a FIFO).
    case notARegularFile
    /// The file is not a SQLite database (its header), so its unused space cannot be told apart.
    case notADatabase
    /// A system call failed with `errno`.
    case system(call: String, errno: Int32)
    /// A failure while scanning the place labelled `place`.
    indirect case place(String, ResidueError)

    public var kind: FailureKind {
        switch self {
        case .symbolicLink, .notARegularFile, .notADatabase: .badData
        case .system: .internalError
        case .place(_, let error): error.kind
        }
    }

    public var errorDescription: String? {
        switch self {
        case .symbolicLink: "is a symbolic link; the residue scan does not follow links"
        case .notARegularFile: "is not a regular file"
        case .notADatabase: "is not a SQLite database"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .place(let place, let error): "residue scan of \(place): \(error.errorDescription ?? "failed")"
        }
    }
}
