/// Options of `dsr erase`.
public struct ErasureOptions: Sendable {
    /// Carry the plan out; without it nothing changes.
    public var apply = false
    /// The digest of the plan the DPO read: refuse when the plan computed now differs.
    public var expect: String?
    /// Erase records held as processor for a number owner too (audited).
    public var includeProcessorData = false
    /// Erase even when the request is not a verified, open erasure request (audited).
    public var force = false
    /// Erase even while a restriction (Art. 18) is in force on the person (audited); legal
    /// holds still keep their records.
    public var overrideRestriction = false
    /// After the apply, `VACUUM` the tables changed on a PostgreSQL server
    /// (``ServerRemnants/vacuumed``); refused on a SQLite file, which needs none.
    public var vacuum = false
    /// Show the plan and ask before applying (a terminal without `--yes`): the plan is made
    /// outside the write lock, and the apply carries out only a plan with its digest.
    public var asks = false
    /// Scan for residue after the apply. Switched off by `dsr bulk`, which scans once for all
    /// the erasures of a run (``ErasureReport/residueQuestion``), and by the benchmark
    /// (`dsr-bench erase`), to time the erasure apart from the scan.
    package var scansResidue = true
    /// The digest of the interrupted plan a `--resume` finishes (recorded in the audit entry,
    /// which otherwise shows only what was left to do).
    package var resumes: String?
    /// The language of the letter the caller writes once the erasure is recorded: kept in the
    /// journal until the letter is written, so a run stopped before it writes it on resuming.
    package var letterLanguage: Language?

    /// Default options: a plan only.
    public init() {}
}

/// What `dsr erase` reports (CONTRACT.md section 6): the plan, whether it was applied, and
/// the residue dsr's byte scan found afterwards.
public struct ErasureReport: Sendable, Encodable {
    public var plan: ErasurePlan
    public var applied: Bool
    /// After `--apply`: stored forms of erased values still found (0 is the goal).
    public var residue: ResidueReport?
    /// After `--apply`: occurrences in cells kept on purpose (retained, related context),
    /// which the scan counts apart.
    public var kept: Int?
    /// Files the erasure could not delete or rewrite (refused paths, links), by table.
    public var filesRefused: [FileRefusal] = []
    /// Messages whose headers were redacted but whose body still mentions the person (the
    /// body is not rewritten; the residue scan counts it too): for the DPO to read.
    public var bodiesMentioning: [RecordReference] = []
    /// After `--apply` without its own scan (``ErasureOptions/scansResidue`` off): what the
    /// scan would have looked for, for one later scan of many erasures (`dsr bulk`).
    var residueQuestion: ResidueQuestion?
    /// For a report of ``Session/resumeErasures()``: the request of the erasure it finished.
    package var resumedRequest: String?
    /// On a PostgreSQL server: what it keeps of the erased values beyond dsr's reach.
    public var server: ServerRemnants?

    enum CodingKeys: String, CodingKey {
        case digest, applied, steps, files, processor_held, notify, related, residue, kept, files_refused
        case bodies_mentioning, server
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan.digest, forKey: .digest)
        try container.encode(applied, forKey: .applied)
        try container.encode(plan.steps, forKey: .steps)
        try container.encode(plan.files, forKey: .files)
        try container.encode(plan.processorHeld, forKey: .processor_held)
        try container.encode(plan.notify, forKey: .notify)
        try container.encode(plan.related, forKey: .related)
        if let residue {
            try container.encode(residue, forKey: .residue)
        } else {
            try container.encodeNil(forKey: .residue)
        }
        if let kept { try container.encode(kept, forKey: .kept) }
        try container.encode(filesRefused, forKey: .files_refused)
        try container.encode(bodiesMentioning, forKey: .bodies_mentioning)
        try container.encodeIfPresent(server, forKey: .server)
    }
}

/// A file an erasure left alone because touching it would be unsafe.
public struct FileRefusal: Sendable, Codable, Equatable {
    public var table: String
    /// Why: the path leaves the files root, or it is a symbolic link.
    public var reason: String
}
