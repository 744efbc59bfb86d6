import Foundation

/// Options of an access or portability export (`dsr export`).
public struct ExportOptions: Sendable {
    public var format: ArchiveFormat = .zip
    /// Where to write; default `exports_dir/<request id or UTC time>-access.<zip|tar.gz>`.
    public var output: URL?
    /// The language of the letter and the page.
    public var language = Language.english
    /// Access (Art. 15) or portability (Art. 20); nil: what the request asks, else access.
    public var kind: ExportKind?
    /// AES-256 zip password; nil for an unencrypted archive.
    public var password: String?
    /// Include recordings and voicemails held as processor for a number owner, for a caller.
    public var includeProcessorData = false
    /// Export even when the request is not of a fitting type or not verified (audited).
    public var force = false
    /// Replace an archive that exists under the output name (atomically: the old one stays
    /// until the new one is complete).
    public var overwrite = false

    /// Default options.
    public init() {}
}

/// Which right an export answers.
public enum ExportKind: String, Sendable, Codable, Equatable, CaseIterable {
    /// Art. 15: everything we hold about the person, with the facts of Art. 15(1).
    case access
    /// Art. 20: the data the person provided, in machine-readable form, to take elsewhere.
    case portability
}

/// What an export wrote.
public struct ExportReport: Sendable, Codable, Equatable {
    /// The archive.
    public var path: String
    /// Access or portability.
    public var kind: ExportKind
    /// SHA-256 of `manifest.json` (also in the audit log).
    public var manifestSHA256: String
    /// Files in the archive.
    public var entries: Int
    /// Records per table.
    public var records: [String: Int]
    /// Processor-held files listed but left out.
    public var processorFilesLeftOut: Int
    /// Files of the records that could not be included (missing, or a path that leaves the
    /// files root): named by table and key, never by path.
    public var filesLeftOut: [FileLeftOut]
    /// Restrictions of processing (Art. 18) in force on the person: the export answers the
    /// right of access all the same, and says so.
    public var restrictions: [LocatedRestriction] = []
}

/// A file the archive could not hold.
public struct FileLeftOut: Sendable, Codable, Equatable {
    /// The record's table and key.
    public var table: String
    public var key: RecordKey
    /// `missing` or `refused`.
    public var status: FileStatus
}

/// Failures of an export that are not database or archive failures.
public enum ExportError: DSRError, Equatable {
    /// The request does not allow an export (type, verification) and --force was not given.
    case requestNotReady(id: String, reason: String)
    /// The output exists already.
    case outputExists(String)
    /// A file the export must copy could not be read.
    case unreadableFile(table: String, key: String)
    /// `--password-file` names no readable file.
    case passwordFileMissing(String)
    /// The password file's first line is empty.
    case passwordFileEmpty(String)
    /// Keys of `dsr.yaml` that say who the controller is are empty (`configFile` names the file).
    case controllerMissing(keys: [String], configFile: String)

    public var kind: FailureKind {
        switch self {
        case .requestNotReady, .controllerMissing: .badData
        case .outputExists: .cannotWrite
        case .passwordFileMissing, .unreadableFile: .missingInput
        case .passwordFileEmpty: .badData
        }
    }

    public var errorDescription: String? {
        switch self {
        case .requestNotReady(let id, let reason): "\(id): \(reason); pass --force to export anyway (it is audited)"
        case .outputExists(let path): "\(path) exists already; choose another -o, or pass --overwrite to replace it"
        case .passwordFileMissing(let path): "cannot read the password file \(path)"
        case .unreadableFile(let table, let key): "cannot read the file of \(table) \(key); check its permissions"
        case .passwordFileEmpty(let path): "the password file \(path) is empty: its first line is the password"
        case .controllerMissing(let keys, let configFile):
            "\(configFile): fill in \(keys.joined(separator: ", ")) before exporting:"
                + " the letter and the page tell the person who the controller is"
        }
    }
}
