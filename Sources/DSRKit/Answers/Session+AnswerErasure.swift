extension Session {
    /// An erasure (``erase(_:options:confirm:)``) with its letter: before anything changes,
    /// the letter is rendered once (a missing template or controller detail stops it, exit 65,
    /// with nothing changed); after the apply the letter and one notice per recipient are
    /// written into `exports_dir`. A plan gets no letter, nor does an erasure `--resume`
    /// finishes (its plan is only what the crash left).
    ///
    /// - Throws: as ``erase(_:options:confirm:)``, and ``LetterError``/``TemplateError`` before it.
    public func answerErasure(
        _ subject: Subject, options: ErasureOptions, language: Language,
        confirm: (ErasurePlan) -> Bool = { _ in true }
    ) throws -> Answer<ErasureReport> {
        let empty = ErasurePlan(steps: [], files: [], processorHeld: [], notify: [], related: [])
        if options.apply { _ = try erasureLetter(empty, for: subject, language: language) }
        let report = try erase(subject, options: options, confirm: confirm)
        guard report.applied else { return Answer(report: report, letters: nil) }
        return Answer(
            report: report, letters: deliver { try erasureLetter(report.plan, for: subject, language: language) })
    }

    /// A rectification (``rectify(_:changes:options:confirm:)``) with its letter, as
    /// ``answerErasure(_:options:language:confirm:)``: what changed (the new values), what could
    /// not be changed here and why, and a notice with the new values per recipient.
    ///
    /// - Throws: as ``rectify(_:changes:options:confirm:)``, and letter errors before it.
    public func answerRectification(
        _ subject: Subject, changes: [RectificationChange], options: RectificationOptions, language: Language,
        confirm: (RectificationPlan) -> Bool = { _ in true }
    ) throws -> Answer<RectificationReport> {
        if options.apply {
            _ = try rectificationLetter(
                RectificationFacts(changes: [], recipients: []), for: subject, language: language)
        }
        let report = try rectify(subject, changes: changes, options: options, confirm: confirm)
        guard report.applied else { return Answer(report: report, letters: nil) }
        let facts = RectificationFacts(report.plan)
        return Answer(
            report: report, letters: deliver { try rectificationLetter(facts, for: subject, language: language) })
    }
}

extension RectificationFacts {
    /// What a rectification plan changed, per table, column and new value.
    init(_ plan: RectificationPlan) {
        var changes: [Change] = []
        for step in plan.steps {
            if let index = changes.firstIndex(where: {
                $0.table == step.table && $0.column == step.column && $0.newValue == step.new
            }) {
                changes[index] = Change(
                    table: step.table, column: step.column, records: changes[index].records + 1, newValue: step.new)
            } else {
                changes.append(Change(table: step.table, column: step.column, records: 1, newValue: step.new))
            }
        }
        self.init(
            changes: changes,
            notChangeable: plan.notChangeable.map {
                NotChangeable(table: $0.table, column: $0.column, records: $0.records, reason: $0.reason)
            }, recipients: plan.notify)
    }
}
