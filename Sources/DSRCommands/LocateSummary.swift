import DSRKit

/// The text report of `dsr locate`: identifiers with provenance, records grouped by table,
/// files, warnings and mentions.
struct LocateSummary {
    var result: LocateResult
    /// Restrictions and holds that apply to the person today.
    var limits = LimitsInForce()
    /// Records listed per table in the text report; `--json` has every one.
    static let shownPerTable = 10

    func print(to out: OutputSink) {
        out.line("Identifiers")
        for identifier in result.identifiers {
            var line = "  \(identifier.canonical)  (\(identifier.origin.rawValue)"
            if let source = identifier.source, let step = identifier.sourceStep {
                let how: String
                switch step {
                case .identifier(let found): how = "found by \(found.canonical)"
                case .reference(let reference): how = "reached from \(reference.from.table) \(reference.from.key)"
                }
                line += " from \(source.table) \(source.key) \(source.column ?? ""), \(how)"
            }
            out.line(line + ")")
        }
        out.line("")
        for restriction in limits.restrictions {
            out.line(
                "RESTRICTED (Art. 18): \(restriction.id) since \(restriction.since),"
                    + " until \(restriction.until?.description ?? "lifted"): \(restriction.reason)")
        }
        for hold in limits.holds {
            out.line("LEGAL HOLD: \(hold.id) until \(hold.until) (inclusive): \(hold.basis)")
        }
        if !limits.isEmpty { out.line("") }
        let own = result.records.filter { $0.relation == .subject }
        let related = result.records.filter { $0.relation == .related }
        out.line("Records of the person: \(own.count)")
        printGroups(own, to: out)
        out.line("")
        out.line("Related context (the person's business, not their own data): \(related.count)")
        printGroups(related, to: out)
        out.line("")
        out.line("Files: \(result.files.count)")
        for file in result.files {
            out.line(
                "  \(file.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(file.table) \(file.key)  \(file.path)"
            )
        }
        if !result.mentions.isEmpty {
            out.line("")
            out.line("Mentions in e-mail text (--deep): \(result.mentions.count)")
            for mention in result.mentions {
                let note = mention.recordLocated ? "" : "  (message not otherwise located)"
                out.line("  \(mention.table) \(mention.key)  \(mention.identifier)  \(mention.path)\(note)")
            }
        }
        if !result.warnings.isEmpty {
            out.line("")
            out.line("Warnings: \(result.warnings.count)")
            for warning in result.warnings {
                let keys = warning.keys.map(\.description).joined(separator: ", ")
                out.line(
                    "  \(warning.kind.rawValue): \(warning.table).\(warning.column ?? "") [\(keys)]: \(warning.message)"
                )
            }
        }
    }

    private func printGroups(_ records: [LocatedRecord], to out: OutputSink) {
        var tables: [String] = []
        for record in records where !tables.contains(record.table) { tables.append(record.table) }
        for table in tables {
            let rows = records.filter { $0.table == table }
            out.line("  \(table): \(rows.count)")
            for record in rows.prefix(Self.shownPerTable) {
                out.line("    \(record.key)  \(record.matchedOn) ← \(record.via)")
            }
            if rows.count > Self.shownPerTable {
                out.line("    … \(rows.count - Self.shownPerTable) more (--json lists all)")
            }
        }
    }
}
