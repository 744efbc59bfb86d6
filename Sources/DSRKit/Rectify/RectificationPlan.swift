/// One cell a rectification changes.
public struct RectificationStep: Sendable, Equatable {
    public let table: String
    public let key: RecordKey
    public let column: String
    /// The value as stored now; nil for NULL.
    public let old: String?
    /// The value as it will be stored: a phone in E.164, the mailbox as given but trimmed, an
    /// IP address canonical, other text trimmed.
    public let new: String
    /// For `--replace`: the identifier replaced and the one written; nil for `--set`.
    public let identifiers: IdentifierChange?

    /// The identifier kind the column holds; nil for a column that holds none (`--set`).
    public var kind: SubjectIdentifier.Kind? { identifiers?.old.kind }
}

/// An identifier a rectification replaces, and the one it writes in its place.
public struct IdentifierChange: Sendable, Equatable {
    public let old: SubjectIdentifier
    public let new: SubjectIdentifier
}

/// A column that holds what the rectification would change but that it may not change, with
/// the reason (a record of what happened is not rewritten: a call's caller, a message's headers).
public struct NotChangeableColumn: Sendable, Equatable, Encodable {
    public let table: String
    public let column: String
    /// How many of the subject's records hold the value there.
    public let records: Int
    public let reason: String
}

/// A rectification plan: exactly what `--apply` will write.
///
/// The digest is the SHA-256 of the plan's canonical JSON in which every old and new value is
/// replaced by its keyed hash (the digest is printed and audited, and a plain SHA-256 of a
/// phone number is easy to reverse).
public struct RectificationPlan: Sendable, Equatable {
    public let steps: [RectificationStep]
    public let notChangeable: [NotChangeableColumn]
    /// The recipients to tell (Art. 19): those of every table the plan changes.
    public let notify: [String]
    public let digest: String

    /// Creates a plan; `valueHash` keys the values the digest covers.
    init(
        steps: [RectificationStep], notChangeable: [NotChangeableColumn], notify: [String],
        valueHash: (String) -> String
    ) {
        self.steps = steps
        self.notChangeable = notChangeable
        self.notify = notify
        let canonical = JSONText.object([
            (
                "steps",
                .array(
                    steps.map { step in
                        .object([
                            ("table", .string(step.table)), ("key", step.key.jsonText),
                            ("column", .string(step.column)),
                            ("old", step.old.map { .string(valueHash($0)) } ?? .null),
                            ("new", .string(valueHash(step.new))),
                        ])
                    })
            ),
            (
                "not_changeable",
                .array(
                    notChangeable.map { column in
                        .object([
                            ("table", .string(column.table)), ("column", .string(column.column)),
                            ("records", .integer(Int64(column.records))), ("reason", .string(column.reason)),
                        ])
                    })
            ),
            ("notify", .array(notify.map(JSONText.string))),
        ])
        digest = Digests.sha256Hex(Array(canonical.compactText.utf8))
    }

    /// Whether applying the plan would change anything.
    public var changesAnything: Bool { !steps.isEmpty }

    /// The tables the plan changes, in the order of its steps.
    public var tables: [String] {
        steps.reduce(into: []) { tables, step in if !tables.contains(step.table) { tables.append(step.table) } }
    }
}
