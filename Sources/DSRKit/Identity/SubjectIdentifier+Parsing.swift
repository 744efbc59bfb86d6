import Foundation

extension SubjectIdentifier {
    /// Reads an identifier typed by the DPO: `kind:value` or a bare value (CONTRACT.md section 5).
    ///
    /// - `email:…`, `phone:…`, `ip:…`, `customer:ID` (kind in any case) say the kind. An
    ///   IPv6 address has colons too, but no kind name is a hex group, so `2001:db8::1` is
    ///   never read as kind `2001`.
    /// - A bare value with `@` is an e-mail address; one that reads as an IP address is an IP
    ///   address; one of digits with spaces, `+`, `-`, `.`, `/` and parentheses (`(0)`) is a
    ///   phone number. A customer id is never guessed: it needs `customer:`.
    /// - Phone numbers in national form take `defaultCountry` (the workspace's
    ///   `default_country`). An e-mail value may be a full mailbox (`Jan <jan@x.nl>`).
    /// - Throws: ``IdentityError`` of kind `.badData` naming the identifier kind and the reason,
    ///   never the value.
    public static func parse(_ typed: String, defaultCountry: String) throws -> SubjectIdentifier {
        // Before trimming: `email:a@b.nl\nc@d.nl` must not quietly become c@d.nl.
        guard !containsControlCharacter(typed) else {
            throw IdentityError.unrecognisedIdentifier(reason: IdentityError.controlCharacterReason)
        }
        let text = typed.trimmedOfWhitespace()
        guard !text.isEmpty else { throw IdentityError.unrecognisedIdentifier(reason: "empty value") }
        if let colon = text.firstIndex(of: ":") {
            let prefix = text[..<colon].trimmedOfSpaces().lowercased()
            let value = String(text[text.index(after: colon)...])
            if let kind = Kind(rawValue: prefix) {
                return try parse(value, as: kind, defaultCountry: defaultCountry)
            }
            // Not a kind: an IPv6 address, a mailbox with a colon in its name, or a typo.
            if !text.contains("@"), let address = try? IPAddress.parse(text) { return .ip(address) }
            if !text.contains("@") {
                let shown = prefix.count <= 12 && prefix.allSatisfy { $0.isASCII && $0.isLetter } ? "'\(prefix)' " : ""
                throw IdentityError.unrecognisedIdentifier(
                    reason: "unknown kind \(shown)before ':' (use email:, phone:, ip: or customer:), "
                        + "and not an IPv6 address")
            }
        }
        return try parseBare(text, defaultCountry: defaultCountry)
    }

    /// Whether `text` holds a character of Unicode general category Cc (C0 and C1 controls, DEL).
    public static func containsControlCharacter(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// Reads `value` as an identifier of `kind`.
    /// - Throws: ``IdentityError`` naming the kind and why the value does not read as one.
    public static func parse(_ value: String, as kind: Kind, defaultCountry: String) throws -> SubjectIdentifier {
        switch kind {
        case .email:
            return .email(try email(value))
        case .phone:
            do {
                return .phone(try PhoneNumber.parse(value, context: defaultCountry))
            } catch IdentityError.withheldPhone {
                throw IdentityError.invalidPhone(reason: "a withheld-caller marker or an empty value, not a number")
            }
        case .ip:
            return .ip(try IPAddress.parse(value))
        case .customer:
            return .customer(try customerID(value))
        }
    }

    /// Tells the kind of a bare value: `@` → e-mail, an IP address → IP, phone characters → phone.
    private static func parseBare(_ text: String, defaultCountry: String) throws -> SubjectIdentifier {
        if text.contains("@") { return .email(try email(text)) }
        let ipResult = Result { try IPAddress.parse(text) }
        if case .success(let address) = ipResult { return .ip(address) }
        let phoneCharacters = Set("0123456789+-./() \t")
        if text.allSatisfy(phoneCharacters.contains), text.contains(where: \.isNumber) {
            let dottedQuad =
                text.split(separator: ".", omittingEmptySubsequences: false).count == 4
                && text.allSatisfy { $0 == "." || ($0.isASCII && $0.isNumber) }
            do {
                return .phone(try PhoneNumber.parse(text, context: defaultCountry))
            } catch let phoneError as IdentityError where dottedQuad {
                // `192.168.1.300`: say what is wrong with it as an address too.
                throw IdentityError.unrecognisedIdentifier(
                    reason: "neither an IP address (\(ipResult.reason)) nor a phone number (\(phoneError.reason))")
            }
        }
        throw IdentityError.unrecognisedIdentifier(
            reason: "not an e-mail address (no @), an IP address or a phone number; "
                + "write it as email:, phone:, ip: or customer:ID")
    }

    /// One e-mail address: an addr-spec, or a header-style mailbox with exactly one address.
    private static func email(_ text: String) throws -> EmailAddress {
        do {
            return try EmailAddress.parse(text)
        } catch let specError {
            let list = AddressList.parse(text)
            guard list.mailboxes.count + list.problems.count == 1, let mailbox = list.mailboxes.first else {
                if list.mailboxes.count > 1 {
                    throw IdentityError.invalidEmail(reason: "more than one address; give one identifier each")
                }
                throw specError
            }
            return mailbox.address
        }
    }

    /// A customer id: a positive decimal integer.
    private static func customerID(_ text: String) throws -> Int64 {
        let digits = text.trimmedOfSpaces()
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw IdentityError.invalidCustomerID(reason: "an id is a positive whole number (digits only)")
        }
        guard let id = Int64(digits), id > 0 else {
            throw IdentityError.invalidCustomerID(reason: "an id is a positive whole number that fits 64 bits")
        }
        return id
    }
}

extension Result where Success == IPAddress, Failure == any Error {
    /// The reason of a failed IP parse, without the `ip:` prefix.
    fileprivate var reason: String {
        guard case .failure(let error) = self else { return "" }
        return (error as? IdentityError)?.reason ?? "not an IP address"
    }
}
