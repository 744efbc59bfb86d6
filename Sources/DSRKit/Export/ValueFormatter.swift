import Foundation

/// Shows stored values the way a person reads them, in the letter's language and the
/// workspace's time zone: `1 maart 2026, 15:05`, `1:05`, `€ 1,23`, `ja`.
///
/// Only the page and the letter use it; `data/` keeps the values exactly as stored. A value
/// that does not fit its format (a timestamp that is not ISO 8601) is shown as stored.
struct ValueFormatter {
    let language: Language
    let timeZone: TimeZone

    /// `value` of a column shown as `format`.
    func text(_ value: ExportValue, as format: DisplayFormat) -> String {
        switch value {
        case .null: return ""
        case .masked(let masking): return text(masking)
        case .integer, .real, .text: break
        }
        switch format {
        case .text, .hidden: return value.text
        case .mailHeader: return EncodedWords.decode(value.text)
        case .dateTime: return Timestamp(value.text).map(dateTime) ?? value.text
        case .date: return Timestamp(value.text).map { date($0, shifted: $0.hasTime) } ?? value.text
        case .duration: return wholeNumber(value).map(Self.duration) ?? value.text
        case .cents(let currency): return wholeNumber(value).map { money($0, currency: currency) } ?? value.text
        case .yesNo:
            switch wholeNumber(value) {
            case 0: return vocabulary.no
            case 1: return vocabulary.yes
            default: return value.text
            }
        }
    }

    /// What masking left of someone else's value, in words of the language.
    func text(_ masking: Masking) -> String {
        switch masking {
        case .withheld: vocabulary.withheld
        case .masked: vocabulary.masked
        case .partial(let shown): shown
        case .otherAddresses(let kept, let others):
            (kept.map(EncodedWords.decode) + [vocabulary.otherAddresses(others)]).joined(separator: ", ")
        }
    }

    /// `1 March 2026, 15:05` in the time zone.
    func dateTime(_ time: Timestamp) -> String {
        let local = time.parts(in: timeZone)
        return date(local) + ", " + Self.two(local.hour) + ":" + Self.two(local.minute)
    }

    /// The date of a moment, in the time zone when it has a time of day (`2026-03-01` is a date
    /// anywhere; `2026-02-28T23:30:00Z` is 1 March in Amsterdam).
    func date(_ time: Timestamp, shifted: Bool) -> String {
        date(shifted ? time.parts(in: timeZone) : time.parts(in: TimeZone(secondsFromGMT: 0)!))
    }

    /// Today's date for the letter's head.
    func date(_ moment: Date) -> String {
        date(Timestamp(seconds: Int64(moment.timeIntervalSince1970.rounded(.down)), hasTime: true), shifted: true)
    }

    private func date(_ parts: Timestamp.Parts) -> String {
        let month = vocabulary.months[parts.month - 1]
        switch language {
        case .english, .dutch: return "\(parts.day) \(month) \(parts.year)"
        case .bulgarian: return "\(parts.day) \(month) \(parts.year) г."
        }
    }

    /// `65` → `1:05`, `3725` → `1:02:05`.
    static func duration(_ seconds: Int64) -> String {
        guard seconds >= 0 else { return String(seconds) }
        let hours = seconds / 3600
        let minutes = (seconds % 3600) / 60
        let rest = seconds % 60
        return hours > 0 ? "\(hours):\(two(Int(minutes))):\(two(Int(rest)))" : "\(minutes):\(two(Int(rest)))"
    }

    /// `123` cents → `€1.23` (en), `€ 1,23` (nl), `1,23 €` (bg), with thousands grouped.
    func money(_ cents: Int64, currency: String) -> String {
        let magnitude = cents.magnitude
        let units = String(magnitude / 100)
        let grouping: String
        let decimal: String
        switch language {
        case .english: (grouping, decimal) = (",", ".")
        case .dutch: (grouping, decimal) = (".", ",")
        case .bulgarian: (grouping, decimal) = ("\u{00A0}", ",")
        }
        var grouped = ""
        for (index, digit) in units.enumerated() {
            if index > 0, (units.count - index) % 3 == 0 { grouped += grouping }
            grouped.append(digit)
        }
        let amount = grouped + decimal + Self.two(Int(magnitude % 100))
        let sign = cents < 0 ? "-" : ""
        let symbol = Self.symbols[currency]
        switch (language, symbol) {
        case (.english, let symbol?): return sign + symbol + amount
        case (.dutch, let symbol?): return symbol + "\u{00A0}" + sign + amount
        case (.bulgarian, let symbol?): return sign + amount + "\u{00A0}" + symbol
        case (_, nil): return sign + amount + "\u{00A0}" + currency
        }
    }

    private static let symbols = ["EUR": "€", "GBP": "£", "USD": "$", "BGN": "лв.", "CHF": "CHF"]

    private var vocabulary: Vocabulary { Vocabulary.of(language) }

    private func wholeNumber(_ value: ExportValue) -> Int64? {
        switch value {
        case .integer(let number): number
        case .real(let number) where number == number.rounded(): Int64(exactly: number)
        case .text(let text): Int64(text.trimmingCharacters(in: .whitespaces))
        default: nil
        }
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
}

/// The few words values are shown with, per language.
struct Vocabulary: Sendable {
    let months: [String]
    let yes, no, withheld, masked: String
    let otherAddresses: @Sendable (Int) -> String

    static func of(_ language: Language) -> Vocabulary {
        switch language {
        case .english: english
        case .dutch: dutch
        case .bulgarian: bulgarian
        }
    }

    static let english = Vocabulary(
        months: [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ], yes: "yes", no: "no", withheld: "withheld", masked: "(someone else's, not shown)",
        otherAddresses: { $0 == 1 ? "[1 other address]" : "[\($0) other addresses]" })
    static let dutch = Vocabulary(
        months: [
            "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
            "november", "december",
        ], yes: "ja", no: "nee", withheld: "afgeschermd", masked: "(van iemand anders, niet getoond)",
        otherAddresses: { $0 == 1 ? "[1 ander adres]" : "[\($0) andere adressen]" })
    static let bulgarian = Vocabulary(
        months: [
            "януари", "февруари", "март", "април", "май", "юни", "юли", "август", "септември", "октомври", "ноември",
            "декември",
        ], yes: "да", no: "не", withheld: "скрит", masked: "(на друго лице, не се показва)",
        otherAddresses: { $0 == 1 ? "[1 друг адрес]" : "[\($0) други адреса]" })
}
