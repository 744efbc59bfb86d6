/// What an audit entry records; the raw value is the text stored in `audit_log.action` and
/// covered by the entry's hash, so a value here is never renamed once it has shipped.
public enum AuditAction: String, Sendable, Codable, CaseIterable {
    /// `dsr locate`: what was found for a subject.
    case locate
    /// `dsr export`: an access export was written.
    case export
    /// `dsr erase` without `--apply`: a plan was shown (its digest).
    case erasePlan = "erase.plan"
    /// `dsr erase --apply`: a plan was carried out (counts, digest, residue).
    case eraseApply = "erase.apply"
    /// `dsr retention audit --apply`: records past retention were purged (counts per rule).
    case retentionPurge = "retention.purge"
    /// Records of an earlier erasure that a restored backup brought back were erased again.
    case eraseAgain = "erase.again"
    /// `dsr rectify` without `--apply`: a plan was shown (its digest).
    case rectifyPlan = "rectify.plan"
    /// `dsr rectify --apply`: a plan was carried out (columns, counts, keyed hashes of the
    /// old and new values).
    case rectifyApply = "rectify.apply"
    /// A request was registered.
    case requestOpen = "request.open"
    /// The subject's identity was verified (Art. 12(6)).
    case requestVerify = "request.verify"
    /// The deadline was extended (Art. 12(3)).
    case requestExtend = "request.extend"
    /// A request was closed.
    case requestClose = "request.close"
    /// A closed request's identifiers were replaced by their keyed hashes.
    case requestForgetIdentifiers = "request.forget_identifiers"
    /// An open request was given identifiers it did not have (a rectification's new values).
    case requestAddIdentifiers = "request.add_identifiers"
    /// `dsr restrict`: a restriction of processing was recorded (Art. 18).
    case restrictAdd = "restrict.add"
    /// `dsr restrict lift`: a restriction was lifted, the person told before (Art. 18(3)).
    case restrictLift = "restrict.lift"
    /// `dsr hold add`: a legal hold was recorded (Art. 17(3)(b)/(e)).
    case holdAdd = "hold.add"
    /// `dsr hold release`: a legal hold was released before its date.
    case holdRelease = "hold.release"
    /// `dsr init --new-key` replaced a lost secret key: the entries before this one name their
    /// subjects by hashes of the old key and can no longer be found by identifier.
    case workspaceNewKey = "workspace.new_key"
}
