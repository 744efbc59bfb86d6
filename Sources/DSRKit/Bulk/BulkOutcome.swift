/// What became of one row of a bulk file (CONTRACT.md section 8).
public struct BulkOutcome: Sendable, Equatable, Encodable {
    /// What became of a row.
    public enum Status: String, Sendable, Encodable {
        /// Carried out now.
        case done
        /// Done by an earlier run of a file with the same ref and content.
        case skipped
        /// Not carried out: ``BulkOutcome/error`` says why.
        case failed
        /// `--dry-run`: every field reads and the row would be carried out.
        case ready
    }

    /// The sender's ref (printed back to the sender, never stored in plain).
    public var ref: String?
    /// The row's line in the file.
    public var line: Int
    /// What became of it.
    public var status: Status
    /// The request the row opened (none for `locate`).
    public var request: String?
    /// Why it failed, naming the line and field; or what a done row could not finish.
    public var error: String?
    /// The action the row asked for.
    public var action: BulkAction?
    /// `locate`: records found.
    public var records: Int?
    /// `locate`: files found.
    public var files: Int?
    /// `access`, `portability`: the archive written.
    public var archive: String?
    /// `erasure`, `rectification`: the plan's digest.
    public var digest: String?
    /// `erasure`, `rectification`: whether the plan was carried out.
    public var applied: Bool?
    /// `erasure` with `apply`: occurrences the residue scan found left (0 is the goal).
    public var residue: Int?

    /// Whether the row calls for exit 1: it failed, an erasure left something behind, or a
    /// done row could not finish everything (a file left out of an archive, a letter missing).
    public var isProblem: Bool { status == .failed || (residue ?? 0) > 0 || error != nil }

    enum CodingKeys: String, CodingKey {
        case ref, line, status, request, error, action, records, files, archive, digest, applied, residue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ref, forKey: .ref)
        try container.encode(line, forKey: .line)
        try container.encode(status, forKey: .status)
        try container.encode(request, forKey: .request)
        try container.encode(error, forKey: .error)
        try container.encodeIfPresent(action, forKey: .action)
        try container.encodeIfPresent(records, forKey: .records)
        try container.encodeIfPresent(files, forKey: .files)
        try container.encodeIfPresent(archive, forKey: .archive)
        try container.encodeIfPresent(digest, forKey: .digest)
        try container.encodeIfPresent(applied, forKey: .applied)
        try container.encodeIfPresent(residue, forKey: .residue)
    }
}

/// A bulk run's rows and counts: what `dsr bulk --json` prints.
public struct BulkSummary: Sendable, Equatable, Encodable {
    /// Every row, in file order.
    public var rows: [BulkOutcome] = []
    /// Rows carried out now.
    public var done: Int { rows.filter { $0.status == .done }.count }
    /// Rows done by an earlier run.
    public var skipped: Int { rows.filter { $0.status == .skipped }.count }
    /// Rows not carried out.
    public var failed: Int { rows.filter { $0.status == .failed }.count }
    /// `--dry-run`: rows that would be carried out.
    public var ready: Int { rows.filter { $0.status == .ready }.count }
    /// Whether this was a `--dry-run`.
    public var dryRun = false
    /// Why the run stopped before its end (a locked database, a full disk), if it did.
    public var stopped: String?
    /// The kind of the error that stopped it (for the exit code).
    public var stoppedKind: FailureKind?
    /// The one residue scan after the erasures the run applied; nil when it applied none.
    public var residue: BulkResidue?

    /// Whether the run needs the DPO's attention: a row failed or needs a look, or the
    /// residue scan found something.
    public var hasProblem: Bool { rows.contains(where: \.isProblem) || (residue?.found ?? 0) > 0 }

    enum CodingKeys: String, CodingKey {
        case rows, done, skipped, failed, ready, dryRun = "dry_run", stopped, residue
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rows, forKey: .rows)
        try container.encode(done, forKey: .done)
        try container.encode(skipped, forKey: .skipped)
        try container.encode(failed, forKey: .failed)
        if dryRun {
            try container.encode(ready, forKey: .ready)
            try container.encode(true, forKey: .dryRun)
        }
        try container.encodeIfPresent(stopped, forKey: .stopped)
        try container.encodeIfPresent(residue, forKey: .residue)
    }
}

/// The residue scan of a bulk run: one scan, after all its erasures committed, for every
/// stored form of every value they erased (what `dsr erase` scans for after each).
public struct BulkResidue: Sendable, Equatable, Encodable {
    /// The erasures the scan covers.
    public var erasures: Int
    /// Stored forms of erased values still found (0 is the goal).
    public var found: Int
    /// Where they were found, without personal data.
    public var places: [ResiduePlace]
    /// Occurrences in cells kept on purpose (retained, related context), counted apart.
    public var kept: Int

    init(erasures: Int, report: ResidueReport, kept: Int) {
        self.erasures = erasures
        found = report.found
        places = report.places
        self.kept = kept
    }
}
