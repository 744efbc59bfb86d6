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
        // Retained cells, one line per column and basis, with the span of their end dates.
        var kept: [String: (basis: String, dates: [String], rows: Int)] = [:]
        for step in plan.steps where step.action == .retain {
            let name = "\(step.table).\(step.column ?? "")"
            var entry = kept[name + "\u{1F}" + (step.basis ?? "")] ?? (step.basis ?? "", [], 0)
            entry.rows += 1
            if let until = step.until { entry.dates.append(until) }
            kept[name + "\u{1F}" + (step.basis ?? "")] = entry
        }
        if !kept.isEmpty { sink.line("  kept (Art. 17(3)):") }
        for (key, entry) in kept.sorted(by: { $0.key < $1.key }) {
            let name = String(key.split(separator: "\u{1F}", maxSplits: 1).first ?? "")
            let dates = entry.dates.sorted()
            let span =
                dates.isEmpty
                ? "" : dates.first == dates.last ? ", until \(dates[0])" : ", until \(dates[0]) to \(dates.last!)"
            sink.line("    \(name) in \(entry.rows) row(s)\(span): \(entry.basis)")
        }
        // Held records (a legal hold or a restriction keeps them), per table and basis.
        var held: [String: (table: String, basis: String, until: String?, rows: Int)] = [:]
        for step in plan.steps where step.action == .held {
            let key = step.table + "\u{1F}" + (step.basis ?? "") + "\u{1F}" + (step.until ?? "")
            held[key, default: (step.table, step.basis ?? "", step.until, 0)].rows += 1
        }
        if !held.isEmpty { sink.line("  held, not erased (legal hold or restriction):") }
        for (_, entry) in held.sorted(by: { $0.key < $1.key }) {
            sink.line(
                "    \(entry.table) in \(entry.rows) row(s), until \(entry.until ?? "lifted"): \(entry.basis)")
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
