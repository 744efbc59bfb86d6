import Foundation

/// A mailbox address in canonical form, for matching: `jan.devries@example.nl`.
///
/// CONTRACT.md section 2: matching is case-insensitive, and `local+tag@domain` is the mailbox
/// `local@domain`. So the canonical form is lower case and has no `+tag`. Two addresses are
/// equal exactly when their canonical forms are.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The local part: lower case, `+tag` removed, quotes removed where not needed.
    public let localPart: String
    /// The domain: lower case, without a trailing dot; a domain literal keeps its brackets.
    public let domain: String

    /// The canonical address, `local@domain`.
    public var canonical: String { localPart + "@" + domain }

    /// The canonical address.
    public var description: String { canonical }

    /// Reads one addr-spec (RFC 5322 §3.4.1), optionally in angle brackets or after `mailto:`.
    ///
    /// For a header value with display names or several addresses use ``AddressList``.
    /// - Throws: ``IdentityError/invalidEmail(reason:)`` when the value is not exactly one
    ///   `local@domain` with a valid local part and domain.
    public static func parse(_ raw: String) throws -> EmailAddress {
        var text = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 { text = text.dropFirst().dropLast() }
        if text.lowercased().hasPrefix("mailto:") { text = text.dropFirst(7) }  // RFC 6068 §2
        guard !text.isEmpty else { throw IdentityError.invalidEmail(reason: "empty value") }
        let (local, domainText) = try splitAtSign(text)
        return EmailAddress(localPart: try canonicalLocal(local), domain: try canonicalDomain(domainText))
    }

    // MARK: - Parts

    /// The local part and the domain of `text`; the one `@` outside a quoted local part divides them.
    private static func splitAtSign(_ text: Substring) throws -> (local: LocalPart, domain: Substring) {
        if text.hasPrefix("\"") {
            // RFC 5322 §3.2.4: a quoted local part; `\` quotes the next character.
            var content = ""
            var index = text.index(after: text.startIndex)
            var closed = false
            while index < text.endIndex {
                let character = text[index]
                index = text.index(after: index)
                if character == "\\", index < text.endIndex {
                    content.append(text[index])
                    index = text.index(after: index)
                } else if character == "\"" {
                    closed = true
                    break
                } else {
                    content.append(character)
                }
            }
            let rest = text[index...]
            guard closed, rest.hasPrefix("@") else {
                throw IdentityError.invalidEmail(reason: "a quoted local part must be closed and followed by @")
            }
            let domain = rest.dropFirst()
            guard !domain.contains("@") else { throw IdentityError.invalidEmail(reason: "more than one @") }
            return (.quoted(content), domain)
        }
        let signs = text.filter { $0 == "@" }.count
        guard signs == 1, let at = text.firstIndex(of: "@") else {
            throw IdentityError.invalidEmail(reason: signs == 0 ? "no @" : "more than one @")
        }
        return (.atom(text[..<at]), text[text.index(after: at)...])
    }

    /// A local part as written: a dot-atom or the content of a quoted string.
    private enum LocalPart {
        case atom(Substring)
        case quoted(String)
    }

    /// RFC 5322 §3.2.3 atext, plus any non-ASCII character (RFC 6531 §3.3).
    private static let atomSpecials = Set("!#$%&'*+-/=?^_`{|}~")

    private static func isAtomText(_ character: Character) -> Bool {
        !character.isASCII || character.isLetter || character.isNumber || atomSpecials.contains(character)
    }

    /// Whether `text` is a dot-atom (RFC 5322 §3.2.3): atoms joined by single dots.
    private static func isDotAtom<S: StringProtocol>(_ text: S) -> Bool {
        let atoms = text.split(separator: ".", omittingEmptySubsequences: false)
        return atoms.allSatisfy { !$0.isEmpty && $0.allSatisfy(isAtomText) }
    }

    /// The local part in lower case without `+tag` (CONTRACT.md section 2), quoted only if needed.
    private static func canonicalLocal(_ local: LocalPart) throws -> String {
        var text: String
        switch local {
        case .atom(let atom):
            guard !atom.isEmpty else { throw IdentityError.invalidEmail(reason: "empty local part") }
            guard isDotAtom(atom) else {
                throw IdentityError.invalidEmail(
                    reason: "the local part has a character that needs quoting, or an empty part between dots")
            }
            text = String(atom)
        case .quoted(let content):
            guard !content.isEmpty else { throw IdentityError.invalidEmail(reason: "empty local part") }
            text = content
        }
        text = text.lowercased()
        if let plus = text.firstIndex(of: "+"), plus != text.startIndex { text = String(text[..<plus]) }
        if isDotAtom(text) { return text }
        let escaped = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"" + escaped + "\""
    }

    /// The domain in lower case (RFC 5321 §2.4: domains are case-insensitive) without a
    /// trailing dot; labels of letters, digits and hyphens (RFC 1035 §2.3.1, Unicode letters
    /// allowed for internationalised names), or a domain literal holding an IP address.
    private static func canonicalDomain(_ domain: Substring) throws -> String {
        guard !domain.isEmpty else { throw IdentityError.invalidEmail(reason: "empty domain") }
        if domain.hasPrefix("["), domain.hasSuffix("]") {
            // RFC 5321 §4.1.3: an address literal, `[192.0.2.7]` or `[IPv6:2001:db8::7]`.
            let inner = domain.dropFirst().dropLast()
            let isV6 = inner.lowercased().hasPrefix("ipv6:")
            guard let address = try? IPAddress.parse(String(isV6 ? inner.dropFirst(5) : inner)) else {
                throw IdentityError.invalidEmail(reason: "a domain literal that is not an IP address")
            }
            return address.isIPv4 ? "[\(address.canonical)]" : "[ipv6:\(address.canonical)]"
        }
        var name = domain.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        for label in labels {
            guard !label.isEmpty, label.count <= 63 else {
                throw IdentityError.invalidEmail(reason: "the domain has an empty or over-long label")
            }
            guard label.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), label.first != "-",
                label.last != "-"
            else {
                throw IdentityError.invalidEmail(reason: "the domain has a character not allowed in a host name")
            }
        }
        return name
    }
}
