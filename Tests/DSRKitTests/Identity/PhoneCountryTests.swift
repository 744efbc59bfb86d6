import Testing

@testable import DSRKit

extension IdentityTests {
    /// The country table as the parser reads it: lengths and trunk prefixes are stored packed
    /// (no arrays or sets), and must read back as the table wrote them.
    @Suite struct PhoneCountryTests {
        @Test func lengthsAndTrunkPrefixesReadBackAsTheTableSaysThem() throws {
            let nl = try #require(PhoneCountry.named("NL"))
            #expect(nl.lengths == [7, 9, 10, 11])
            #expect(nl.trunkPrefixes == ["0"])
            #expect(nl.hasTrunkPrefix)
            let lithuania = try #require(PhoneCountry.named("LT"))
            #expect(lithuania.trunkPrefixes == ["8", "0"])
            #expect(lithuania.trunkText == "8 or 0")
            #expect(lithuania.trunkPrefix(of: "861234567") == "8")
            #expect(lithuania.trunkPrefix(of: "061234567") == "0")
            #expect(lithuania.trunkPrefix(of: "561234567") == nil)
            let hungary = try #require(PhoneCountry.named("HU"))
            #expect(hungary.trunkPrefix(of: "0612345678") == "06")
            #expect(hungary.trunkPrefix(of: "0712345678") == nil)
            #expect(hungary.lengths == [8, 9])
            #expect(hungary.lengthsText == "8 to 9")
            let italy = try #require(PhoneCountry.named("IT"))
            #expect(italy.trunkPrefixes.isEmpty)
            #expect(!italy.hasTrunkPrefix)
            #expect(italy.trunkPrefix(of: "0612345678") == nil)
            #expect(italy.lengths == Set(6...11))
            #expect(italy.isValid(nsn: "0612345678"))
            #expect(!nl.isValid(nsn: "061234567") && nl.isValid(nsn: "612345678"))
            #expect(!nl.isValid(nsn: String(repeating: "6", count: 40)))
            #expect(nl.problem(nsn: "61234567", position: "") == "8 digits; NL numbers have 7, 9, 10 or 11")
        }

        @Test func everyTwoDigitCallingCodeSplitsAfterTwoDigitsAndNoOtherDoes() {
            for number in 10...99 {
                let split = CallingCode.split("\(number)1234567")
                let expected =
                    number / 10 == 1 || number / 10 == 7 ? 1 : CallingCode.twoDigit.contains("\(number)") ? 2 : 3
                #expect(split?.callingCode.count == expected, "\(number)")
                #expect(split.map { $0.callingCode + $0.rest } == "\(number)1234567")
            }
            #expect(CallingCode.split("3") == nil)
            #expect(CallingCode.split("3a12345")?.callingCode == "3a1")
        }
    }
}
