import Foundation

/// The tags of a mustache template with the line each starts on, read without rendering.
///
/// swift-mustache reports an unclosed section at the end of the file; a DPO needs the line
/// where it was opened. The same pass finds fields that do not exist, which mustache would
/// silently render as nothing, and unescaped output in the HTML page.
struct TemplateTags {
    /// One `{{…}}` tag.
    struct Tag: Equatable {
        /// The sigil after `{{`: `#`, `^`, `/`, `!`, `>`, `%`, `{`, `&`, …; nil for a plain variable.
        var sigil: Character?
        /// The text between the sigil and `}}`, trimmed.
        var body: String
        /// Line of the tag's `{{`, from 1.
        var line: Int
    }

    /// Every tag up to the first set-delimiter tag (after which default delimiters no longer hold).
    let tags: [Tag]

    init(_ text: String) {
        var tags: [Tag] = []
        var line = 1
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            line += rest[..<open.lowerBound].count { $0 == "\n" }
            var inner = rest[open.upperBound...]
            let triple = inner.first == "{"
            let closer = triple ? "}}}" : "}}"
            guard let close = inner.range(of: closer) else { break }
            let content = inner[..<close.lowerBound]
            inner = inner[close.upperBound...]
            var body = Substring(content)
            var sigil: Character? = nil
            if let first = body.first, "#^/!>%{&<$=".contains(first) {
                sigil = first
                body = body.dropFirst()
            }
            if sigil == "=" { break }
            tags.append(Tag(sigil: sigil, body: body.trimmingCharacters(in: .whitespaces), line: line))
            line += content.count { $0 == "\n" }
            rest = inner
        }
        self.tags = tags
    }

    /// The innermost section opened and never closed, with its line.
    var unclosedSection: Tag? {
        var open: [Tag] = []
        for tag in tags {
            switch tag.sigil {
            case "#", "^": open.append(tag)
            case "/":
                if let index = open.lastIndex(where: { $0.body == tag.body }) { open.removeSubrange(index...) }
            default: break
            }
        }
        return open.last
    }

    /// The first tag naming a field outside `known`, with the name as the template wrote it.
    ///
    /// A name is checked part by part (`controller.name`); a transform such as `count(rows)` is
    /// checked by its argument, and `first()` or `.` always pass.
    func unknownField(known: Set<String>) -> (tag: Tag, name: String)? {
        for tag in tags where tag.sigil == nil || "#^/{&".contains(tag.sigil!) {
            let name = Self.fieldName(tag.body)
            let parts = name.split(separator: ".").map(String.init)
            if parts.contains(where: { !known.contains($0) }) { return (tag, name) }
        }
        return nil
    }

    /// The first tag that writes a value without HTML escaping: `{{{x}}}`, `{{&x}}`, or a
    /// content type other than HTML.
    var unescapedOutput: Tag? {
        tags.first { tag in
            tag.sigil == "{" || tag.sigil == "&"
                || (tag.sigil == "%" && !tag.body.replacing(" ", with: "").hasSuffix(":HTML"))
        }
    }

    /// Whether the template switches to plain text output itself.
    var declaresTextContent: Bool {
        tags.contains { $0.sigil == "%" && $0.body.replacing(" ", with: "") == "CONTENT_TYPE:TEXT" }
    }

    /// `count(rows)` → `rows`, `first()` → empty, `name` → `name`; a trailing `}` of a triple removed.
    private static func fieldName(_ body: String) -> String {
        var name = Substring(body)
        if let open = name.lastIndex(of: "(") {
            name = name[name.index(after: open)...]
            if let close = name.firstIndex(of: ")") { name = name[..<close] }
        }
        return String(name)
    }
}
