import DSRKit

/// Bulgarian Cyrillic to Latin (the official 2009 Streamlined System), and the lowercase
/// ASCII slug a mailbox or domain would use.
enum DemoTransliteration {
    private static let table: [Character: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
        "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
    ]

    /// Latin spelling of a Bulgarian text; Latin text passes through.
    static func latin(_ text: String) -> String {
        var result = ""
        for character in text {
            let lower = Character(character.lowercased())
            guard let mapped = table[lower] else {
                result.append(character)
                continue
            }
            if lower != character, let first = mapped.first {
                result += first.uppercased() + mapped.dropFirst()
            } else {
                result += mapped
            }
        }
        return result
    }

    /// Lowercase ASCII letters and digits of a name, other characters dropped or folded.
    static func slug(_ text: String, separator: String = "") -> String {
        var result = ""
        var pendingSeparator = false
        for character in latin(text).lowercased() {
            let folded = fold[character] ?? String(character)
            if folded.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                if pendingSeparator, !result.isEmpty { result += separator }
                pendingSeparator = false
                result += folded
            } else {
                pendingSeparator = true
            }
        }
        return result
    }

    private static let fold: [Character: String] = [
        "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "ê": "e", "ë": "e",
        "à": "a", "â": "a", "ç": "c", "î": "i", "ï": "i", "ô": "o", "û": "u", "'": "",
    ]
}
