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
        @OptionGroup(title: "Workspace") var workspace: WorkspaceOptions
        @OptionGroup(title: "Output") var output: OutputOptions

        func validate() throws {
            if let asOf { _ = try calendarDate(asOf, option: "--as-of") }
        }

        func run(_ context: CommandContext) throws {
            let session = try workspace.session(context, actor: "")
            let day = try asOf.map { try calendarDate($0, option: "--as-of") } ?? CalendarDate.today(clock: session.now)
            let report = try session.auditRetention(asOf: day)
            if output.json {
                try JSONOutput.print(RetentionAuditDocument(report), to: context)
            } else {
                for finding in report.violations { context.stderr.line(Self.line(finding)) }
            }
            if !report.violations.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
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

    init(_ report: RetentionReport) {
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
        try container.encodeNil(forKey: .purged)
        try container.encode(notCheckable, forKey: .notCheckable)
        try container.encode(unset, forKey: .unset)
    }

    enum CodingKeys: String, CodingKey { case asOf, violations, resurrected, purged, notCheckable, unset }
}
