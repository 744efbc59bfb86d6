/// Everything locate found for one subject: the input of exports, erasures and rectifications.
public struct LocateResult: Sendable, Codable, Equatable {
    /// The subject's identifiers: those given, and those learnt from their own records.
    public var identifiers: [LocatedIdentifier]
    /// Every record tied to the subject, own and related, in table order then key order.
    public var records: [LocatedRecord]
    /// Every file named by a located record, resolved inside the files root.
    public var files: [LocatedFile]
    /// Stored values that could not be read, files missing, paths refused.
    public var warnings: [LocateWarning]
    /// With `--deep`: mentions of the subject inside e-mail bodies.
    public var mentions: [Mention]
    /// How the records were looked up.
    public var method: LocateMethod
    /// Restrictions in force on the person (filled in by the command from the register of
    /// restrictions and holds; locate itself does not read it).
    public var restrictions: [LocatedRestriction] = []
    /// Legal holds active on the person's records (filled in as ``restrictions``).
    public var holds: [LocatedHold] = []

    /// The subject's identifiers as values (given and learnt).
    public var subjectIdentifiers: [SubjectIdentifier] { identifiers.map(\.identifier) }
}

extension LocateResult {
    /// The rows reached through a reference from a record of one of `tables` (a voicemail's
    /// notification e-mail, reached from the voicemail): held the way that record is held.
    func rows(reachedFrom tables: Set<String>) -> Set<RecordReference> {
        Set(
            records.compactMap { record -> RecordReference? in
                guard case .reference(let step) = record.step, tables.contains(step.from.table) else { return nil }
                return record.record.row
            })
    }
}

/// How locate looked records up.
public enum LocateMethod: String, Sendable, Codable, Equatable {
    /// Through dsr's identifier index (the default).
    case index
    /// By normalising every stored value (`--scan`).
    case scan
}

/// A file a located record names.
public struct LocatedFile: Sendable, Codable, Equatable {
    /// The record and the column that names the file.
    public var record: RecordReference
    /// The path as stored, relative to the files root.
    public var path: String
    /// What the file is.
    public var format: FileFormat
    /// Whether it could be used.
    public var status: FileStatus
    /// Whether the record is the subject's own or related context.
    public var relation: MatchRelation

    /// The table of the record.
    public var table: String { record.table }
    /// The record's key.
    public var key: RecordKey { record.key }

    private enum CodingKeys: String, CodingKey {
        case path, format, status, relation
    }

    /// Creates a located file.
    public init(
        record: RecordReference, path: String, format: FileFormat, status: FileStatus, relation: MatchRelation
    ) {
        self.record = record
        self.path = path
        self.format = format
        self.status = status
        self.relation = relation
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        record = try RecordReference(flatFrom: decoder)
        path = try container.decode(String.self, forKey: .path)
        format = try container.decode(FileFormat.self, forKey: .format)
        status = try container.decode(FileStatus.self, forKey: .status)
        relation = try container.decode(MatchRelation.self, forKey: .relation)
    }

    public func encode(to encoder: any Encoder) throws {
        try record.encodeFlat(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(format, forKey: .format)
        try container.encode(status, forKey: .status)
        try container.encode(relation, forKey: .relation)
    }
}

/// Something locate could not read or use; never quotes a personal value.
public struct LocateWarning: Sendable, Codable, Equatable {
    /// What went wrong.
    public var kind: Kind
    /// The table.
    public var table: String
    /// The column, where one is meant.
    public var column: String?
    /// The keys of the rows concerned.
    public var keys: [RecordKey]
    /// Why, in words.
    public var message: String

    /// The kinds of warning.
    public enum Kind: String, Sendable, Codable, Equatable {
        /// Stored values that hold no readable identifier.
        case unparseable
        /// A file named by a record does not exist.
        case missingFile = "missing_file"
        /// A path that leaves the files root.
        case refusedPath = "refused_path"
    }
}

/// A mention of the subject inside an e-mail file's text (`--deep`).
public struct Mention: Sendable, Codable, Equatable {
    /// The table of the e-mail record.
    public var table: String
    /// The e-mail record's key.
    public var key: RecordKey
    /// The file.
    public var path: String
    /// The identifier mentioned (canonical `kind:value`).
    public var identifier: String
    /// Whether the e-mail record itself is already located for the subject.
    public var recordLocated: Bool
}

extension FileFormat: Codable {}
extension MatchRelation: Codable {}
