import Testing

@testable import DSRKit

extension IdentityTests {
    /// How letters, notices and piped plans show an identifier: recognisable, not learnable.
    @Suite struct MaskedIdentifierTests {
        @Test(arguments: [
            ("phone:+31612345678", "+31 6 *****678"),
            ("phone:+359888123456", "+359 8 *****456"),
            ("email:jan.devries@example.nl", "j***@example.nl"),
            ("ip:192.0.2.7", "192.0.2.*"),
            ("ip:2001:db8:0:1::7", "2001:db8:0:1:*"),
            ("customer:42", "42"),
        ])
        func anIdentifierIsMaskedToWhatItsOwnerRecognises(typed: String, masked: String) throws {
            let identifier = try SubjectIdentifier.parse(typed, defaultCountry: "NL")
            #expect(identifier.masked == masked)
            if identifier.kind != .customer { #expect(!masked.contains(identifier.value)) }
        }
    }
}
