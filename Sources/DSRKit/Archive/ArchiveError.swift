import Foundation

/// Failures writing an export archive.
///
/// Messages name the archive and the entry and carry libarchive's own text
/// (`archive_error_string`) or the system's; they never carry file contents.
public enum ArchiveError: DSRError, Equatable {
    /// Something already exists at the output path; an archive never overwrites.
    case outputExists(archive: String)
    /// The output file could not be created (permissions, a missing folder, a full disk).
    case cannotCreate(archive: String, reason: String)
    /// libarchive refused a call; `entry` is nil for archive-wide steps.
    case library(archive: String, entry: String?, message: String)
    /// A file to be added does not exist.
    case missingSource(source: String, entry: String)
    /// A file to be added exists but cannot be read, or is not a regular file.
    case unreadableSource(source: String, entry: String, reason: String)
    /// A file to be added changed size while it was being copied.
    case sourceChanged(source: String, entry: String)
    /// A password was given for a format that cannot encrypt.
    case passwordNeedsZip(archive: String)
    /// The password is empty.
    case emptyPassword(archive: String)
    /// An entry path is absolute, climbs out with `..`, or is otherwise not a plain relative path.
    case invalidEntryPath(entry: String, reason: String)
    /// Two entries would have the same path.
    case duplicateEntry(archive: String, entry: String)
    /// The writer was finished, or failed earlier, and takes no more calls.
    case closed(archive: String)

    public var kind: FailureKind {
        switch self {
        case .outputExists, .cannotCreate, .library: .cannotWrite
        case .missingSource, .unreadableSource: .missingInput
        case .sourceChanged: .temporary
        case .passwordNeedsZip, .emptyPassword, .invalidEntryPath, .duplicateEntry: .usage
        case .closed: .internalError
        }
    }

    public var errorDescription: String? {
        switch self {
        case .outputExists(let archive):
            "refusing to overwrite an existing file: \(archive)"
        case .cannotCreate(let archive, let reason):
            "cannot create archive \(archive): \(reason)"
        case .library(let archive, let entry?, let message):
            "cannot write entry \(entry) to archive \(archive): \(message)"
        case .library(let archive, nil, let message):
            "cannot write archive \(archive): \(message)"
        case .missingSource(let source, let entry):
            "file to archive as \(entry) not found: \(source)"
        case .unreadableSource(let source, let entry, let reason):
            "cannot read file to archive as \(entry): \(source): \(reason)"
        case .sourceChanged(let source, let entry):
            "file changed size while archived as \(entry): \(source); run the export again"
        case .passwordNeedsZip(let archive):
            "only zip archives can be encrypted; use --format zip for \(archive)"
        case .emptyPassword(let archive):
            "the password for \(archive) is empty"
        case .invalidEntryPath(let entry, let reason):
            "invalid path inside the archive: \(entry): \(reason)"
        case .duplicateEntry(let archive, let entry):
            "entry \(entry) is already in archive \(archive)"
        case .closed(let archive):
            "archive \(archive) is already finished or failed; it takes no more entries"
        }
    }
}
