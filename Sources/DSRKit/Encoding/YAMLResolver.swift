import Yams

/// YAML tag resolution for dsr's files, without regular expressions.
///
/// Yams resolves plain scalars by running a regular expression per rule; compiling those
/// (through ICU) cost every command about 8 million instructions at start-up. dsr parses
/// with Yams' rule-free resolver, so every scalar arrives as text, and resolves the tags its
/// files use here: the YAML 1.1 rules Yams itself applies for booleans, integers, floats and
/// null, to plain (unquoted) scalars only, so `"yes"` stays text and `yes` is a boolean.
enum YAMLResolver {
    /// The resolver handed to Yams: no implicit rules.
    static let dsr = Resolver.basic

    /// The tag of `node`: mappings and sequences as such, scalars by the rules above.
    static func tag(of node: Node) -> Tag.Name {
        switch node {
        case .mapping: return .map
        case .sequence: return .seq
        case .alias: return .str
        case .scalar(let scalar):
            // An explicit tag (`!!int 5`) says it; a quoted scalar (tag `!`) is text; a plain
            // scalar without a tag (`implicit`) is what the rules below make of it.
            let given = scalar.tag.description
            if given != Tag.Name.implicit.rawValue {
                return given == Tag.Name.nonSpecific.rawValue ? .str : Tag.Name(rawValue: given)
            }
            guard scalar.style == .plain else { return .str }
            let text = scalar.string
            if isBool(text) { return .bool }
            if isInt(text) { return .int }
            if isFloat(text) { return .float }
            if isNull(text) { return .null }
            return .str
        }
    }

    /// `~`, `null`, `Null`, `NULL` or nothing.
    static func isNull(_ text: String) -> Bool { ["", "~", "null", "Null", "NULL"].contains(text) }

    /// YAML 1.1 booleans: yes/no, true/false, on/off in three spellings each.
    static func isBool(_ text: String) -> Bool {
        [
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On",
            "ON", "off", "Off", "OFF",
        ].contains(text)
    }

    /// `0b1010`, `0o17` or `017`, `42`, `0x2A`, `1:30` (sexagesimal), signed, with `_` separators.
    static func isInt(_ text: String) -> Bool {
        var body = Substring(text)
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        guard let first = body.first else { return false }
        if body.hasPrefix("0b") { return digits(body.dropFirst(2), "01_") }
        if body.hasPrefix("0x") { return digits(body.dropFirst(2), "0123456789abcdefABCDEF_") }
        if body.hasPrefix("0o") { return digits(body.dropFirst(2), "01234567_") }
        if first == "0" { return body.count == 1 || digits(body.dropFirst(), "01234567_") }
        guard ("1"..."9").contains(first) else { return false }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        return digits(parts[0], "0123456789_") && parts.dropFirst().allSatisfy(isSexagesimalPart)
    }

    /// `1.5`, `1.`, `1e3`, `1_000.0`, `.5`, `.5e+3`, `1:30.5`, `.inf`, `-.Inf`, `.nan`.
    static func isFloat(_ text: String) -> Bool {
        if [".nan", ".NaN", ".NAN"].contains(text) { return true }
        var body = Substring(text)
        let signed = body.first == "+" || body.first == "-"
        if signed { body = body.dropFirst() }
        if [".inf", ".Inf", ".INF"].contains(body) { return true }
        if body.first == "." {
            // `\.[0-9_]+([eE][-+][0-9]+)?`: no sign, and the exponent's sign is required.
            let (mantissa, exponent) = splitExponent(body.dropFirst())
            return !signed && digits(mantissa, "0123456789_")
                && (exponent.map { ($0.first == "+" || $0.first == "-") && digits($0.dropFirst(), "0123456789") }
                    ?? true)
        }
        guard let first = body.first, ("0"..."9").contains(first) else { return false }
        if body.contains(":") {
            // `[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*`
            guard let dot = body.lastIndex(of: "."), digits(body[body.index(after: dot)...], "0123456789_", empty: true)
            else { return false }
            let parts = body[..<dot].split(separator: ":", omittingEmptySubsequences: false)
            return parts.count > 1 && digits(parts[0], "0123456789_")
                && parts.dropFirst().allSatisfy(isSexagesimalPart)
        }
        // `[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?`
        let (mantissa, exponent) = splitExponent(body)
        let pieces = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let exponentOK =
            exponent.map { exponent in
                digits(exponent.first == "+" || exponent.first == "-" ? exponent.dropFirst() : exponent, "0123456789")
            } ?? true
        return digits(pieces[0], "0123456789_") && (pieces.count == 1 || digits(pieces[1], "0123456789_", empty: true))
            && exponentOK
    }

    /// The part before `e`/`E` and the exponent after it, if any.
    private static func splitExponent(_ text: Substring) -> (Substring, Substring?) {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return (text, nil) }
        return (text[..<e], text[text.index(after: e)...])
    }

    /// `[0-5]?[0-9]`.
    private static func isSexagesimalPart(_ part: Substring) -> Bool {
        guard (1...2).contains(part.count), digits(part, "0123456789") else { return false }
        return part.count == 1 || ("0"..."5").contains(part.first!)
    }

    /// Whether `text` consists of `allowed` characters only (and is not empty, unless `empty`).
    private static func digits(_ text: Substring, _ allowed: String, empty: Bool = false) -> Bool {
        (empty || !text.isEmpty) && text.allSatisfy { allowed.contains($0) }
    }
}
