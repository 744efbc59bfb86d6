extension Session {
    /// An erasure (``erase(_:options:confirm:recorded:)``) with its letter: before anything changes,
    /// the letter is rendered once (a missing template or controller detail stops it, exit 65,
    /// with nothing changed); after the apply the letter and one notice per recipient are
    /// written into `exports_dir` before the erasure's journal entry goes, so a stop before
    /// the letter leaves it to ``answerResumedErasures()``. A plan gets no letter.
    ///
    /// - Throws: as ``erase(_:options:confirm:recorded:)``, and ``LetterError``/``TemplateError`` before it.
    public func answerErasure(
        _ subject: Subject, options: ErasureOptions, language: Language,
        confirm: (ErasurePlan) -> Bool = { _ in true }
    ) throws -> Answer<ErasureReport> {
        let empty = ErasurePlan(steps: [], files: [], processorHeld: [], notify: [], related: [])
        if options.apply { _ = try erasureLetter(empty, for: subject, language: language) }
        var options = options
        options.letterLanguage = language
        var delivery: LetterDelivery?
        let report = try erase(subject, options: options, confirm: confirm) { plan in
            delivery = deliver { try erasureLetter(plan, for: subject, language: language) }
        }
        guard report.applied else { return Answer(report: report, letters: nil) }
        return Answer(report: report, letters: delivery)
    }

    /// ``finishCommittedErasures(letters:)`` with the letters of the erasures it finishes
    /// (each command's session does this first): an erasure stopped after its audit entry but
    /// before its letter gets the letter now.
    ///
    /// - Returns: how many erasures were finished, and the letters that could not be written.
    /// - Throws: as ``finishCommittedErasures(letters:)``.
    public func finishCommittedErasuresWithLetters() throws -> (finished: Int, lettersFailed: [String]) {
        var failed: [String] = []
        let finished = try finishCommittedErasures { plan, subject, language in
            if case .failed(let problem) = deliver(
                resuming: true, { try erasureLetter(plan, for: subject, language: language) })
            {
                failed.append(problem)
            }
        }
        return (finished, failed)
    }

    /// ``resumeErasures(letters:)`` with the letters of the erasures it finishes: an erasure
    /// stopped before its letter was written gets it now, from the plan it carried out, in
    /// the language it was asked in. An erasure that wrote no letter (`dsr-bench`, older
    /// versions' journal entries) gets none.
    ///
    /// - Throws: as ``resumeErasures(letters:)``.
    public func answerResumedErasures() throws -> [Answer<ErasureReport>] {
        // By request and plan: the report of each erasure carries both.
        var deliveries: [String: LetterDelivery] = [:]
        let reports = try resumeErasures { plan, subject, language in
            deliveries[(subject.request?.id ?? "") + " " + plan.digest] = deliver(resuming: true) {
                try erasureLetter(plan, for: subject, language: language)
            }
        }
        return reports.map { report in
            Answer(report: report, letters: deliveries[(report.resumedRequest ?? "") + " " + report.plan.digest])
        }
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
        var options = options
        options.letterLanguage = language
        var delivery: LetterDelivery?
        let report = try rectify(subject, changes: changes, options: options, confirm: confirm) { plan in
            delivery = deliver { try rectificationLetter(RectificationFacts(plan), for: subject, language: language) }
        }
        guard report.applied else { return Answer(report: report, letters: nil) }
        return Answer(report: report, letters: delivery)
    }

    /// ``finishRectifications(letters:)`` with the letters of the rectifications it finishes
    /// (each command's session does this first), finishing what a stopped run wrote of them.
    ///
    /// - Returns: how many were finished, and the letters that could not be written.
    /// - Throws: as ``finishRectifications(letters:)``.
    public func finishRectificationsWithLetters() throws -> (finished: Int, lettersFailed: [String]) {
        var failed: [String] = []
        let finished = try finishRectifications { plan, subject, language in
            let delivery = deliver(resuming: true) {
                try rectificationLetter(RectificationFacts(plan), for: subject, language: language)
            }
            if case .failed(let problem) = delivery { failed.append(problem) }
        }
        return (finished, failed)
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
