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
        var text = Substring(raw.trimmedOfWhitespace())
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 { text = text.dropFirst().dropLast() }
        if text.lowercased().hasPrefix("mailto:") { text = text.dropFirst(7) }  // RFC 6068 §2
        guard !text.isEmpty else { throw IdentityError.invalidEmail(reason: "empty value") }
        let (local, domainText) = try splitAtSign(text)
        return EmailAddress(localPart: try canonicalLocal(local), domain: try canonicalDomain(domainText))
    }

    // MARK: - Parts

    /// The local part and the domain of `text`; the one `@` outside quoted strings divides them.
    ///
    /// The local part is `word *("." word)`, a word an atom or a quoted string (RFC 5322
    /// §3.2.4, `\` quotes the next character); RFC 5322 §4.4's obsolete syntax allows spaces
    /// and comments around the words and dots (`jan. de .vries@x.nl` is `jan.de.vries@x.nl`),
    /// as Python's `email` package reads it.
    private static func splitAtSign(_ text: Substring) throws -> (local: LocalPart, domain: Substring) {
        var words: [String] = []
        var quoted = false
        var index = text.startIndex
        func skipSpaceAndComments() throws {
            while index < text.endIndex {
                if text[index].isWhitespace {
                    index = text.index(after: index)
                } else if text[index] == "(" {
                    var depth = 0
                    repeat {
                        if text[index] == "\\" { index = text.index(after: index) }
                        if index < text.endIndex {
                            if text[index] == "(" { depth += 1 } else if text[index] == ")" { depth -= 1 }
                            index = text.index(after: index)
                        }
                    } while depth > 0 && index < text.endIndex
                    guard depth == 0 else { throw IdentityError.invalidEmail(reason: "a comment is not closed") }
                } else {
                    return
                }
            }
        }
        while true {
            try skipSpaceAndComments()
            guard index < text.endIndex else { throw IdentityError.invalidEmail(reason: "no @") }
            if text[index] == "\"" {
                quoted = true
                var content = ""
                index = text.index(after: index)
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
                guard closed else {
                    throw IdentityError.invalidEmail(reason: "a quoted local part must be closed and followed by @")
                }
                words.append(content)
            } else {
                let start = index
                while index < text.endIndex, !"@.\"( \t".contains(text[index]), !text[index].isWhitespace {
                    index = text.index(after: index)
                }
                words.append(String(text[start..<index]))
            }
            try skipSpaceAndComments()
            guard index < text.endIndex else { throw IdentityError.invalidEmail(reason: "no @") }
            if text[index] == "." {
                index = text.index(after: index)
                continue
            }
            guard text[index] == "@" else {
                throw IdentityError.invalidEmail(
                    reason: quoted
                        ? "a quoted local part must be closed and followed by @"
                        : "the local part has a character that needs quoting, or an empty part between dots")
            }
            break
        }
        index = text.index(after: index)
        try skipSpaceAndComments()
        var domain = text[index...]
        while let last = domain.last, last.isWhitespace { domain = domain.dropLast() }
        guard !domain.contains("@") else { throw IdentityError.invalidEmail(reason: "more than one @") }
        if quoted { return (.quoted(words.joined(separator: ".")), domain) }
        return (.atom(Substring(words.joined(separator: "."))), domain)
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
