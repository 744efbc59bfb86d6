import Foundation

/// What a stored identifier column value holds, read under the data map's rules.
enum StoredValue: Equatable {
    /// One or more identifiers (an address list can hold several).
    case identifiers([SubjectIdentifier])
    /// NULL, empty, a group without members, a withheld-caller marker: matches no one.
    case empty
    /// A value that should hold an identifier but does not parse; the reason names no value.
    case unparseable(String)

    /// Reads `value` of `column` in a row whose national phone numbers belong to `country`.
    static func read(_ value: CellValue, column: IdentifierColumn, country: String) -> StoredValue {
        if value.isNull { return .empty }
        switch column.kind {
        case .customer:
            if let id = value.integerValue { return .identifiers([.customer(id)]) }
            return .unparseable("not a customer number")
        case .name:
            return .empty  // a name alone never identifies a subject
        case .email, .phone, .ip:
            guard let text = value.textValue else { return .unparseable("not text") }
            return read(text: text, column: column, country: country)
        }
    }

    private static func read(text: String, column: IdentifierColumn, country: String) -> StoredValue {
        switch column.kind {
        case .phone:
            switch PhoneNumber.read(text, context: country) {
            case .number(let number): return .identifiers([.phone(number)])
            case .withheld: return .empty
            case .unparseable(let error): return .unparseable(error.reason)
            }
        case .email where column.addressList:
            let list = AddressList.parse(text)
            if !list.mailboxes.isEmpty { return .identifiers(list.mailboxes.map { .email($0.address) }) }
            return list.problems.first.map { .unparseable($0.reason) } ?? .empty
        case .email:
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return .empty }
            do { return .identifiers([.email(try EmailAddress.parse(text))]) } catch let error as IdentityError {
                return .unparseable(error.reason)
            } catch { return .unparseable("not an e-mail address") }
        case .ip:
            if text.trimmingCharacters(in: .whitespaces).isEmpty { return .empty }
            do { return .identifiers([.ip(try IPAddress.parse(text))]) } catch let error as IdentityError {
                return .unparseable(error.reason)
            } catch { return .unparseable("not an IP address") }
        case .customer, .name:
            return .empty
        }
    }
}
