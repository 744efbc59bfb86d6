/// Why a response letter or notice could not be made. Messages name settings and files,
/// never the person's data.
public enum LetterError: DSRError, Equatable {
    /// Keys of `dsr.yaml` that say who the controller is are empty (`configFile` names the file).
    case controllerMissing(keys: [String], configFile: String)
    /// A lifted restriction's letter needs the day the person was told (Art. 18(3)).
    case informedOnMissing(restriction: String)

    public var kind: FailureKind { .badData }

    public var errorDescription: String? {
        switch self {
        case .controllerMissing(let keys, let configFile):
            "\(configFile): fill in \(keys.joined(separator: ", ")) before writing letters:"
                + " every letter tells the person who the controller is"
        case .informedOnMissing(let restriction):
            "\(restriction): the letter on lifting a restriction needs the day the person was informed (Art. 18(3))"
        }
    }
}
