import Testing

@testable import DSRKit

extension IdentityTests {
    /// Every phone form of CONTRACT.md section 2, in several countries.
    @Suite struct PhoneNumberTests {
        struct Case: Sendable, CustomTestStringConvertible {
            let raw: String
            let country: String
            let e164: String
            var testDescription: String { "\(raw) in \(country) → \(e164)" }
            init(_ raw: String, _ country: String, _ e164: String) {
                self.raw = raw
                self.country = country
                self.e164 = e164
            }
        }

        static let forms: [Case] = [
            // NL: every form the contract lists.
            Case("+31703111050", "NL", "+31703111050"),
            Case("+31 70 311 1050", "NL", "+31703111050"),
            Case("+31 (0)70-3111050", "NL", "+31703111050"),
            Case("0031703111050", "NL", "+31703111050"),
            Case("31703111050", "NL", "+31703111050"),
            Case("070-3111050", "NL", "+31703111050"),
            Case("070 311 1050", "NL", "+31703111050"),
            Case("(070) 311 10 50", "NL", "+31703111050"),
            Case("070.311.1050", "NL", "+31703111050"),
            Case("070/3111050", "NL", "+31703111050"),
            Case("06-81234567", "NL", "+31681234567"),
            Case("+31-6-81234567", "NL", "+31681234567"),
            Case("0800 1234", "NL", "+318001234"),
            Case("0800 1234567", "NL", "+318001234567"),
            Case("+31 070 311 1050", "NL", "+31703111050"),
            Case("tel:+31-70-311-1050", "NL", "+31703111050"),
            Case("  +31\u{00A0}70\t311 1050 ", "NL", "+31703111050"),
            // International forms ignore the context country.
            Case("+31703111050", "BG", "+31703111050"),
            Case("0031 (0)70 3111050", "DE", "+31703111050"),
            // BG
            Case("+359 2 4928571", "BG", "+35924928571"),
            Case("02 4928571", "BG", "+35924928571"),
            Case("0888 123 456", "BG", "+359888123456"),
            Case("00359888123456", "BG", "+359888123456"),
            Case("359888123456", "BG", "+359888123456"),
            Case("+359 (0)888 123 456", "NL", "+359888123456"),
            // BE
            Case("+32 2 555 12 34", "BE", "+3225551234"),
            Case("02/555.12.34", "BE", "+3225551234"),
            Case("0470 12 34 56", "BE", "+32470123456"),
            Case("0032 470 12 34 56", "NL", "+32470123456"),
            Case("32470123456", "BE", "+32470123456"),
            // DE
            Case("(030) 12345678", "DE", "+493012345678"),
            Case("030/12345678", "DE", "+493012345678"),
            Case("+49 (0)30 12345678", "NL", "+493012345678"),
            Case("0151 23456789", "DE", "+4915123456789"),
            Case("004915123456789", "DE", "+4915123456789"),
            // FR
            Case("01 23 45 67 89", "FR", "+33123456789"),
            Case("06.12.34.56.78", "FR", "+33612345678"),
            Case("+33 (0)6 12 34 56 78", "FR", "+33612345678"),
            Case("33612345678", "FR", "+33612345678"),
            // GB
            Case("020 7946 0958", "GB", "+442079460958"),
            Case("+44 (0)20 7946 0958", "GB", "+442079460958"),
            Case("07700 900123", "GB", "+447700900123"),
            Case("0800 123 4567", "GB", "+448001234567"),
            // IT: no trunk prefix, the 0 of a fixed line stays after +39.
            Case("06 1234 5678", "IT", "+390612345678"),
            Case("+39 06 1234 5678", "NL", "+390612345678"),
            Case("+39 (0)6 1234 5678", "NL", "+390612345678"),
            Case("0039 347 123 4567", "IT", "+393471234567"),
            Case("347 123 4567", "IT", "+393471234567"),
            Case("393471234567", "IT", "+393471234567"),
            // US / NANP: 10 digits national, trunk 1, 011 international.
            Case("(202) 555-0199", "US", "+12025550199"),
            Case("202.555.0199", "US", "+12025550199"),
            Case("1-202-555-0199", "US", "+12025550199"),
            Case("+1 202 555 0199", "NL", "+12025550199"),
            Case("011 31 70 311 1050", "US", "+31703111050"),
            Case("12025550199", "NL", "+12025550199"),
            // Other table rows: HU trunk 06, LT trunk 8 and 0, AT variable length.
            Case("06 1 234 5678", "HU", "+3612345678"),
            Case("8 612 34567", "LT", "+37061234567"),
            Case("0 612 34567", "LT", "+37061234567"),
            Case("01 5880", "AT", "+4315880"),
            // Calling codes outside the table are split by the ITU rule and kept.
            Case("+81 3-1234-5678", "NL", "+81312345678"),
            Case("+971 4 123 4567", "NL", "+97141234567"),
        ]

        @Test(arguments: forms)
        func readsEveryForm(_ row: Case) throws {
            let number = try PhoneNumber.parse(row.raw, context: row.country)
            #expect(number.e164 == row.e164)
        }

        @Test func contextCountryAnyCase() throws {
            #expect(try PhoneNumber.parse("070-3111050", context: " nl ").e164 == "+31703111050")
        }

        struct Display: Sendable, CustomTestStringConvertible {
            let e164: String
            let display: String
            var testDescription: String { e164 }
        }

        @Test(arguments: [
            Display(e164: "+31703111050", display: "+31 70 311 1050"),
            Display(e164: "+35924928571", display: "+359 2 492 8571"),
            Display(e164: "+12025550199", display: "+1 202 555 0199"),
            Display(e164: "+318001234", display: "+31 800 1234"),
            Display(e164: "+4315880", display: "+43 1 5880"),
            Display(e164: "+4915123456789", display: "+49 1 512 345 6789"),
        ])
        func displayGroupsFromTheRight(_ row: Display) throws {
            let number = try PhoneNumber.parse(row.e164, context: "NL")
            #expect(number.displayForm == row.display)
            #expect(try PhoneNumber.parse(number.displayForm, context: "NL") == number)
            #expect(number.description == row.e164)
        }

        @Test func partsAndCountry() throws {
            let number = try PhoneNumber.parse("02 4928571", context: "BG")
            #expect(number.callingCode == "359")
            #expect(number.nationalNumber == "24928571")
            #expect(number.country?.code == "BG")
            #expect(try PhoneNumber.parse("+1 202 555 0199", context: "NL").country?.code == "US")
            #expect(try PhoneNumber.parse("+81 3 1234 5678", context: "NL").country == nil)
        }
    }
}
