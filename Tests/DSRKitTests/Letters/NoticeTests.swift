import Foundation
import Testing

@testable import DSRKit

/// One Art. 19 notice per recipient, naming its recipient and the tables it received.
@Suite struct NoticeTests {
    @Test(arguments: LetterFixture.languages)
    func anErasureHasOneNoticePerRecipientWithTheTablesItReceived(language: Language) throws {
        let fixture = try LetterFixture()
        let letters = try fixture.session.erasureLetter(
            LetterFixture.erasurePlan, for: LetterFixture.subject(), language: language)
        #expect(letters.notices.count == 2)
        let map = try BuiltinDataMap.map()
        let title = { (table: String) in try #require(map.table(table)).title(in: language) }
        let police = letters.notices[0]
        #expect(police.contains(LetterFixture.police) && !police.contains(LetterFixture.owner))
        #expect(police.contains(try title("contacts")))
        #expect(police.contains(try title("cdrs")))
        // Recordings go to no recipient in the map: the police notice does not list them.
        #expect(!police.contains(try title("recordings")))
        let owner = letters.notices[1]
        #expect(owner.contains(LetterFixture.owner))
        #expect(owner.contains(try title("cdrs")))
        #expect(!owner.contains(try title("contacts")), "the number owner does not receive contact rows")
        for notice in letters.notices {
            #expect(notice.contains("DSR-2026-0042") && notice.contains("+31 6 *****567"))
            let article19 = [Language.english: "Article 19", .dutch: "Artikel 19", .bulgarian: "Член 19"]
            #expect(notice.contains(try #require(article19[language])))
        }
    }

    @Test func aRectificationNoticeCarriesTheNewValue() throws {
        let letters = try LetterFixture().session.rectificationLetter(
            LetterFixture.rectification, for: LetterFixture.subject(), language: .english)
        #expect(letters.notices.count == 1)
        #expect(letters.notices[0].contains("s.bakker@example.org"))
        #expect(letters.notices[0].contains("correct your copies"))
    }

    @Test func aRestrictionNoticeGoesToEachRecipientWithTheRestriction() throws {
        let letters = try LetterFixture().session.restrictionLetter(
            LetterFixture.restriction(), lifted: false, for: LetterFixture.subject(), language: .dutch)
        #expect(letters.notices.count == 2)
        #expect(letters.notices[0].contains(LetterFixture.police))
        #expect(letters.notices[1].contains(LetterFixture.operators))
        for notice in letters.notices {
            #expect(notice.contains("RST-2026-0003") && notice.contains("10 mei 2026"))
            #expect(notice.contains("beperking van de verwerking"))
        }
    }

    @Test func aRefusalHasNoNotices() throws {
        let letters = try LetterFixture().session.refusalLetter(
            for: LetterFixture.refusedRequest(), reason: "manifestly unfounded", language: .english)
        #expect(letters.notices.isEmpty)
    }
}
