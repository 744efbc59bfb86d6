import Testing

@testable import DSRKit

/// How `--replace` and `--set` are read (issue 11).
@Suite struct RectificationChangeTests {
    @Test func aReplacementSplitsAtTheFirstEqualsSignWhoseLeftSideReads() throws {
        #expect(
            try RectificationChange.replacement("phone:+31681234567=+31612345678", defaultCountry: "NL")
                == .replace(old: .phone(try PhoneNumber.parse("+31681234567", context: "NL")), new: "+31612345678"))
        // `=` is allowed in a mailbox's local part: the old address keeps it.
        let change = try RectificationChange.replacement("email:a=b@example.nl=c@example.nl", defaultCountry: "NL")
        #expect(change == .replace(old: .email(try EmailAddress.parse("a=b@example.nl")), new: "c@example.nl"))
        #expect(
            try RectificationChange.replacement("EMAIL: jan@example.nl = Jan@New.nl ", defaultCountry: "NL")
                == .replace(old: .email(try EmailAddress.parse("jan@example.nl")), new: "Jan@New.nl"))
    }

    @Test(arguments: [
        "phone:+31681234567", "phone:+31681234567=", "+31681234567=+31612345678", "customer:2=3", "fax:1=2",
        "phone:not-a-number=+31612345678", "email:a@b.nl=c@d.nl\nx",
    ])
    func aMalformedReplacementIsAUsageErrorNamingNoValue(_ text: String) {
        #expect {
            try RectificationChange.replacement(text, defaultCountry: "NL")
        } throws: { error in
            guard let error = error as? RectificationError, case .badChange = error else { return false }
            return error.kind == .usage && !(error.errorDescription ?? "").contains("31681234567")
        }
    }

    @Test func aSettingKeepsEqualsSignsAndEmptyValues() throws {
        #expect(
            try RectificationChange.setting("contacts.full_name=Jan de Vries")
                == .set(table: "contacts", column: "full_name", value: "Jan de Vries"))
        #expect(try RectificationChange.setting("t.c=a=b") == .set(table: "t", column: "c", value: "a=b"))
        #expect(try RectificationChange.setting("t.c=") == .set(table: "t", column: "c", value: ""))
        for bad in ["contacts=x", ".c=x", "t.=x", "t.c"] {
            #expect(throws: RectificationError.self) { try RectificationChange.setting(bad) }
        }
    }

    @Test func aMaskedTextKeepsTheFirstLetterOfEachWord() {
        #expect(RectificationStep.masked("Jan de Vries") == "J** d* V****")
        #expect(RectificationStep.masked("") == "")
    }

    @Test func thePlanDigestCoversValuesOnlyAsKeyedHashes() throws {
        let step = RectificationStep(
            table: "contacts", key: .integer(2), column: "full_name", old: "Jan", new: "Jan de Vries", identifiers: nil)
        let first = RectificationPlan(steps: [step], notChangeable: [], notify: [], valueHash: { "h1" + $0 })
        let otherKey = RectificationPlan(steps: [step], notChangeable: [], notify: [], valueHash: { "h2" + $0 })
        #expect(first.digest != otherKey.digest, "the digest depends on the keyed hashes")
        let sameHashes = RectificationPlan(steps: [step], notChangeable: [], notify: [], valueHash: { _ in "same" })
        let otherValues = RectificationPlan(
            steps: [
                RectificationStep(
                    table: "contacts", key: .integer(2), column: "full_name", old: "Piet", new: "Piet Smit",
                    identifiers: nil)
            ], notChangeable: [], notify: [], valueHash: { _ in "same" })
        #expect(sameHashes.digest == otherValues.digest, "the values themselves never reach the digest")
    }
}
