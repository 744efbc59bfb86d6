import Foundation
import Testing

@testable import DSRKit

extension DataMapTests {
    /// Labels, display formats, file cards, portability and transfers: read into the model, and
    /// every mistake reported at its line.
    @Suite struct Presentation {
        static let good = """
            version: 1
            tables:
            \(DataMapTests.table("calls", extra: """
                    label: {en: Calls, nl: Gesprekken, bg: Обаждания}
                    portable: {except: [charge]}
                    transfers: ["Transcription in the US under the Data Privacy Framework"]
                    display:
                      - {column: at, label: {en: When, nl: Wanneer}, format: date-time}
                      - {column: seconds, format: duration}
                      - {column: charge, label: Charge, format: cents, currency: BGN}
                      - {column: hidden_flag, format: yes-no}
                      - {column: secret, format: hidden}
                      - {column: subject, format: mail-header}
                      - {column: day, format: date}
                      - {column: note}
                    references:
                      - {column: line_id, table: lines, target: id}
                    files:
                      - {column: path, format: audio, card: [at, {via: [line_id], column: number}]}
                    columns:
                      - {column: path, erasure: delete-row}
                """))
            \(DataMapTests.table("lines"))
            """

        @Test func everyFormReadsIntoTheModel() throws {
            let map = try DataMapParser.parse(Self.good, file: "map.yaml")
            let calls = try #require(map.table("calls"))
            #expect(calls.title(in: .dutch) == "Gesprekken")
            #expect(calls.title(in: .bulgarian) == "Обаждания")
            #expect(calls.title(of: "at", in: .dutch) == "Wanneer")
            // A language the label lacks falls back to English; an unlabelled column reads as words.
            #expect(calls.title(of: "at", in: .bulgarian) == "When")
            #expect(calls.title(of: "charge", in: .dutch) == "Charge")
            #expect(calls.title(of: "hidden_flag", in: .english) == "Hidden flag")
            #expect(map.table("lines")?.title(in: .english) == "Lines")
            #expect(
                calls.display.map(\.format) == [
                    .dateTime, .duration, .cents(currency: "BGN"), .yesNo, .hidden, .mailHeader, .date, .text,
                ])
            #expect(calls.portability == .portable(except: ["charge"]))
            #expect(calls.portability.includes("at") && !calls.portability.includes("charge"))
            #expect(map.table("lines")?.portability == Portability.none)
            #expect(calls.transfers == ["Transcription in the US under the Data Privacy Framework"])
            #expect(
                calls.files.first?.card == [
                    ColumnPath(via: [], column: "at"), ColumnPath(via: ["line_id"], column: "number"),
                ])
        }

        struct Case: Sendable, CustomTestStringConvertible {
            let name: String
            let entry: String
            let marker: String
            let message: String
            var testDescription: String { name }
        }

        static let badCases: [Case] = [
            Case(
                name: "unknown format", entry: "display:\n  - {column: at, format: clock}", marker: "clock",
                message: "display column 'at' of table 't': unknown format 'clock'"),
            Case(
                name: "currency that is not ISO 4217",
                entry: "display:\n  - {column: c, format: cents, currency: euro}",
                marker: "euro", message: "'currency' must be an ISO 4217 code such as EUR, found 'euro'"),
            Case(
                name: "currency without cents", entry: "display:\n  - {column: c, currency: EUR}", marker: "EUR",
                message: "'currency' belongs only to format 'cents'"),
            Case(
                name: "a language dsr has no letter in", entry: "label: {en: Calls, de: Anrufe}", marker: "de:",
                message: "unknown key 'de' in 'label' of table 't' (known keys: en, nl, bg)"),
            Case(
                name: "a column listed twice", entry: "display:\n  - {column: a}\n  - {column: a, format: date}",
                marker: "format: date", message: "column 'a' of table 't' is listed twice under 'display'"),
            Case(
                name: "portable as a word", entry: "portable: yes please", marker: "portable",
                message: "'portable' must be true or false"),
            Case(
                name: "portable without except", entry: "portable: {but: [a]}", marker: "but",
                message: "unknown key 'but'"),
            Case(
                name: "a card hop that is no reference",
                entry:
                    "files:\n  - {column: p, format: audio, card: [{via: [nope], column: n}]}\ncolumns:\n  - {column: p, erasure: delete-row}",
                marker: "card:", message: "'nope' is not a reference of table 't'"),
        ]

        @Test(arguments: badCases)
        func aMistakeIsReportedAtItsLine(_ badCase: Case) {
            let indented = badCase.entry.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            let text = "version: 1\ntables:\n" + DataMapTests.table("t", extra: indented)
            let error = #expect(throws: DataMapError.self) { _ = try DataMapParser.parse(text, file: "map.yaml") }
            let problem = error?.problems.first { $0.message.contains(badCase.message) }
            #expect(problem != nil, "\(error?.problems.map(\.message) ?? [])")
            #expect(problem?.location?.line == Parser.line(of: badCase.marker, in: text))
        }

        @Test func theCheckerNamesDisplayCardAndPortableColumnsTheDatabaseLacks() throws {
            var text = BuiltinDataMap.text
            text = text.replacingOccurrences(of: "- {column: started_at,\n", with: "- {column: begun_at,\n")
            text = text.replacingOccurrences(of: "card: [recorded_at,", with: "card: [taped_at,")
            text = text.replacingOccurrences(of: "{except: [ip_address, regulator_info]}", with: "{except: [ip]}")
            let messages = try Checker.problems(text).map(\.message)
            #expect(messages.contains("display column 'begun_at': table 'cdrs' has no such column"), "\(messages)")
            #expect(messages.contains("card column 'taped_at': table 'recordings' has no such column"), "\(messages)")
            #expect(
                messages.contains("'portable' except column 'ip': table 'orders' has no such column"), "\(messages)")
        }
    }
}
