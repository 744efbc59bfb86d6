import Foundation

/// A lexical token of an address header (RFC 5322 §3.2 and §3.4), as the address-list parser
/// sees it.
///
/// Folding whitespace and CR/LF separate tokens (RFC 5322 §2.2.3 unfolding). Unclosed quotes,
/// comments and angle brackets run to the end of the value instead of failing: stored headers
/// are messy, and the parser decides afterwards whether an address came out of them.
struct HeaderToken: Sendable, Equatable {
    /// What the token is.
    enum Kind: Sendable, Equatable {
        /// A run of characters without specials: an atom, a dot-atom, an addr-spec, a domain literal.
        case word(String)
        /// The content of a quoted string, escapes resolved.
        case quoted(String)
        /// The content of a comment, escapes resolved, nested comments kept with their parentheses.
        case comment(String)
        /// The content of an angle address, `<...>`, as written.
        case angle(String)
        case comma, colon, semicolon
    }

    let kind: Kind
    /// Whether whitespace came right before the token.
    let spaceBefore: Bool

    /// The tokens of `text`.
    static func tokens(_ text: String) -> [HeaderToken] {
        var tokens: [HeaderToken] = []
        let characters = Array(text)
        var index = 0
        var space = false
        func add(_ kind: Kind) {
            tokens.append(HeaderToken(kind: kind, spaceBefore: space))
            space = false
        }
        while index < characters.count {
            let character = characters[index]
            switch character {
            case _ where character.isWhitespace:
                space = true
                index += 1
            case ",": add(.comma); index += 1
            case ":": add(.colon); index += 1
            case ";": add(.semicolon); index += 1
            case "\"":
                let (content, next) = quoted(characters, from: index + 1)
                add(.quoted(content))
                index = next
            case "(":
                let (content, next) = comment(characters, from: index + 1)
                add(.comment(content))
                index = next
            case "<":
                let (content, next) = angle(characters, from: index + 1)
                add(.angle(content))
                index = next
            default:
                let (content, next) = word(characters, from: index)
                add(.word(content))
                index = next
            }
        }
        return tokens
    }

    /// A quoted string's content up to the closing quote (RFC 5322 §3.2.4).
    private static func quoted(_ characters: [Character], from start: Int) -> (String, Int) {
        var content = ""
        var index = start
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\\", index < characters.count {
                content.append(characters[index])  // RFC 5322 §3.2.1 quoted-pair
                index += 1
            } else if character == "\"" {
                return (content, index)
            } else if character != "\r", character != "\n" {
                content.append(character)
            }
        }
        return (content, index)
    }

    /// A comment's content up to its matching `)`; comments nest (RFC 5322 §3.2.2).
    private static func comment(_ characters: [Character], from start: Int) -> (String, Int) {
        var content = ""
        var depth = 1
        var index = start
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == "\\", index < characters.count {
                content.append(characters[index])
                index += 1
                continue
            }
            if character == "(" { depth += 1 }
            if character == ")" {
                depth -= 1
                if depth == 0 { return (content, index) }
            }
            content.append(character)
        }
        return (content, index)
    }

    /// An angle address's content up to `>`, skipping a `>` inside a quoted local part.
    private static func angle(_ characters: [Character], from start: Int) -> (String, Int) {
        var content = ""
        var index = start
        var inQuotes = false
        while index < characters.count {
            let character = characters[index]
            index += 1
            if character == ">", !inQuotes { return (content, index) }
            if character == "\"" { inQuotes.toggle() }
            if character == "\\", inQuotes, index < characters.count {
                content.append(character)
                content.append(characters[index])
                index += 1
                continue
            }
            if !character.isNewline { content.append(character) }
        }
        return (content, index)
    }

    /// A run of non-special characters; a domain literal `[...]` is read whole.
    private static func word(_ characters: [Character], from start: Int) -> (String, Int) {
        var content = ""
        var index = start
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || ",:;\"(<".contains(character) { break }
            if character == "[" {
                while index < characters.count, characters[index] != "]" {
                    content.append(characters[index])
                    index += 1
                }
                if index < characters.count {
                    content.append("]")
                    index += 1
                }
                continue
            }
            content.append(character)
            index += 1
        }
        return (content, index)
    }
}
