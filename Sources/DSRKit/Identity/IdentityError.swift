import Foundation

/// A value that does not read as a phone number, e-mail address, IP address or subject identifier.
///
/// Every case names the class of value and the reason, never the value itself: these messages
/// go to stderr and into logs, and the value is personal data (GDPR Art. 5(1)(c), data
/// minimisation). A withheld-caller marker has its own case, so that callers can report
/// unparseable stored values apart from withheld ones.
public enum IdentityError: DSRError, Hashable {
    /// The phone value is a withheld-caller marker (`anonymous`, `unknown`, ...) or empty.
    case withheldPhone
    /// The phone value is not a phone number; `reason` says why without quoting it.
    case invalidPhone(reason: String)
    /// The e-mail value is not a mailbox; `reason` says why without quoting it.
    case invalidEmail(reason: String)
    /// The value is not an IPv4 or IPv6 address; `reason` says why without quoting it.
    case invalidIPAddress(reason: String)
    /// The value after `customer:` is not a customer id.
    case invalidCustomerID(reason: String)
    /// A typed identifier whose kind could not be told, or whose kind prefix is unknown.
    case unrecognisedIdentifier(reason: String)
    /// A national-form phone number came with a context country the phone table lacks.
    case unknownCountry(code: String)
    /// Typed identifier `argument` of `count` (1-based) holds a control character (Unicode
    /// category Cc: a line break, tab, NUL, DEL...), which could turn it into someone else.
    case controlCharacter(argument: Int, of: Int)

    /// Why a control character in a typed identifier is refused, for the messages.
    static let controlCharacterReason =
        "holds a control character (a line break, tab, NUL, DEL or another); give each identifier as its own argument"

    /// Always bad input data (exit 65): the value, not the system, is wrong.
    public var kind: FailureKind { .badData }

    /// The reason without the value-class prefix (`5 digits after +31; NL numbers have 9`).
    public var reason: String {
        switch self {
        case .withheldPhone: "a withheld-caller marker or an empty value, not a number"
        case .invalidPhone(let reason), .invalidEmail(let reason), .invalidIPAddress(let reason),
            .invalidCustomerID(let reason), .unrecognisedIdentifier(let reason):
            reason
        case .unknownCountry(let code):
            "country '\(code)' is not in the phone number table, so its national numbers cannot be read"
        case .controlCharacter: Self.controlCharacterReason
        }
    }

    /// The message for the DPO: the value class, a colon, the reason.
    public var errorDescription: String? {
        switch self {
        case .withheldPhone, .invalidPhone, .unknownCountry: "phone: \(reason)"
        case .invalidEmail: "email: \(reason)"
        case .invalidIPAddress: "ip: \(reason)"
        case .invalidCustomerID: "customer: \(reason)"
        case .unrecognisedIdentifier: "identifier: \(reason)"
        case .controlCharacter(let argument, let count): "identifier \(argument) of \(count): \(reason)"
        }
    }
}
