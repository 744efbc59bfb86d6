import Foundation

/// An identifier of a data subject, as the DPO gives it on the command line (CONTRACT.md
/// section 5) and as dsr hashes it: an e-mail address, a phone number, an IP address or a
/// customer id.
public enum SubjectIdentifier: Sendable, Hashable, CustomStringConvertible {
    /// A mailbox, canonical (lower case, no `+tag`).
    case email(EmailAddress)
    /// A phone number, E.164.
    case phone(PhoneNumber)
    /// An IPv4 or IPv6 address; IPv4-mapped IPv6 is IPv4.
    case ip(IPAddress)
    /// A `customers.id` of the operations database.
    case customer(Int64)

    /// The kinds of identifier, named as on the command line.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `email:`
        case email
        /// `phone:`
        case phone
        /// `ip:`
        case ip
        /// `customer:`
        case customer
    }

    /// The kind of this identifier.
    public var kind: Kind {
        switch self {
        case .email: .email
        case .phone: .phone
        case .ip: .ip
        case .customer: .customer
        }
    }

    /// The canonical value without its kind: `+31703111050`, `jan.devries@example.nl`,
    /// `2001:db8::7`, `42`.
    public var value: String {
        switch self {
        case .email(let address): address.canonical
        case .phone(let number): number.e164
        case .ip(let address): address.canonical
        case .customer(let id): String(id)
        }
    }

    /// The canonical `kind:value` string, the one form that is displayed and hashed
    /// (`phone:+31703111050`); equal identifiers have equal canonical strings.
    public var canonical: String { kind.rawValue + ":" + value }

    /// The canonical `kind:value` string.
    public var description: String { canonical }
}
