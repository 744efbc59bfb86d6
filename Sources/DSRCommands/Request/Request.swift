import ArgumentParser
import DSRKit

extension DSR {
    /// `dsr request`: the register of data-subject requests.
    struct Request: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request",
            abstract: "The register of data-subject requests, with the deadlines of GDPR Art. 12(3).",
            discussion: """
                A request is due one calendar month after receipt (the last day of the next
                month when it has no such day). It can be extended once by two further
                months, before the first month is over. Identifiers are kept while the
                request is open and replaced by keyed hashes when it closes.

                Example:
                  dsr request open --type access phone:+31681234567 --received 2026-03-01
                  dsr request list --overdue
                """,
            subcommands: [Open.self, List.self, Show.self, Verify.self, Extend.self, Close.self])
    }
}

/// Prints one request as text.
enum RequestText {
    static func print(_ request: DSRKit.Request, to out: OutputSink, today: CalendarDate) {
        out.line("\(request.id)  \(request.type.rawValue)  \(request.status.rawValue)")
        out.line(
            "  received \(request.received), due \(request.due)"
                + (request.extendedDue.map { ", extended to \($0)" } ?? ""))
        if request.isOverdue(on: today) { out.line("  OVERDUE: it was due \(request.effectiveDue)") }
        if let reason = request.extensionReason {
            out.line("  extension: \(reason) (tell the subject within the first month, with these reasons)")
        }
        if let method = request.verificationMethod {
            out.line("  identity verified \(request.verifiedAt ?? "") by \(request.verifiedBy ?? "?"): \(method)")
        } else if request.status == .open {
            out.line("  identity not verified yet (Art. 12(6))")
        }
        for subject in request.subjects {
            out.line("  subject \(subject.kind):\(subject.value ?? "(replaced by its keyed hash)")")
        }
        if let outcome = request.outcome {
            out.line(
                "  closed \(request.closedAt ?? ""): \(outcome.rawValue)"
                    + (request.closeReason.map { ", \($0)" } ?? ""))
        }
    }
}
