import Foundation

/// One mailbox of an address header: its display name, decoded, and its address.
public struct Mailbox: Sendable, Hashable {
    /// The display name with RFC 2047 encoded words decoded (`de Vries, Jan`), or nil. A
    /// comment is used when there is no phrase (`jan@example.nl (Jan de Vries)`).
    public let displayName: String?
    /// The address in canonical form, for matching.
    public let address: EmailAddress
    /// The addr-spec as written (`Jan.deVries@Example.NL`), for rectification and redaction.
    public let written: String
    /// The display name of the group the mailbox was listed in (`team`), or nil.
    public let group: String?
}
