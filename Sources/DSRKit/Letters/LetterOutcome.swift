/// Which answer a response letter gives the person, and so which template it is rendered from
/// and how its files are named (issue 11, section 4).
public enum LetterOutcome: String, Sendable, Codable, Equatable, CaseIterable {
    /// Art. 17: the erasure was carried out.
    case erasure
    /// Art. 16: the rectification was carried out.
    case rectification
    /// Art. 18(1): processing is restricted.
    case restriction
    /// Art. 18(3): the restriction was lifted.
    case restrictionLifted = "restriction-lifted"
    /// Art. 12(4): the request is refused.
    case refusal

    /// The letter's template: `erasure.txt`, `restriction-lifted.txt`, ….
    var templateName: String { rawValue + ".txt" }

    /// The template of the Art. 19 notices to recipients (none for a refusal).
    static let noticeTemplateName = "notice.txt"

    /// Every template the letters use, for the built-in copy's check.
    static let templateNames = allCases.map(\.templateName) + [noticeTemplateName]
}
