/// Turns a column's country source and a row's hint into the alpha-2 country that national
/// phone numbers of that row belong to.
struct CountryResolver: Sendable {
    /// The workspace's `default_country`.
    let defaultCountry: String

    /// The country for a row, given the column's source and the hint its query returned.
    func country(for source: CountrySource?, hint: String?) -> String {
        switch source {
        case .constant(let code): return code
        case .column, .reference:
            guard let hint, hint.count == 2 else { return defaultCountry }
            return hint.uppercased()
        case .phonePrefix:
            // The calling code of the number in the other column (a service number's +359
            // makes a caller's national 02 4928571 Bulgarian).
            guard let hint, let number = try? PhoneNumber.parse(hint, context: defaultCountry),
                let country = number.country
            else { return defaultCountry }
            return country.code
        case .workspaceDefault, nil:
            return defaultCountry
        }
    }
}
