/// One change a rectification asks for (Art. 16), as typed on the command line.
public enum RectificationChange: Sendable, Equatable {
    /// `--replace KIND:OLD=NEW`: one of the subject's identifiers, replaced wherever a
    /// rectifiable column of the subject's own rows stores it. `new` is as typed; it is read
    /// in each row's context (a national phone number in the row's country).
    case replace(old: SubjectIdentifier, new: String)
    /// `--set TABLE.COLUMN=VALUE`: a rectifiable column that holds no identifier, on every row
    /// of the subject's own in that table.
    case set(table: String, column: String, value: String)

    /// Reads `--replace KIND:OLD=NEW`. An `=` may sit inside a mailbox's local part, so the
    /// split is the first `=` whose left side reads as an identifier of the kind given.
    ///
    /// - Throws: ``RectificationError/badChange(option:problem:)`` (a usage error) naming what
    ///   is missing, never the values.
    public static func replacement(_ text: String, defaultCountry: String) throws -> RectificationChange {
        let option = "--replace"
        try refuseControlCharacters(text, option: option)
        guard let colon = text.firstIndex(of: ":"),
            let kind = SubjectIdentifier.Kind(
                rawValue: text[..<colon].trimmingCharacters(in: .whitespaces).lowercased())
        else {
            throw RectificationError.badChange(
                option: option, problem: "write KIND:OLD=NEW with KIND email, phone or ip (phone:+31…=+31…)")
        }
        guard kind != .customer else {
            throw RectificationError.badChange(
                option: option, problem: "a customer number is the key of an account, not a value to rectify")
        }
        let rest = text[text.index(after: colon)...]
        for split in rest.indices where rest[split] == "=" {
            let new = rest[rest.index(after: split)...].trimmingCharacters(in: .whitespaces)
            guard !new.isEmpty,
                let old = try? SubjectIdentifier.parse(String(rest[..<split]), as: kind, defaultCountry: defaultCountry)
            else { continue }
            return .replace(old: old, new: new)
        }
        throw RectificationError.badChange(
            option: option,
            problem: "no OLD=NEW after \(kind.rawValue): whose OLD reads as \(kind.rawValue == "ip" ? "an" : "a") "
                + "\(kind.rawValue) and whose NEW is not empty")
    }

    /// Reads `--set TABLE.COLUMN=VALUE` (the value may be empty, and may hold `=`).
    ///
    /// - Throws: ``RectificationError/badChange(option:problem:)``.
    public static func setting(_ text: String) throws -> RectificationChange {
        let option = "--set"
        try refuseControlCharacters(text, option: option)
        guard let equals = text.firstIndex(of: "="), let dot = text[..<equals].firstIndex(of: ".") else {
            throw RectificationError.badChange(option: option, problem: "write TABLE.COLUMN=VALUE")
        }
        let table = text[..<dot].trimmingCharacters(in: .whitespaces)
        let column = text[text.index(after: dot)..<equals].trimmingCharacters(in: .whitespaces)
        guard !table.isEmpty, !column.isEmpty else {
            throw RectificationError.badChange(option: option, problem: "write TABLE.COLUMN=VALUE")
        }
        let value = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        return .set(table: table, column: column, value: value)
    }

    /// A line break or NUL in a value could write two lines into one cell or cut it short.
    private static func refuseControlCharacters(_ text: String, option: String) throws {
        if SubjectIdentifier.containsControlCharacter(text) {
            throw RectificationError.badChange(option: option, problem: IdentityError.controlCharacterReason)
        }
    }
}
