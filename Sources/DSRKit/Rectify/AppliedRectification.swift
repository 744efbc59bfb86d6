import Foundation

/// What a rectification's audit entry and letter are written from, kept in its journal entry
/// from before the operations commit: a run stopped between that commit and its letter leaves
/// the new values stored and a fresh plan finding nothing to change, so the next command
/// records and answers it from this, as the stopped run would have.
struct AppliedRectification: Equatable {
    /// The plan the transaction carried out.
    let plan: RectificationPlan
    /// The new identifiers written (an open request is extended with them).
    let newIdentifiers: [SubjectIdentifier]
    /// `--force` of the stopped run.
    let forced: Bool
    /// The letter still to write after the audit entry, in this language; nil when none is due.
    let letterLanguage: Language?

    private struct Stored: Codable {
        struct Step: Codable {
            let table: String
            let key: RecordKey
            let column: String
            let old: String?
            let new: String
            /// `--replace`: the canonical identifiers replaced and written.
            let replaced: [String]?
        }
        struct Unchangeable: Codable {
            let table, column: String
            let records: Int
            let reason: String
        }
        let steps: [Step]
        let not_changeable: [Unchangeable]
        let notify: [String]
        let new_identifiers: [String]
        let forced: Bool
        let letter_language: Language?
    }

    init(plan: RectificationPlan, newIdentifiers: [SubjectIdentifier], forced: Bool, letterLanguage: Language?) {
        self.plan = plan
        self.newIdentifiers = newIdentifiers
        self.forced = forced
        self.letterLanguage = letterLanguage
    }

    /// The journal's text (JSON).
    var journalText: String {
        let stored = Stored(
            steps: plan.steps.map {
                Stored.Step(
                    table: $0.table, key: $0.key, column: $0.column, old: $0.old, new: $0.new,
                    replaced: $0.identifiers.map { [$0.old.canonical, $0.new.canonical] })
            },
            not_changeable: plan.notChangeable.map {
                Stored.Unchangeable(table: $0.table, column: $0.column, records: $0.records, reason: $0.reason)
            }, notify: plan.notify, new_identifiers: newIdentifiers.map(\.canonical), forced: forced,
            letter_language: letterLanguage)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(stored)) ?? Data(), as: UTF8.self)
    }

    /// Reads ``journalText``, the plan's digest keyed by `valueHash` (the session's hasher).
    ///
    /// - Throws: `DecodingError` for text dsr did not write; ``IdentityError`` for an
    ///   identifier that does not read.
    init(journalText: String, defaultCountry: String, valueHash: (String) -> String) throws {
        let stored = try JSONDecoder().decode(Stored.self, from: Data(journalText.utf8))
        func identifier(_ canonical: String) throws -> SubjectIdentifier {
            try SubjectIdentifier.parse(canonical, defaultCountry: defaultCountry)
        }
        let steps = try stored.steps.map { step in
            RectificationStep(
                table: step.table, key: step.key, column: step.column, old: step.old, new: step.new,
                identifiers: try step.replaced.map { pair in
                    guard pair.count == 2 else {
                        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a replaced pair"))
                    }
                    return IdentifierChange(old: try identifier(pair[0]), new: try identifier(pair[1]))
                })
        }
        plan = RectificationPlan(
            steps: steps,
            notChangeable: stored.not_changeable.map {
                NotChangeableColumn(table: $0.table, column: $0.column, records: $0.records, reason: $0.reason)
            }, notify: stored.notify, valueHash: valueHash)
        newIdentifiers = try stored.new_identifiers.map(identifier)
        forced = stored.forced
        letterLanguage = stored.letter_language
    }
}
