import ArgumentParser

extension DSR {
    /// `dsr retention`: the nightly job that keeps data no longer than the data map says.
    struct RetentionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Check what is kept past the retention periods of the data map.",
            discussion: """
                GDPR Art. 5(1)(e): personal data is kept no longer than necessary. The data
                map gives each table (and some columns and files) a period; `retention audit`
                counts, by the records' own dates, what is past it. Made for cron: silent and
                exit 0 when all is well, one line per rule on stderr and exit 1 otherwise.

                Example:
                  dsr retention audit --config /srv/dsr/dsr.yaml
                  dsr retention audit --as-of 2026-12-01 --json
                """,
            subcommands: [RetentionAudit.self])
    }
}
