import Foundation
import Testing

@testable import DSRKit

/// Each outcome's letter in en, nl and bg carries the legal points issue 11 names, and the
/// Bulgarian letters are Bulgarian.
@Suite struct LetterContentTests {
    /// How each language cites an article's paragraph and point.
    static func cite(_ article: String, _ paragraph: String? = nil, _ language: Language) -> String {
        switch (language, paragraph) {
        case (.english, nil): "Article \(article)"
        case (.english, let paragraph?): "Article \(article)(\(paragraph))"
        case (.dutch, nil): "artikel \(article)"
        case (.dutch, let paragraph?): "artikel \(article), lid \(paragraph)"
        case (.bulgarian, nil): "член \(article)"
        case (.bulgarian, let paragraph?): "член \(article), параграф \(paragraph)"
        }
    }

    static let dates: [Language: [String: String]] = [
        .english: ["2027-04-15": "15 April 2027", "2026-05-20": "20 May 2026", "2026-05-04": "4 May 2026"],
        .dutch: ["2027-04-15": "15 april 2027", "2026-05-20": "20 mei 2026", "2026-05-04": "4 mei 2026"],
        .bulgarian: ["2027-04-15": "15 април 2027 г.", "2026-05-20": "20 май 2026 г.", "2026-05-04": "4 май 2026 г."],
    ]

    @Test(arguments: LetterFixture.languages)
    func theErasureLetterNamesArticle17ItsExceptionsAndTheProcessorHeldController(language: Language) throws {
        let fixture = try LetterFixture()
        let letter = try #require(try fixture.rendered(language)[.erasure]).letter
        #expect(letter.contains(Self.cite("17", nil, language)))
        #expect(letter.contains(Self.cite("17", "3", language)), "the Art. 17(3) exceptions")
        #expect(letter.contains("Art. 17(3)(e): establishment and defence"), "the basis of a kept item")
        #expect(letter.contains(try #require(Self.dates[language]?["2027-04-15"])), "the last until date")
        #expect(letter.contains("legal hold H-3"), "a held item's basis")
        let owner = [
            Language.english: "the owner of the number you called", .dutch: "de houder van het nummer dat u belde",
            .bulgarian: "притежателят на номера, на който сте се обадили",
        ]
        #expect(letter.contains(try #require(owner[language])), "no organisation row: the number's owner")
        #expect(letter.contains(Self.cite("19", nil, language)) && letter.contains(LetterFixture.police))
        #expect(letter.contains(Self.cite("77", nil, language)) && letter.contains(LetterFixture.authority))
        #expect(letter.contains("DSR-2026-0042") && letter.contains("Numbers & Co B.V."))
    }

    @Test(arguments: LetterFixture.languages)
    func theRectificationLetterNamesArticles16And19AndTheNewValue(language: Language) throws {
        let letter = try #require(try LetterFixture().rendered(language)[.rectification]).letter
        #expect(letter.contains(Self.cite("16", nil, language)))
        #expect(letter.contains(Self.cite("19", nil, language)))
        #expect(letter.contains("s.bakker@example.org"))
        #expect(letter.contains("an e-mail header records the message"), "what could not be changed, and why")
        let title = try #require(BuiltinDataMap.map().table("contacts")).title(in: language)
        #expect(letter.contains(title), "the table's title in the letter's language")
    }

    @Test(arguments: LetterFixture.languages)
    func theRestrictionLetterNamesArticle18AndTheNoticeBeforeLifting(language: Language) throws {
        let letter = try #require(try LetterFixture().rendered(language)[.restriction]).letter
        #expect(letter.contains(Self.cite("18", "1", language)))
        #expect(letter.contains(Self.cite("18", "2", language)))
        #expect(letter.contains(Self.cite("18", "3", language)))
        #expect(letter.contains("RST-2026-0003"))
    }

    @Test(arguments: LetterFixture.languages)
    func theLiftedLetterNamesArticle18_3AndTheDayThePersonWasTold(language: Language) throws {
        let letter = try #require(try LetterFixture().rendered(language)[.restrictionLifted]).letter
        #expect(letter.contains(Self.cite("18", "3", language)))
        #expect(letter.contains(try #require(Self.dates[language]?["2026-05-20"])))
    }

    @Test func aLiftedRestrictionNeedsTheDayThePersonWasTold() throws {
        let fixture = try LetterFixture()
        #expect(throws: LetterError.informedOnMissing(restriction: "RST-2026-0003")) {
            try fixture.session.restrictionLetter(
                LetterFixture.restriction(), lifted: true, for: LetterFixture.subject(), language: .english)
        }
    }

    @Test(arguments: LetterFixture.languages)
    func theRefusalLetterNamesArticle12_4TheAuthorityAndBothRemedies(language: Language) throws {
        let letter = try #require(try LetterFixture().rendered(language)[.refusal]).letter
        #expect(letter.contains(Self.cite("12", "4", language)))
        #expect(letter.contains(Self.cite("77", nil, language)) && letter.contains(Self.cite("79", nil, language)))
        #expect(letter.contains(LetterFixture.authority))
        #expect(letter.contains(LetterFixture.refusalReason))
        #expect(letter.contains(try #require(Self.dates[language]?["2026-05-04"])), "the day it was received")
        let words: [Language: [String]] = [
            .english: ["complaint", "judicial remedy", "within one month of receipt"],
            .dutch: ["klacht", "rechter", "uiterlijk binnen een maand na ontvangst"],
            .bulgarian: ["жалба", "съдебна защита", "най-късно в срок от един месец"],
        ]
        for word in try #require(words[language]) { #expect(letter.contains(word), "\(word)") }
    }

    @Test func theBulgarianLettersAndNoticesAreInCyrillic() throws {
        let rendered = try LetterFixture().rendered(.bulgarian)
        for (outcome, letters) in rendered {
            for text in [letters.letter] + letters.notices {
                // Controller details, identifiers and the map's English texts are Latin.
                #expect(TemplateRendererTests.cyrillicShare(text) > 0.6, "\(outcome)")
            }
        }
        let words = [
            LetterOutcome.erasure: "изтриване", .rectification: "коригиране", .restriction: "ограничаване",
            .restrictionLifted: "отменено", .refusal: "надзорен орган",
        ]
        for (outcome, word) in words {
            let letter = try #require(rendered[outcome]).letter
            #expect(letter.contains(word) && letter.contains("Уважаеми") && letter.contains("ОРЗД"), "\(outcome)")
        }
    }

    @Test func aLetterNeedsTheController() throws {
        let (_, session) = try LetterFixture.withoutController()
        #expect(throws: LetterError.self) {
            try session.refusalLetter(
                for: LetterFixture.refusedRequest(), reason: "manifestly unfounded", language: .english)
        }
    }
}
