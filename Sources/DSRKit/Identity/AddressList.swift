import Foundation

/// The mailboxes of a raw address header value (`From`, `To`, `Cc`): RFC 5322 §3.4 address-list.
///
/// Handles display names (quoted strings may hold commas), comments, angle addresses, bare
/// addr-specs, several addresses separated by commas, groups (`undisclosed-recipients:;`,
/// `team: a@x.nl, b@y.nl;`), folding whitespace, and RFC 2047 encoded words in names.
/// Parsing never throws: every address that reads is returned, and every piece that looked
/// like an address but did not read is reported in ``problems``, so one bad entry does not
/// hide the others from an access export.
public struct AddressList: Sendable, Hashable {
    /// Every mailbox, in header order; group members carry their group's name.
    public let mailboxes: [Mailbox]
    /// One error per piece that is not a valid mailbox; the errors never quote the value.
    public let problems: [IdentityError]

    /// Reads a raw header value; NULL and empty values have no mailboxes.
    public static func parse(_ raw: String?) -> AddressList {
        guard let raw else { return AddressList(mailboxes: [], problems: []) }
        var mailboxes: [Mailbox] = []
        var problems: [IdentityError] = []
        var segment: [HeaderToken] = []
        var group: String?
        func finish() {
            defer { segment = [] }
            guard segment.contains(where: { if case .comment = $0.kind { false } else { true } }) else { return }
            do {
                mailboxes.append(try mailbox(segment, group: group))
            } catch let error as IdentityError {
                problems.append(error)
            } catch {
                problems.append(.invalidEmail(reason: "unexpected failure"))
            }
        }
        for token in HeaderToken.tokens(raw) {
            switch token.kind {
            case .colon where group == nil && !segment.contains(where: \.isAngle):
                // RFC 5322 §3.4: group = display-name ":" [group-list] ";"
                group = phrase(segment) ?? ""
                segment = []
            case .comma:
                finish()
            case .semicolon where group != nil:
                finish()
                group = nil
            default:
                segment.append(token)
            }
        }
        finish()
        return AddressList(mailboxes: mailboxes, problems: problems)
    }

    /// The mailbox of one comma-separated piece.
    private static func mailbox(_ tokens: [HeaderToken], group: String?) throws -> Mailbox {
        let commentName = tokens.lazy.compactMap { token -> String? in
            guard case .comment(let text) = token.kind else { return nil }
            let name = EncodedWords.decode(text).trimmingCharacters(in: .whitespaces)
            return name.isEmpty ? nil : name
        }.first
        if let angleIndex = tokens.firstIndex(where: \.isAngle), case .angle(let inner) = tokens[angleIndex].kind {
            // RFC 5322 §3.4 name-addr = [display-name] angle-addr; RFC 5322 §4.4 obs-route
            // (`<@relay:jan@x.nl>`) is dropped.
            var spec = Substring(inner.trimmingCharacters(in: .whitespaces))
            if spec.hasPrefix("@"), let colon = spec.firstIndex(of: ":") { spec = spec[spec.index(after: colon)...] }
            let address = try EmailAddress.parse(String(spec))
            let name = phrase(Array(tokens[..<angleIndex])) ?? commentName
            return Mailbox(displayName: name, address: address, written: String(spec), group: group)
        }
        // A bare addr-spec, possibly with a name before it that lacks the angle brackets.
        let parts = tokens.filter { !$0.isComment }
        var specStart = parts.startIndex
        if let at = parts.lastIndex(where: \.containsAtSign) {
            specStart = at
            // Glue what is written against the `@` word without whitespace (`"a b"@x.nl`), and
            // the obsolete syntax of RFC 5322 §4.4: spaces around the `@` (`jan @ x.nl`) and
            // around the dots of the local part (`jan. de .vries@x.nl`).
            while specStart > parts.startIndex,
                !parts[specStart].spaceBefore || parts[specStart].startsWithAtSign
                    || parts[specStart - 1].endsWithAtSign || parts[specStart].startsWithDot
                    || parts[specStart - 1].endsWithDot
            {
                specStart -= 1
            }
        }
        let spec = parts[specStart...].map(\.specText).joined()
        let address = try EmailAddress.parse(spec)
        let name = phrase(Array(parts[..<specStart])) ?? commentName
        return Mailbox(displayName: name, address: address, written: spec, group: group)
    }

    /// The decoded display-name phrase of `tokens`, or nil when it is empty.
    ///
    /// Words are joined by single spaces; encoded words are decoded even inside quoted strings,
    /// which RFC 2047 §5 (3) forbids but common mailers write.
    private static func phrase(_ tokens: [HeaderToken]) -> String? {
        let words = tokens.compactMap { token -> String? in
            switch token.kind {
            case .word(let text), .quoted(let text): text
            default: nil
            }
        }
        let name = EncodedWords.decode(words.joined(separator: " ")).trimmingCharacters(in: .whitespaces)
        return name.isEmpty ? nil : name
    }
}

extension HeaderToken {
    fileprivate var isAngle: Bool {
        if case .angle = kind { return true }
        return false
    }

    fileprivate var isComment: Bool {
        if case .comment = kind { return true }
        return false
    }

    fileprivate var containsAtSign: Bool {
        if case .word(let text) = kind { return text.contains("@") }
        return false
    }

    fileprivate var startsWithAtSign: Bool {
        if case .word(let text) = kind { return text.hasPrefix("@") }
        return false
    }

    fileprivate var startsWithDot: Bool {
        if case .word(let text) = kind { return text.hasPrefix(".") }
        return false
    }

    fileprivate var endsWithDot: Bool {
        if case .word(let text) = kind { return text.hasSuffix(".") }
        return false
    }

    fileprivate var endsWithAtSign: Bool {
        if case .word(let text) = kind { return text.hasSuffix("@") }
        return false
    }

    /// The token as it appears in an addr-spec: quoted strings get their quotes back.
    fileprivate var specText: String {
        switch kind {
        case .word(let text): text
        case .quoted(let text):
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .comment, .angle: ""
        case .comma: ","
        case .colon: ":"
        case .semicolon: ";"
        }
    }
}
