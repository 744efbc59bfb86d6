/// ISO 3166 alpha-2 country codes, as dsr.yaml and the data map name countries.
public enum CountryCode {
    /// Whether `code` is two letters (any case): the form of an ISO 3166 alpha-2 code.
    public static func isAlpha2(_ code: String) -> Bool {
        code.count == 2 && code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
    }
}
