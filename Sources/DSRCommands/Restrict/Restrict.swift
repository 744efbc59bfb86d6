import ArgumentParser
import DSRKit

extension DSR {
    /// `dsr restrict`: restriction of processing (Art. 18), and its list, lift and check.
    struct Restrict: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restrict",
            abstract: "Restrict processing of a person's data (Art. 18); list, lift and check restrictions.",
            discussion: """
                While a restriction is in force, dsr erase (and the retention purge, to come) leaves every
                record of the person alone (the plan shows them as held, with the restriction)
                unless --override-restriction, which is audited. dsr keeps only keyed hashes of
                the person's identifiers: every identifier locate finds, so a check by a number
                learnt from a contact row answers too.

                Example:
                  dsr restrict email:jan.devries@example.nl --reason "disputes the accuracy of his number"
                  dsr restrict check 0612345678            # exit 1 when restricted
                  dsr restrict list
                  dsr restrict lift R-2026-0001 --informed-on 2026-04-02
                """,
            subcommands: [Add.self, List.self, Lift.self, Check.self], defaultSubcommand: Add.self)
    }
}

/// How restrictions are printed.
enum RestrictionText {
    /// One line of `restrict list`.
    static func line(_ restriction: Restriction, today: CalendarDate) -> String {
        var line = "\(restriction.id)  \(restriction.status(on: today).rawValue)  since \(restriction.since)"
        line += restriction.until.map { "  until \($0)" } ?? "  no end date"
        if let request = restriction.requestID { line += "  \(request)" }
        if let lifted = restriction.liftedAt {
            line += "  lifted \(lifted) (told \(restriction.informedOn?.description ?? "?"))"
        }
        return line + "  reason: \(restriction.reason)"
    }

    /// What `restrict` and `restrict lift` print.
    static func print(_ result: RestrictionResult, to out: OutputSink) {
        if let lifted = result.liftedAt {
            out.line("\(result.id) lifted \(lifted); the person was told on \(result.informedOn?.description ?? "?")")
        } else {
            out.line(
                "\(result.id) in force since \(result.since), until \(result.until?.description ?? "lifted")")
        }
        if result.recipients.isEmpty {
            out.line("  no recipients to inform (Art. 19)")
        } else {
            out.line("  inform the recipients (Art. 19):")
            for recipient in result.recipients { out.line("    \(recipient)") }
        }
    }
}

/// A restriction as `restrict list --json` prints it.
struct RestrictionListing: Encodable {
    let id: String
    let status: String
    let since: String
    let until: String?
    let request: String?
    let reason: String
    let liftedAt: String?
    let informedOn: String?

    init(_ restriction: Restriction, today: CalendarDate) {
        id = restriction.id
        status = restriction.status(on: today).rawValue
        since = restriction.since
        until = restriction.until?.description
        request = restriction.requestID
        reason = restriction.reason
        liftedAt = restriction.liftedAt
        informedOn = restriction.informedOn?.description
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(status, forKey: .status)
        try container.encode(since, forKey: .since)
        try container.encode(until, forKey: .until)
        try container.encode(request, forKey: .request)
        try container.encode(reason, forKey: .reason)
        try container.encode(liftedAt, forKey: .liftedAt)
        try container.encode(informedOn, forKey: .informedOn)
    }

    enum CodingKeys: String, CodingKey {
        case id, status, since, until, request, reason, liftedAt, informedOn
    }
}
