import Foundation

/// The `redact` action: the subject leaves a value, everyone else stays.
enum Redaction {
    /// What replaces the subject's identifiers in free text.
    static let marker = "[redacted]"

    /// Whether `text` names the subject: an address list with one of their mailboxes, or
    /// text holding one of their identifiers' values (case-insensitive).
    static func mentions(_ text: String, _ subject: Set<SubjectIdentifier>) -> Bool {
        if AddressList.parse(text).mailboxes.contains(where: { subject.contains(.email($0.address)) }) { return true }
        // Also a plain-text mention (a subject line).
        let lowered = text.lowercased()
        return subject.contains { lowered.contains($0.value.lowercased()) }
    }

    /// `value` without the subject: in an address list their mailboxes (display names with
    /// them) are dropped and the others kept as written; an address list left empty becomes
    /// the empty group `undisclosed-recipients:;`; in other text each identifier value is
    /// replaced by ``marker``.
    static func redacted(_ value: String, _ subject: Set<SubjectIdentifier>, addressList: Bool) -> String {
        let list = addressList ? AddressList.parse(value) : AddressList.parse(nil)
        if !list.mailboxes.isEmpty, list.mailboxes.contains(where: { subject.contains(.email($0.address)) }) {
            let others = list.mailboxes.filter { !subject.contains(.email($0.address)) }.map(Self.written)
            var kept: [String] = []
            for written in others where !kept.contains(written) { kept.append(written) }
            return kept.isEmpty ? "undisclosed-recipients:;" : kept.joined(separator: ", ")
        }
        var text = value
        for identifier in subject {
            text = text.replacingOccurrences(of: identifier.value, with: marker, options: [.caseInsensitive])
        }
        return text
    }

    /// A mailbox written back: `"Display Name" <address>`, or the address alone.
    static func written(_ mailbox: Mailbox) -> String {
        guard let name = mailbox.displayName, !name.isEmpty else { return mailbox.written }
        let plain = name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == " " }
        let quoted =
            plain
            ? name
            : "\""
                + name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
        return "\(quoted) <\(mailbox.written)>"
    }
}
