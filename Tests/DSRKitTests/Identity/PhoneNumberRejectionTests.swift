import Testing

@testable import DSRKit

extension IdentityTests {
    /// Near misses, impossible lengths, withheld markers and the rule for bare digits.
    @Suite struct PhoneNumberRejectionTests {
        struct Pair: Sendable, CustomTestStringConvertible {
            let name: String
            let first: (raw: String, country: String)
            let second: (raw: String, country: String)
            var testDescription: String { name }
        }

        static let nearMisses: [Pair] = [
            Pair(name: "one digit off", first: ("+31703111050", "NL"), second: ("+31703111051", "NL")),
            Pair(name: "one digit off, national", first: ("070-3111050", "NL"), second: ("070-3111060", "NL")),
            Pair(name: "two digits swapped", first: ("+31703111050", "NL"), second: ("+31703111005", "NL")),
            Pair(
                name: "same national digits under +32 and +31", first: ("+32 70 311 1050", "NL"),
                second: ("+31 70 311 1050", "NL")),
            Pair(
                name: "same national form in BE and NL context", first: ("070 311 105", "BE"),
                second: ("070 3111 050", "NL")),
            Pair(
                name: "trunk 0 in BG versus NL context", first: ("070 311 1050", "BG"),
                second: ("070 311 1050", "NL")),
            Pair(
                name: "0800 against a mobile with the same tail", first: ("0800 1234", "NL"),
                second: ("06-1234 1234", "NL")),
            Pair(
                name: "0800 against a 06 mobile, same last 7", first: ("0800-1234567", "NL"),
                second: ("06-11234567", "NL")),
            Pair(
                name: "Italian 0 kept versus dropped", first: ("+39 06 1234 5678", "IT"),
                second: ("+39 6 1234 5678", "IT")),
            Pair(
                name: "NANP versus the same digits in NL", first: ("+1 703 111 0500", "US"),
                second: ("+31 703 111 050", "NL")),
        ]

        @Test(arguments: nearMisses)
        func nearMissesAreNotEqual(_ pair: Pair) throws {
            let one = try PhoneNumber.parse(pair.first.raw, context: pair.first.country)
            let two = try PhoneNumber.parse(pair.second.raw, context: pair.second.country)
            #expect(one != two)
            #expect(one.e164 != two.e164)
            #expect(Set([one, two]).count == 2)
        }

        struct Bad: Sendable, CustomTestStringConvertible {
            let raw: String
            let country: String
            let reason: String
            var testDescription: String { "\(raw) in \(country)" }
            init(_ raw: String, _ country: String, _ reason: String) {
                self.raw = raw
                self.country = country
                self.reason = reason
            }
        }

        static let impossible: [Bad] = [
            Bad("+317031", "NL", "4 digits after +31; NL numbers have 7, 9, 10 or 11"),
            Bad("+31 70 311", "NL", "5 digits after +31; NL numbers have 7, 9, 10 or 11"),
            Bad("070-311105", "NL", "8 digits after the trunk prefix 0; NL numbers have 7, 9, 10 or 11"),
            Bad("+33 6 12 34 56 7", "NL", "8 digits after +33; FR numbers have 9"),
            Bad("+33 6 12 34 56 789", "FR", "10 digits after +33; FR numbers have 9"),
            Bad("02 4928", "BG", "5 digits after the trunk prefix 0; BG numbers have 6 to 9"),
            Bad("0888 123 456 7", "BG", "10 digits after the trunk prefix 0; BG numbers have 6 to 9"),
            Bad("+1 202 555 019", "NL", "9 digits after +1; NANP numbers have 10"),
            Bad("+1 102 555 0199", "NL", "starts with 1 after +1; NANP numbers start with 2–9"),
            Bad("+44 20 7946 09581", "GB", "11 digits after +44; GB numbers have 7 to 10"),
            Bad("+31 0 70", "NL", "3 digits after +31; NL numbers have 7, 9, 10 or 11"),
            Bad("+0031703111050", "NL", "a calling code cannot start with 0 (after +)"),
            Bad("+81 3 1234 5678 9012 34", "NL", "17 digits in all; E.164 allows at most 15"),
            Bad("+998 12", "NL", "2 digits after +998; too short for a number"),
            Bad("+3", "NL", "too few digits after + for a calling code and a number"),
            Bad("070-3111050 ext. 12", "NL", "contains letters"),
            Bad("070-3111050#12", "NL", "contains a character that is neither a digit nor a separator"),
            Bad("31+703111050", "NL", "a + that is not at the start"),
            Bad("---", "NL", "has no digits"),
            Bad("jan@example.nl", "NL", "contains letters"),
        ]

        @Test(arguments: impossible)
        func impossibleValuesAreRejected(_ row: Bad) {
            #expect {
                try PhoneNumber.parse(row.raw, context: row.country)
            } throws: { error in
                guard let error = error as? IdentityError, case .invalidPhone(let reason) = error else { return false }
                return error.kind == .badData && reason.hasPrefix(row.reason)
            }
        }

