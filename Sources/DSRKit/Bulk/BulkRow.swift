/// What a bulk row asks for (CONTRACT.md section 8).
public enum BulkAction: String, Sendable, CaseIterable, Codable {
    case locate, access, portability, erasure, rectification, restriction

    /// The register's type of the request the row opens; nil for `locate` (an audited lookup).
    var requestType: RequestType? {
        switch self {
        case .locate: nil
        case .access: .access
        case .portability: .portability
        case .erasure: .erasure
        case .rectification: .rectification
        case .restriction: .restriction
        }
    }
}

/// One request of a bulk file, read and checked: every field parsed, so a bad row fails
/// before anything is done for it.
struct BulkRow: Sendable, Equatable {
    var line: Int
    var ref: String
    var action: BulkAction
    /// The identifiers read, in the order given (read as the single command reads them).
    var subjects: [SubjectIdentifier]
    var received: CalendarDate?
    var apply: Bool
    var language: Language
    var format: ArchiveFormat
    var replace: [String]
    var set: [String]
    /// `replace` and `set` read, in that order.
    var changes: [RectificationChange]
    var reason: String?

    /// Reads `line`'s fields.
    ///
    /// - Throws: ``BulkRowError`` naming the line and field.
    init(_ line: BulkLine, defaultCountry: String) throws {
        if let unreadable = line.unreadable { throw unreadable }
        let number = line.line
        let fields = line.fields
        if let unknown = fields.keys.sorted().first(where: { !BulkFile.fields.contains($0) }) {
            throw BulkRowError(line: number, field: unknown, reason: "not a bulk field")
        }
        func text(_ name: String) throws -> String? { try fields[name]?.text(line: number, field: name) }
        guard let ref = try text("ref") else { throw BulkRowError(line: number, field: "ref", reason: "missing") }
        guard let actionText = try text("action") else {
            throw BulkRowError(line: number, field: "action", reason: "missing")
        }
        guard let action = BulkAction(rawValue: actionText.lowercased()) else {
            throw BulkRowError(
                line: number, field: "action",
                reason: "not one of \(BulkAction.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self.line = number
        self.ref = ref
        self.action = action
        let given = fields["identifiers"] ?? .null
        var identifiers = try given.list(line: number, field: "identifiers") { $0 == " " || $0 == "\t" }
        if case .text = given { identifiers = Self.joiningPhoneGroups(identifiers, defaultCountry: defaultCountry) }
        guard !identifiers.isEmpty else {
            throw BulkRowError(line: number, field: "identifiers", reason: "missing: give at least one identifier")
        }
        subjects = []
        for (index, identifier) in identifiers.enumerated() {
            if SubjectIdentifier.containsControlCharacter(identifier) {
                throw BulkRowError(
                    line: number, field: "identifiers", reason: "identifier \(index + 1) holds a control character")
            }
            do {
                subjects.append(try SubjectIdentifier.parse(identifier, defaultCountry: defaultCountry))
            } catch let error as any DSRError {
                throw BulkRowError(
                    line: number, field: "identifiers", reason: "identifier \(index + 1): \(error.description)")
            }
        }
        if let date = try text("received") {
            guard let parsed = CalendarDate(iso: date) else {
                throw BulkRowError(line: number, field: "received", reason: "must be a date as YYYY-MM-DD")
            }
            received = parsed
        }
        func only(_ name: String, for actions: Set<BulkAction>) throws {
            guard let value = fields[name], value != .null, value != .text(""), !actions.contains(action) else {
                return
            }
            throw BulkRowError(
                line: number, field: name,
                reason:
                    "not an option of \(action.rawValue) (only of \(actions.map(\.rawValue).sorted().joined(separator: ", ")))"
            )
        }
        try only("apply", for: [.erasure, .rectification])
        try only("format", for: [.access, .portability])
        try only("lang", for: [.access, .portability, .erasure, .rectification, .restriction])
        try only("replace", for: [.rectification])
        try only("set", for: [.rectification])
        try only("reason", for: [.restriction])
        apply = try fields["apply"]?.flag(line: number, field: "apply") ?? false
        if let lang = try text("lang") {
            guard let language = Language(rawValue: lang.lowercased()) else {
                throw BulkRowError(line: number, field: "lang", reason: "must be en, nl or bg")
            }
            self.language = language
        } else {
            language = .english
        }
        if let name = try text("format") {
            guard let format = ArchiveFormat(rawValue: name.lowercased()) else {
                throw BulkRowError(line: number, field: "format", reason: "must be zip or tar.gz")
            }
            self.format = format
        } else {
            format = .zip
        }
        // Several changes in one CSV cell go on separate lines (a value may hold spaces).
        replace = try fields["replace"]?.list(line: number, field: "replace") { $0.isNewline } ?? []
        set = try fields["set"]?.list(line: number, field: "set") { $0.isNewline } ?? []
        if action == .rectification, replace.isEmpty, set.isEmpty {
            throw BulkRowError(line: number, field: "replace", reason: "a rectification needs replace or set")
        }
        changes = []
        for (field, texts) in [("replace", replace), ("set", set)] {
            for text in texts {
                do {
                    changes.append(
                        field == "replace"
                            ? try RectificationChange.replacement(text, defaultCountry: defaultCountry)
                            : try RectificationChange.setting(text))
                } catch let error as any DSRError {
                    throw BulkRowError(line: number, field: field, reason: error.description)
                }
            }
        }
        reason = try text("reason")
    }

    /// Space-separated identifiers (one CSV cell), with a phone number written in groups
    /// (`phone:+31 20 123 4567`) put together again: a group of digits joins the phone
    /// before it while that phone does not yet read as a number, or still reads as one with it.
    static func joiningPhoneGroups(_ tokens: [String], defaultCountry: String) -> [String] {
        var joined: [String] = []
        for token in tokens {
            if let last = joined.last, isPhoneStart(last), isPhoneGroup(token),
                !reads(last, defaultCountry) || reads(last + " " + token, defaultCountry)
            {
                joined[joined.count - 1] = last + " " + token
            } else {
                joined.append(token)
            }
        }
        return joined
    }

    private static func reads(_ text: String, _ defaultCountry: String) -> Bool {
        (try? SubjectIdentifier.parse(text, defaultCountry: defaultCountry)) != nil
    }

    private static func isPhoneStart(_ text: String) -> Bool {
        let value = text.lowercased().hasPrefix("phone:") ? String(text.dropFirst(6)) : text
        guard let first = value.first else { return false }
        return !value.contains("@") && !value.contains(":") && (first == "+" || first == "(" || first.isNumber)
    }

    private static func isPhoneGroup(_ text: String) -> Bool {
        !text.isEmpty && text.first != "+" && text.allSatisfy { $0.isASCII && ($0.isNumber || "()-".contains($0)) }
    }

    /// The row's content in one canonical text: what it asks, not how the file spells it
    /// (the same identifiers in another notation are the same row).
    var content: String {
        [
            "action=" + action.rawValue, "identifiers=" + subjects.map(\.canonical).joined(separator: " "),
            "received=" + (received?.description ?? ""), "apply=\(apply)", "lang=" + language.rawValue,
            "format=" + format.rawValue, "replace=" + replace.joined(separator: "\n"),
            "set=" + set.joined(separator: "\n"), "reason=" + (reason ?? ""),
        ].joined(separator: "\u{1F}")
    }
}
