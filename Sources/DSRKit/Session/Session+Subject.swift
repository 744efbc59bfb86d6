/// The person a command works for: the identifiers typed, plus those a request keeps.
public struct Subject: Sendable, Equatable {
    /// The identifiers, given ones first, without repeats.
    public var identifiers: [SubjectIdentifier]
    /// The request the command answers, when `--request` named one.
    public var request: Request?
}

extension Session {
    /// Reads the identifiers typed on the command line and merges those of `--request ID`:
    /// the one way every command learns whom it works for.
    ///
    /// - Throws: ``IdentityError`` for an identifier that does not read (naming its kind,
    ///   never its value) or holds a control character (naming its position),
    ///   ``RequestError`` for an unknown request or one whose identifiers were forgotten when
    ///   none are typed, ``SessionError/noIdentifiers`` when there is nobody to work for.
    public func subject(identifiers typed: [String], request id: String?) throws -> Subject {
        // Every argument is checked before any is read, so the message names the first bad one.
        for (index, text) in typed.enumerated() where SubjectIdentifier.containsControlCharacter(text) {
            throw IdentityError.controlCharacter(argument: index + 1, of: typed.count)
        }
        return try subject(
            typed.map { try SubjectIdentifier.parse($0, defaultCountry: defaultCountry) }, request: id)
    }

    /// ``subject(identifiers:request:)`` for identifiers already read (a bulk row's, read when
    /// the file was checked): each once, in the order given, then the request's kept ones.
    ///
    /// - Throws: as ``subject(identifiers:request:)``, except for the parsing.
    func subject(_ given: [SubjectIdentifier], request id: String?) throws -> Subject {
        var identifiers: [SubjectIdentifier] = []
        for identifier in given where !identifiers.contains(identifier) { identifiers.append(identifier) }
        var request: Request?
        if let id {
            let found = try register().show(id)
            let kept = try found.keptIdentifiers(defaultCountry: defaultCountry)
            if kept.isEmpty, identifiers.isEmpty {
                throw RequestError.refused(
                    id: id, rule: "its identifiers were replaced by keyed hashes when it closed; give them again")
            }
            for identifier in kept where !identifiers.contains(identifier) { identifiers.append(identifier) }
            request = found
        }
        guard !identifiers.isEmpty else { throw SessionError.noIdentifiers }
        return Subject(identifiers: identifiers, request: request)
    }

    /// The keyed hashes that name `identifiers` in the audit trail.
    ///
    /// - Throws: ``PrivacyError/badSecretKey(path:reason:)``.
    public func auditSubjects(_ identifiers: [SubjectIdentifier]) throws -> [String] {
        let hasher = try hasher()
        return identifiers.map { hasher.hex($0.canonical) }
    }
}
