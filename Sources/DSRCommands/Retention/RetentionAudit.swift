import ArgumentParser
import DSRKit

extension DSR.RetentionCommand {
    /// `dsr retention audit [--as-of YYYY-MM-DD] [--json]`: reports what is past retention.
    struct RetentionAudit: ContextualCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit",
            abstract: "Count the records past retention (read-only; for cron).",
            discussion: """
                A record is past retention when its start (the timestamp column the data map
                names) plus the period is before 00:00 UTC of --as-of. Tables whose rule is
                words alone ("while the contract lasts") are not checkable by date. Nothing is
                changed. Exit 0 and no output when nothing is past retention; exit 1 with one
                line per rule on stderr (table, column, count, oldest, the rule) otherwise.
                --json prints the document of CONTRACT.md section 7 on stdout.

                Example (crontab):
                  17 3 * * * dsr retention audit --config /srv/dsr/dsr.yaml
                """)

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp(
                "Count as of 00:00 UTC of this day (default: today in UTC).", valueName: "YYYY-MM-DD"))
        var asOf: String?
        @Flag(help: "Purge what is past retention, through the erasure engine (holds and restrictions kept).")
        var apply = false
        @Option(help: ArgumentHelp("Purge at most this many records in one run.", valueName: "n"))
        var maxRows = 100_000
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if let asOf { _ = try calendarDate(asOf, option: "--as-of") }
            if maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
            if maxRows != 100_000 && !apply { throw ValidationError("--max-rows goes with --apply") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context)
            let day = try asOf.map { try calendarDate($0, option: "--as-of") } ?? CalendarDate.today(clock: session.now)
            let report = try session.auditRetention(asOf: day)
            guard apply else {
                if output.json {
                    try JSONOutput.print(RetentionAuditDocument(report), to: context)
                } else {
                    for finding in report.violations { context.stderr.line(Self.line(finding)) }
                }
                if !report.violations.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
                return
            }
            let purge = try session.purgeRetention(asOf: day, maxRows: maxRows)
            if output.json {
                try JSONOutput.print(RetentionAuditDocument(report, purged: purge), to: context)
            } else {
                // Quiet when the purge did everything; a line per rule that still has records left.
                for count in purge.counts where count.left > 0 { context.stderr.line(Self.line(count)) }
                if purge.residue.found > 0 {
                    context.stderr.line(
                        "dsr: retention: residue scan: \(purge.residue.found) left in "
                            + purge.residue.places.map { "\($0.place) (\($0.count))" }.joined(separator: ", "))
                }
            }
            if purge.residue.found > 0 { throw ExitCode(ExitCodes.checkFailed) }
        }

        /// `dsr: retention: cdrs: 100000 purged, 3 blocked by a hold or restriction, 250000 left`
        static func line(_ count: PurgeCount) -> String {
            let place = count.table + (count.column.map { ".\($0)" } ?? "")
            let what = count.scope == .file ? " (files)" : ""
            var text = "dsr: retention: \(place)\(what): \(count.purged) purged"
            if count.blocked > 0 { text += ", \(count.blocked) kept by a legal hold or a restriction" }
            return text + ", \(count.left) left (run again, or raise --max-rows)"
        }

        /// `dsr: retention: orders.ip_address: 12 past retention, oldest 2025-01-03T08:00:00Z; rule: …`
        /// Counts and dates only: never a value.
        static func line(_ finding: RetentionFinding) -> String {
            let place = finding.table + (finding.column.map { ".\($0)" } ?? "")
            let what = finding.scope == .file ? " (files)" : ""
            var text = "dsr: retention: \(place)\(what): \(finding.count) past retention"
            if let oldest = finding.oldest { text += ", oldest \(oldest)" }
            if finding.undated > 0 { text += "; \(finding.undated) without a readable date, not purged" }
            if finding.unsetPeriod > 0 { text += "; \(finding.unsetPeriod) without a period set, not purged" }
            return text + "; rule: \(finding.rule)"
        }
    }
}

/// The JSON document of `dsr retention audit --json` (CONTRACT.md section 7).
struct RetentionAuditDocument: Encodable {
    /// Records counted apart from a rule: no readable start, or no period set.
    struct Unset: Encodable {
        let table: String
        let column: String?
        let scope: RetentionScope
        let undated: Int
        let unsetPeriod: Int

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(table, forKey: .table)
            try container.encode(column, forKey: .column)
            try container.encode(scope, forKey: .scope)
            try container.encode(undated, forKey: .undated)
            try container.encode(unsetPeriod, forKey: .unsetPeriod)
        }

        enum CodingKeys: String, CodingKey { case table, column, scope, undated, unsetPeriod }
    }

    let asOf: String
    let violations: [RetentionFinding]
    let notCheckable: [String]
    let unset: [Unset]
    /// Filled by the restore check (issue 12 section 3); empty until it exists.
    let resurrected: [String] = []

    /// What `--apply` purged; nil for an audit without it.
    let purged: PurgeReport?

    init(_ report: RetentionReport, purged: PurgeReport? = nil) {
        self.purged = purged
        asOf = report.asOf.description
        violations = report.violations
        notCheckable = report.notCheckable
        unset = report.unset.map {
            Unset(table: $0.table, column: $0.column, scope: $0.scope, undated: $0.undated, unsetPeriod: $0.unsetPeriod)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(violations, forKey: .violations)
        try container.encode(resurrected, forKey: .resurrected)
        // `--apply` reports what it purged here; an audit without it purged nothing.
        if let purged {
            try container.encode(purged.counts, forKey: .purged)
            try container.encode(purged.residue, forKey: .residue)
            try container.encode(purged.compacted, forKey: .compacted)
        } else {
            try container.encodeNil(forKey: .purged)
        }
        try container.encode(notCheckable, forKey: .notCheckable)
        try container.encode(unset, forKey: .unset)
    }

    enum CodingKeys: String, CodingKey {
        case asOf, violations, resurrected, purged, residue, compacted, notCheckable, unset
    }
}
