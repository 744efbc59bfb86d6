import Foundation
import Testing

@testable import DSRKit

/// The page's formats: dates in the letter's language and the workspace's time zone, durations,
/// money, yes/no, decoded header words; a value that does not fit its format is shown as stored.
@Suite struct ValueFormatterTests {
    static let amsterdam = TimeZone(identifier: "Europe/Amsterdam")!

    static func formatter(_ language: Language, _ zone: TimeZone = amsterdam) -> ValueFormatter {
        ValueFormatter(language: language, timeZone: zone)
    }

    @Test(arguments: [
        (Language.english, "1 March 2026, 15:05", "1 March 2026"),
        (.dutch, "1 maart 2026, 15:05", "1 maart 2026"),
        (.bulgarian, "1 март 2026 г., 15:05", "1 март 2026 г."),
    ])
    func datesAreInTheLanguageAndTheTimeZone(language: Language, dateTime: String, date: String) {
        let value = ExportValue.text("2026-03-01T14:05:09Z")
        #expect(Self.formatter(language).text(value, as: .dateTime) == dateTime)
        #expect(Self.formatter(language).text(value, as: .date) == date)
        // A date without a time is that date in every time zone.
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        #expect(Self.formatter(language, tokyo).text(.text("2026-03-01"), as: .date) == date)
    }

    @Test func theTimeZoneDecidesTheDay() {
        let value = ExportValue.text("2026-02-28T23:30:00Z")
        #expect(Self.formatter(.english).text(value, as: .dateTime) == "1 March 2026, 00:30")
        #expect(Self.formatter(.english, TimeZone(identifier: "UTC")!).text(value, as: .date) == "28 February 2026")
        #expect(Self.formatter(.english).text(.text("2026-07-01T10:00:00Z"), as: .dateTime) == "1 July 2026, 12:00")
    }

    @Test(arguments: [(Int64(0), "0:00"), (5, "0:05"), (65, "1:05"), (600, "10:00"), (3725, "1:02:05")])
    func durationsAreMinutesAndSeconds(seconds: Int64, shown: String) {
        #expect(Self.formatter(.english).text(.integer(seconds), as: .duration) == shown)
    }

    @Test(arguments: [
        (Language.english, Int64(123), "€1.23"), (.dutch, 123, "€\u{A0}1,23"), (.bulgarian, 123, "1,23\u{A0}€"),
        (.english, 123_456_789, "€1,234,567.89"), (.dutch, 123_456_789, "€\u{A0}1.234.567,89"),
        (.english, -5, "-€0.05"), (.dutch, 7, "€\u{A0}0,07"),
    ])
    func moneyIsWrittenAsTheLanguageWritesIt(language: Language, cents: Int64, shown: String) {
        #expect(Self.formatter(language).text(.integer(cents), as: .cents(currency: "EUR")) == shown)
    }

    @Test func otherCurrenciesAndYesNo() {
        #expect(Self.formatter(.bulgarian).text(.integer(250), as: .cents(currency: "BGN")) == "2,50\u{A0}лв.")
        #expect(Self.formatter(.english).text(.integer(250), as: .cents(currency: "SEK")) == "2.50\u{A0}SEK")
        #expect(Self.formatter(.dutch).text(.integer(1), as: .yesNo) == "ja")
        #expect(Self.formatter(.bulgarian).text(.integer(0), as: .yesNo) == "не")
        #expect(Self.formatter(.english).text(.integer(2), as: .yesNo) == "2")
    }

    @Test func headersAreDecodedAndMaskingIsWorded() {
        let name = ExportValue.text("=?UTF-8?Q?Jan_de_Vri=C3=ABs?= <jan@example.nl>")
        #expect(Self.formatter(.english).text(name, as: .mailHeader) == "Jan de Vriës <jan@example.nl>")
        #expect(Self.formatter(.dutch).text(.masked(.withheld), as: .text) == "afgeschermd")
        let others = ExportValue.masked(.otherAddresses(kept: ["jan@example.nl"], others: 2))
        #expect(Self.formatter(.dutch).text(others, as: .mailHeader) == "jan@example.nl, [2 andere adressen]")
        // data/ keeps the English form.
        #expect(others.text == "jan@example.nl, [2 other addresses]")
    }

    @Test func aValueThatDoesNotFitItsFormatIsShownAsStored() {
        #expect(Self.formatter(.english).text(.text("last Tuesday"), as: .dateTime) == "last Tuesday")
        #expect(Self.formatter(.english).text(.text("n/a"), as: .duration) == "n/a")
        #expect(Self.formatter(.english).text(.null, as: .cents(currency: "EUR")) == "")
    }

    @Test func theLetterIsDatedInItsLanguage() {
        let moment = Date(timeIntervalSince1970: 1_796_151_004)  // 2026-12-01T18:50:04Z
        #expect(Self.formatter(.english).date(moment) == "1 December 2026")
        #expect(Self.formatter(.dutch).date(moment) == "1 december 2026")
        #expect(Self.formatter(.bulgarian).date(moment) == "1 декември 2026 г.")
    }
}
