/// The languages of letters and pages (`--lang`), and of the data map's labels.
public enum Language: String, Sendable, Equatable, Hashable, CaseIterable, Comparable, Codable {
    case english = "en"
    case dutch = "nl"
    case bulgarian = "bg"

    public static func < (lhs: Language, rhs: Language) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A text the map gives per language (`{en: Calls, nl: Gesprekken, bg: Обаждания}`), or once
/// for all languages.
public struct LocalizedText: Sendable, Equatable {
    /// The text per language; a language missing here falls back to English.
    public var texts: [Language: String]

    /// Creates a text from its translations.
    public init(_ texts: [Language: String]) { self.texts = texts }

    /// The text in `language`, else in English, else in the first language given.
    public func text(in language: Language) -> String? {
        texts[language] ?? texts[.english] ?? Language.allCases.lazy.compactMap { texts[$0] }.first
    }
}

/// How the page shows the values of one column (the data in `data/` stays exact).
public enum DisplayFormat: Sendable, Equatable {
    /// As stored.
    case text
    /// An ISO 8601 timestamp, shown as date and time in the letter's language and the
    /// workspace's time zone (`1 March 2026, 15:05`).
    case dateTime
    /// An ISO 8601 date or timestamp, shown as a date only.
    case date
    /// A number of seconds, shown as `m:ss` (`h:mm:ss` from an hour).
    case duration
    /// A whole number of cents of `currency` (ISO 4217), shown as `€ 1,23` in Dutch.
    case cents(currency: String)
    /// 0 or 1, shown as no or yes.
    case yesNo
    /// An e-mail header: RFC 2047 encoded words decoded (`=?UTF-8?Q?…?=` → `Jan de Vriës`).
    case mailHeader
    /// Not shown on the page (internal keys, file paths); still in `data/`.
    case hidden
}

/// How one column is shown on the page: its heading and its format.
public struct DisplayColumn: Sendable, Equatable {
    /// The column name.
    public var column: String
    /// The heading; the column name in words when absent.
    public var label: LocalizedText?
    /// How values are shown.
    public var format: DisplayFormat
    /// Where in the map file (for messages).
    public var location: MapLocation?

    /// Creates a display rule.
    public init(
        column: String, label: LocalizedText? = nil, format: DisplayFormat = .text, location: MapLocation? = nil
    ) {
        self.column = column
        self.label = label
        self.format = format
        self.location = location
    }
}

/// Which of a table's data Art. 20(1) covers: what the person provided (including what we
/// observed of their use of the service), processed by automated means on consent or contract.
public enum Portability: Sendable, Equatable {
    /// Not covered (records we made, data kept under a legal obligation, data we process only
    /// as a processor): left out of a portability export.
    case none
    /// Covered, except the columns named (kept under another legal basis, or derived by us).
    case portable(except: [String])

    /// Whether a portability export includes the table.
    public var includesTable: Bool { self != .none }

    /// Whether a portability export includes `column` of the table.
    public func includes(_ column: String) -> Bool {
        guard case .portable(let except) = self else { return false }
        return !except.contains(column)
    }
}
