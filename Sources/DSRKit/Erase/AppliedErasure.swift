import Foundation

/// What an erasure's audit entry and letter are written from, kept in its journal entry
/// from before the operations commit: a run stopped between that commit and the audit entry
/// leaves the data changed and the plan gone from the database (a fresh plan finds nothing
/// left to do), so the next run records the erasure from this, as the stopped run would have.
struct AppliedErasure: Equatable {
    /// The plan the transaction carried out.
    let plan: ErasurePlan
    /// `--force` of the stopped run.
    let forced: Bool
    /// The restrictions `--override-restriction` set aside (their ids).
    let overriddenRestrictions: [String]
    /// The holds that kept records (their ids).
    let heldBy: [String]
    /// The letter still to write after the audit entry, in this language; nil when none is due.
    let letterLanguage: Language?

    /// The journal's text: the plan's canonical JSON with the run's choices.
    var journalText: String {
        JSONText.object([
            ("plan", plan.canonical), ("forced", .bool(forced)),
            ("overridden_restrictions", .array(overriddenRestrictions.map(JSONText.string))),
            ("held_by", .array(heldBy.map(JSONText.string))),
            ("letter_language", letterLanguage.map { .string($0.rawValue) }),
        ]).compactText
    }

    init(
        plan: ErasurePlan, forced: Bool, overriddenRestrictions: [String], heldBy: [String], letterLanguage: Language?
    ) {
        self.plan = plan
        self.forced = forced
        self.overriddenRestrictions = overriddenRestrictions
        self.heldBy = heldBy
        self.letterLanguage = letterLanguage
    }

    /// Reads ``journalText``; the plan read must have `digest`.
    ///
    /// - Throws: `DecodingError` for text dsr did not write or a plan of another digest.
    init(journalText: String, digest: String) throws {
        struct StoredPlan: Decodable {
            let steps: [ErasureStep]
            let files: [ErasureFile]
            let processor_held: [ProcessorHeldRecord]
            let notify: [String]
            let related: [RelatedContext]
        }
        struct Stored: Decodable {
            let plan: StoredPlan
            let forced: Bool
            let overridden_restrictions: [String]
            let held_by: [String]
            let letter_language: Language?
        }
        let stored = try JSONDecoder().decode(Stored.self, from: Data(journalText.utf8))
        plan = ErasurePlan(
            steps: stored.plan.steps, files: stored.plan.files, processorHeld: stored.plan.processor_held,
            notify: stored.plan.notify, related: stored.plan.related)
        guard plan.digest == digest else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: [], debugDescription: "the stored plan's digest is \(plan.digest), not \(digest)"))
        }
        forced = stored.forced
        overriddenRestrictions = stored.overridden_restrictions
        heldBy = stored.held_by
        letterLanguage = stored.letter_language
    }
}
