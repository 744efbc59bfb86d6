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
        @Flag(help: "After --apply, VACUUM the tables changed on a PostgreSQL server.")
        var vacuum = false
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Audit") var actor: ActorOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if let asOf { _ = try calendarDate(asOf, option: "--as-of") }
            if maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
            if maxRows != 100_000 && !apply { throw ValidationError("--max-rows goes with --apply") }
            if vacuum && !apply { throw ValidationError("--vacuum goes with --apply") }
        }

        func run(_ context: CommandContext) throws {
            let session = try actor.session(workspace, context, json: output.json)
            let day = try asOf.map { try calendarDate($0, option: "--as-of") } ?? CalendarDate.today(clock: session.now)
            let report = try session.auditRetention(asOf: day)
            guard apply else {
                let back = try session.checkResurrections(apply: false)
                if output.json {
                    var document = RetentionAuditDocument(report, resurrected: back)
                    if !report.violations.isEmpty { document.server = session.serverRemnants() }
                    try JSONOutput.print(document, to: context)
                } else {
                    for finding in report.violations { context.stderr.line(Self.line(finding)) }
                    for erasure in back { context.stderr.line(Self.line(erasure)) }
                }
                if !report.violations.isEmpty || !back.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
                return
            }
            let purge = try session.purgeRetention(asOf: day, maxRows: maxRows, vacuum: vacuum)
            let back = try session.checkResurrections(apply: true)
            let residue = purge.residue.found + back.reduce(0) { $0 + ($1.residue ?? 0) }
            if output.json {
                try JSONOutput.print(RetentionAuditDocument(report, purged: purge, resurrected: back), to: context)
            } else {
                for erasure in back where (erasure.residue ?? 0) > 0 { context.stderr.line(Self.line(erasure)) }
                // Quiet when the purge did everything; a line per rule that still has records left.
                for count in purge.counts where count.left > 0 { context.stderr.line(Self.line(count)) }
                if purge.residue.found > 0 {
                    context.stderr.line(
                        "dsr: retention: residue scan: \(purge.residue.found) left in "
                            + purge.residue.places.map { "\($0.place) (\($0.count))" }.joined(separator: ", "))
                }
            }
            if residue > 0 { throw ExitCode(ExitCodes.checkFailed) }
        }

        /// `dsr: retention: 7 record(s) of erasure DSR-2026-0012 (2026-03-01) are back: a restored
        /// backup or re-imported data; run with --apply to erase them again`
        static func line(_ erasure: ResurrectionReport) -> String {
            var text =
                "dsr: retention: \(erasure.records) record(s) of erasure \(erasure.erasure) (\(erasure.erasedOn)) are back"
            if erasure.erasedAgain {
                text += "; erased again, residue scan: \(erasure.residue ?? 0) left"
            } else {
                text += " (a restored backup or re-imported data); run with --apply to erase them again"
            }
            return text
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
    /// Erasures whose records are back (the restore check), erased again with `--apply`.
    let resurrected: [ResurrectionReport]

    /// What `--apply` purged; nil for an audit without it.
    let purged: PurgeReport?

    /// Without `--apply` on a server: what it would keep of a purge beyond dsr's reach.
    var server: ServerRemnants?

    init(_ report: RetentionReport, purged: PurgeReport? = nil, resurrected: [ResurrectionReport] = []) {
        self.purged = purged
        self.resurrected = resurrected
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
            try container.encode(purged.batches, forKey: .batches)
            try container.encodeIfPresent(purged.server, forKey: .server)
        } else {
            try container.encodeNil(forKey: .purged)
            try container.encodeIfPresent(server, forKey: .server)
        }
        try container.encode(notCheckable, forKey: .notCheckable)
        try container.encode(unset, forKey: .unset)
    }

    enum CodingKeys: String, CodingKey {
        case asOf, violations, resurrected, purged, residue, compacted, batches, notCheckable, unset, server
    }
}
