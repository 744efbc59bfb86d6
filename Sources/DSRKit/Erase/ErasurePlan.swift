import Foundation

/// What an erasure does to one column or row (CONTRACT.md section 6).
public enum ErasureStepAction: String, Sendable, Codable, Equatable, CaseIterable {
    case deleteRow = "delete-row"
    case setNull = "set-null"
    case redact
    case pseudonymise
    case retain
    /// A legal hold or a restriction keeps it (issue 11).
    case held
}

/// One step of an erasure plan: a row deleted, or one column of it changed or kept.
public struct ErasureStep: Sendable, Codable, Equatable {
    public var table: String
    public var key: RecordKey
    /// The column; nil for `delete-row`.
    public var column: String?
    public var action: ErasureStepAction
    /// Why it is kept (Art. 17(3)), for `retain`.
    public var basis: String?
    /// Until when it is kept (`YYYY-MM-DD`), for `retain`; nil when the end cannot be dated
    /// (no period in the map, or no date in the row).
    public var until: String?

    /// Creates a step.
    public init(
        table: String, key: RecordKey, column: String? = nil, action: ErasureStepAction, basis: String? = nil,
        until: String? = nil
    ) {
        self.table = table
        self.key = key
        self.column = column
        self.action = action
        self.basis = basis
        self.until = until
    }

    /// Whether the step changes the database.
    public var changes: Bool { action != .retain && action != .held }
}

/// A file an erasure deletes, or whose headers it rewrites.
public struct ErasureFile: Sendable, Codable, Equatable {
    /// What happens to the file.
    public enum Action: String, Sendable, Codable, Equatable {
        /// The file of a deleted row.
        case delete
        /// A message of a redacted row: the subject's mailboxes leave its address headers.
        case redact
    }

    public var table: String
    public var key: RecordKey
    /// The column that names the file.
    public var column: String
    /// As stored, relative to the files root.
    public var path: String
    public var action: Action
    /// `audio` or `email`.
    public var format: FileFormat
}

/// A record held as processor and not erased (it is the number owner's to decide).
public struct ProcessorHeldRecord: Sendable, Codable, Equatable {
    public var table: String
    public var key: RecordKey
    /// The controller to forward the request to, as `table:key` of its row (`customers:2`),
    /// nil when no organisation row is reachable.
    public var controller: String?
}

/// Related context left alone: not the subject's own records.
public struct RelatedContext: Sendable, Codable, Equatable {
    public var table: String
    public var count: Int
}

/// An erasure plan: exactly what `--apply` will do, in the order it does it.
///
/// Steps run children before parents along the map's references, so no step leaves a
/// foreign key dangling. The digest is the SHA-256 of the plan's canonical JSON (every
/// field but the digest itself, keys sorted, no spaces): `--apply --expect DIGEST` carries
/// out only the plan the DPO read.
public struct ErasurePlan: Sendable, Equatable {
    public let steps: [ErasureStep]
    public let files: [ErasureFile]
    public let processorHeld: [ProcessorHeldRecord]
    /// The recipients to tell (Art. 19): those of every table the plan changes.
    public let notify: [String]
    public let related: [RelatedContext]
    /// The SHA-256 of the canonical JSON, computed once when the plan is made (encoding a
    /// plan of a few hundred steps costs milliseconds; the plan is immutable, so it cannot
    /// go stale).
    public let digest: String

    /// Creates a plan and its digest.
    public init(
        steps: [ErasureStep], files: [ErasureFile], processorHeld: [ProcessorHeldRecord], notify: [String],
        related: [RelatedContext]
    ) {
        self.steps = steps
        self.files = files
        self.processorHeld = processorHeld
        self.notify = notify
        self.related = related
        digest = Digests.sha256Hex(
            Array(
                Self.canonical(
                    steps: steps, files: files, processorHeld: processorHeld, notify: notify, related: related
                )
                .compactText.utf8))
    }

    /// Whether applying the plan would change anything.
    public var changesAnything: Bool { steps.contains(where: \.changes) || !files.isEmpty }
}
