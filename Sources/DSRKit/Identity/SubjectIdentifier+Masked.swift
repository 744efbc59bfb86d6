extension SubjectIdentifier {
    /// The identifier as a letter, a notice or a piped report may show it: enough for the
    /// person who knows it to recognise it, not enough to learn it (`+31 6 *****678`,
    /// `j***@example.nl`, `192.0.2.*`). A customer number is an account, not a person: shown.
    public var masked: String {
        switch self {
        case .phone(let number): Self.masked(number)
        case .email(let address):
            String(address.localPart.prefix(1)) + "***@" + address.domain
        case .ip(let address):
            address.isIPv4
                ? address.bytes.prefix(3).map(String.init).joined(separator: ".") + ".*"
                : Self.maskedIPv6(address)
        case .customer(let id): String(id)
        }
    }

    /// `+31 6 *****678`: the calling code, the first and the last three digits.
    static func masked(_ number: PhoneNumber) -> String {
        let national = Array(number.nationalNumber)
        guard national.count > 4 else {
            return "+\(number.callingCode) " + String(repeating: "*", count: national.count)
        }
        return "+\(number.callingCode) \(national[0]) " + String(repeating: "*", count: national.count - 4)
            + String(national.suffix(3))
    }

    /// The first four groups (the routing prefix), the rest starred.
    private static func maskedIPv6(_ address: IPAddress) -> String {
        let groups = stride(from: 0, to: 8, by: 2).map {
            String(UInt16(address.bytes[$0]) << 8 | UInt16(address.bytes[$0 + 1]), radix: 16)
        }
        return groups.joined(separator: ":") + ":*"
    }
}
