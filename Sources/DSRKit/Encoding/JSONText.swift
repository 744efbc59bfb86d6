/// A JSON value written by hand, for documents whose encoding would otherwise dominate a
/// command's run time: `dsr locate --json` spent a quarter of its instructions in
/// JSONEncoder. ``text`` is byte for byte what `JSONEncoder` writes with `.sortedKeys`,
/// `.prettyPrinted` and `.withoutEscapingSlashes`, and ``compactText`` what it writes without
/// `.prettyPrinted` (tests compare both).
public indirect enum JSONText: Sendable {
    case object([(String, JSONText)])
    case array([JSONText])
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null

    /// An object from key-value pairs; `nil` values are left out, as `encodeIfPresent` does.
    public static func object(_ pairs: [(String, JSONText?)]) -> JSONText {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// The pretty-printed text, keys sorted.
    public var text: String {
        var out = ""
        write(to: &out, indent: 0)
        return out
    }

    /// The compact text, keys sorted, no whitespace: what a digest is taken of.
    public var compactText: String {
        var out = ""
        writeCompact(to: &out)
        return out
    }

    private func writeCompact(to out: inout String) {
        switch self {
        case .object(let pairs):
            out += "{"
            for (index, pair) in pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
                if index > 0 { out += "," }
                Self.quote(pair.0, into: &out)
                out += ":"
                pair.1.writeCompact(to: &out)
            }
            out += "}"
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.writeCompact(to: &out)
            }
            out += "]"
        case .string, .integer, .bool, .null: write(to: &out, indent: 0)
        }
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .object(let pairs):
            guard !pairs.isEmpty else { return out += "{\n\n" + String(repeating: " ", count: indent) + "}" }
            out += "{\n"
            let inner = String(repeating: " ", count: indent + 2)
            for (index, pair) in pairs.sorted(by: { $0.0 < $1.0 }).enumerated() {
                out += (index == 0 ? "" : ",\n") + inner
                Self.quote(pair.0, into: &out)
                out += " : "
                pair.1.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "}"
        case .array(let items):
            guard !items.isEmpty else { return out += "[\n\n" + String(repeating: " ", count: indent) + "]" }
            out += "[\n"
            let inner = String(repeating: " ", count: indent + 2)
            for (index, item) in items.enumerated() {
                out += (index == 0 ? "" : ",\n") + inner
                item.write(to: &out, indent: indent + 2)
            }
            out += "\n" + String(repeating: " ", count: indent) + "]"
        case .string(let text): Self.quote(text, into: &out)
        case .integer(let number): out += String(number)
        case .bool(let value): out += value ? "true" : "false"
        case .null: out += "null"
        }
    }

    /// RFC 8259 §7: quotation mark, reverse solidus and control characters escaped.
    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        // Most values need no escape: append them whole (per-scalar appends cost ten times more).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
