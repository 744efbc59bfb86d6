import DSRKit

/// The human summary of an erasure plan: per table and action, then files, processor-held
/// records, related context and whom to notify.
struct ErasureSummary {
    let plan: ErasurePlan

    func print(to sink: OutputSink) {
        sink.line("Erasure plan \(plan.digest)")
        var tables: [String] = []
        for step in plan.steps where !tables.contains(step.table) { tables.append(step.table) }
        if tables.isEmpty { sink.line("  nothing of this person's is left to erase") }
        for table in tables {
            let steps = plan.steps.filter { $0.table == table }
            var parts: [String] = []
            for action in ErasureStepAction.allCases {
                let group = steps.filter { $0.action == action }
                guard !group.isEmpty else { continue }
                let columns = Set(group.compactMap(\.column)).sorted()
                let rows = Set(group.map(\.key)).count
                parts.append(
                    "\(action.rawValue) \(rows) row(s)"
                        + (columns.isEmpty ? "" : " (\(columns.joined(separator: ", ")))"))
            }
            sink.line("  \(table): " + parts.joined(separator: "; "))
        }
        let bases = Set(
            plan.steps.filter { $0.action == .retain }.compactMap { step in
                step.basis.map {
                    "\(step.table).\(step.column ?? ""): \($0)"
                        + (step.until.map { " (until \($0) at the latest)" } ?? "")
                }
            })
        if !bases.isEmpty {
            sink.line("  kept (Art. 17(3)):")
            for basis in bases.sorted().prefix(12) { sink.line("    \(basis)") }
        }
        if !plan.files.isEmpty {
            let deleted = plan.files.filter { $0.action == .delete }.count
            let rewritten = plan.files.count - deleted
            sink.line("  files: \(deleted) deleted, \(rewritten) message(s) with the person's addresses removed")
        }
        if !plan.processorHeld.isEmpty {
            let controllers = Set(plan.processorHeld.compactMap(\.controller)).sorted()
            sink.line(
                "  held for number owners, not erased (forward the request to \(controllers.joined(separator: ", "))"
                    + ", or --include-processor-data): \(plan.processorHeld.count) record(s)")
        }
        for context in plan.related { sink.line("  left alone, related context: \(context.table) \(context.count)") }
        if !plan.notify.isEmpty { sink.line("  tell the recipients (Art. 19): " + plan.notify.joined(separator: "; ")) }
    }
}
