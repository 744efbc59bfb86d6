/// The `pseudonymise` action's value: a random token, the same for all of one subject's
/// values in one erasure (an owner's invoice still counts one caller's calls as one), never
/// derived from the value and never kept with it, so nothing maps it back to the person.
///
/// A keyed hash would not do: the space of phone numbers is small enough to search, and
/// keyed hashes stay personal data (WP216; EDPB Guidelines 01/2025). The `erased:` prefix and
/// the letters in the token keep it from ever reading as a phone number, address or IP.
enum Pseudonym {
    /// `erased:` and 16 lower-case hex digits from the system's random source, with at least
    /// one letter.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let bits = generator.next() as UInt64
            let hex = String(bits, radix: 16)
            let padded = String(repeating: "0", count: 16 - hex.count) + hex
            if padded.contains(where: \.isLetter) { return PseudonymToken.prefix + padded }
        }
    }
}