        @Test(arguments: impossible)
        func messagesNeverQuoteTheValue(_ row: Bad) {
            guard case .unparseable(let error) = PhoneNumber.read(row.raw, context: row.country) else {
                Issue.record("expected an unparseable value")
                return
            }
            let digits = row.raw.filter(\.isNumber)
            #expect(digits.count < 4 || !error.description.contains(digits))
            #expect(error.description.hasPrefix("phone: "))
        }

        static let markers: [String?] = [
            nil, "", "   ", "anonymous", "Anonymous", "ANONYMOUS", "unknown", "Unknown", "UNKNOWN", "restricted",
            "Restricted", "RESTRICTED", "withheld", "WithHeld", "private", "PRIVATE", "unavailable", "NULL",
            "Private Number", "<anonymous>", "Caller ID withheld", " unknown\n",
        ]

        @Test(arguments: markers)
        func withheldMarkersNeverParse(_ raw: String?) {
            #expect(PhoneNumber.read(raw, context: "NL") == .withheld)
            #expect(PhoneNumber.isWithheldMarker(raw))
            if let raw {
                #expect(throws: IdentityError.withheldPhone) { try PhoneNumber.parse(raw, context: "NL") }
            }
        }

        @Test(arguments: ["anonymous123", "unknownx", "hello", "anonymous@anonymous.example", "+31 unknown"])
        func garbageIsNotWithheld(_ raw: String) {
            #expect(!PhoneNumber.isWithheldMarker(raw))
            guard case .unparseable(let error) = PhoneNumber.read(raw, context: "NL") else {
                Issue.record("expected unparseable, not withheld or a number")
                return
            }
            #expect(error.kind == .badData)
        }

        @Test func unknownContextCountryOnlyMattersForNationalForms() throws {
            #expect(try PhoneNumber.parse("+31703111050", context: "ZZ").e164 == "+31703111050")
            #expect(throws: IdentityError.unknownCountry(code: "ZZ")) {
                try PhoneNumber.parse("070-3111050", context: "ZZ")
            }
            #expect(throws: IdentityError.unknownCountry(code: "(invalid code)")) {
                try PhoneNumber.parse("070-3111050", context: "Netherlands")
            }
        }

        // MARK: - Bare digits without + or 00

        static let bareAccepted: [IdentityTests.PhoneNumberTests.Case] = [
            // Trunk-prefix country, digits not starting with it: a table calling code + valid length.
            .init("31703111050", "NL", "+31703111050"),
            .init("31703111050", "BG", "+31703111050"),
            .init("359 2 4928571", "NL", "+35924928571"),
            .init("4930 12345678", "NL", "+493012345678"),
            .init("12025550199", "DE", "+12025550199"),
            // NANP: ten digits without the trunk 1 are national.
            .init("2025550199", "US", "+12025550199"),
            // No trunk prefix: national when valid there and not also valid as CC + number.
            .init("3471234567", "IT", "+393471234567"),
            .init("0612345678", "IT", "+390612345678"),
            .init("612345678", "ES", "+34612345678"),
            .init("31703111050", "ES", "+31703111050"),
            .init("32 12 34 56", "DK", "+4532123456"),
            .init("31703111050", "DK", "+31703111050"),
        ]

        @Test(arguments: bareAccepted)
        func bareDigitsAccepted(_ row: IdentityTests.PhoneNumberTests.Case) throws {
            #expect(try PhoneNumber.parse(row.raw, context: row.country).e164 == row.e164)
        }

        static let bareRejected: [Bad] = [
            // Trunk country, no trunk prefix, not a table calling code with a valid length.
            Bad("703111050", "NL", "9 digits without +, 00 or the trunk prefix 0"),
            Bad("24928571", "BG", "8 digits without +, 00 or the trunk prefix 0"),
            Bad("3170311105", "NL", "10 digits without +, 00 or the trunk prefix 0"),
            Bad("888123456", "BG", "9 digits without +, 00 or the trunk prefix 0"),
            // Calling code outside the table: not read without +.
            Bad("81312345678", "NL", "11 digits without +, 00 or the trunk prefix 0"),
            // No trunk prefix: valid neither way.
            Bad("3170311105", "ES", "10 digits; ES numbers have 9, and the digits are not a known calling code"),
            // No trunk prefix: valid both ways, so ambiguous.
            Bad("31703111050", "IT", "ambiguous: valid both as a IT national number and as +31"),
            Bad("4532123456", "CZ", "ambiguous: valid both as a CZ national number and as +45"),
        ]

        @Test(arguments: bareRejected)
        func bareDigitsRejected(_ row: Bad) {
            #expect {
                try PhoneNumber.parse(row.raw, context: row.country)
            } throws: { error in
                guard let error = error as? IdentityError, case .invalidPhone(let reason) = error else { return false }
                return reason.hasPrefix(row.reason)
            }
        }
    }
}
