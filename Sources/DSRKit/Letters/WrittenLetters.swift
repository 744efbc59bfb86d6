/// The texts of a response letter and its Art. 19 notices, rendered but not yet written.
///
/// Rendering comes first so that a command can check that a letter can be made (templates,
/// the controller's details in dsr.yaml) before it records the legal fact the letter reports,
/// and write the files after (``Session/writeLetters(_:)``).
public struct RenderedLetters: Sendable, Equatable {
    /// Which answer the letter gives.
    public var outcome: LetterOutcome
    /// How the files' names begin: the request id, or `dsr-YYYYMMDDTHHMMSSZ` without a request.
    public var stem: String
    /// The letter to the person, plain text.
    public var letter: String
    /// One notice per recipient (Art. 19), plain text, in the order of the recipients.
    public var notices: [String]
}

/// The files a letter and its notices were written to, in `exports_dir`.
///
/// Encoded as `{"letter": "…", "notices": ["…"]}`, the paths as written.
public struct WrittenLetters: Sendable, Encodable, Equatable {
    /// The path of the letter to the person.
    public var letter: String
    /// The paths of the notices, one per recipient, in the order of the recipients.
    public var notices: [String]

    /// Creates the list of files written.
    public init(letter: String, notices: [String]) {
        self.letter = letter
        self.notices = notices
    }
}
