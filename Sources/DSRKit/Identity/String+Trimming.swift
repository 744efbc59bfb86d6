import Foundation

extension StringProtocol where UTF8View: BidirectionalCollection {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, without Foundation's cost when there
    /// is nothing to trim: a value that begins and ends with a visible ASCII character (every
    /// identifier a file or a column holds, nearly) is returned as it is. Parsing is in every
    /// lookup's path twice (the question, and each stored value confirmed), and Foundation's
    /// trim was a quarter of it (callgrind).
    func trimmedOfWhitespace() -> String {
        endsAreVisibleASCII ? String(self) : trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `trimmingCharacters(in: .whitespaces)` with the same shortcut as ``trimmedOfWhitespace()``.
    func trimmedOfSpaces() -> String {
        endsAreVisibleASCII ? String(self) : trimmingCharacters(in: .whitespaces)
    }

    /// Whether the first and the last character are visible ASCII (`!` to `~`): no white space
    /// of any kind at either end.
    private var endsAreVisibleASCII: Bool {
        guard let first = utf8.first, let last = utf8.last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}
