import Foundation

/// A phone number in canonical form: a calling code and a national significant number.
///
/// Two values are equal exactly when their E.164 forms are equal (ITU-T E.164 §6), however they
/// were written: `+31 (0)70-3111050`, `0031703111050` and `070-3111050` read in NL context are
/// one number; the same national digits under +31 and +32 are two.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    /// The country calling code without `+` (`31`).
    public let callingCode: String
    /// The national significant number: the digits after the calling code, no trunk prefix.
    public let nationalNumber: String

    /// A number from its parts; the parser has checked them.
    init(callingCode: String, nationalNumber: String) {
        self.callingCode = callingCode
        self.nationalNumber = nationalNumber
    }

    /// The canonical form, ITU-T E.164 with `+`: `+31703111050`.
    public var e164: String { "+" + callingCode + nationalNumber }

    /// The canonical form (the same as ``e164``).
    public var description: String { e164 }

    /// The country of the calling code, when the phone table has it (for `+1`: US, as NANP).
    public var country: PhoneCountry? { PhoneCountry.withCallingCode(callingCode) }

    /// A form for people to read: `+31 70 311 1050`, `+359 2 492 8571`, `+1 202 555 0199`.
    ///
    /// The national number is grouped from the right: the last group has four digits, the ones
    /// before it three, and the first group takes what is left (one to three digits). This is
    /// a reading aid that needs no knowledge of area codes; it is not any country's convention,
    /// and only ``e164`` is used to compare, store or hash.
    public var displayForm: String {
        var groups: [Substring] = []
        var rest = Substring(nationalNumber)
        var size = 4
        while rest.count > size {
            groups.insert(rest.suffix(size), at: 0)
            rest = rest.dropLast(size)
            size = 3
        }
        groups.insert(rest, at: 0)
        return "+" + callingCode + " " + groups.joined(separator: " ")
    }

    // MARK: - Reading

    /// Reads a phone number written in any of the forms of CONTRACT.md section 2.
    ///
    /// `country` (ISO alpha-2, any case) gives the country of national-form numbers
    /// (`070-3111050`, `02 4928571`); international forms ignore it. See ``PhoneNumberParser``
    /// for the rules, including how digits without `+` or `00` are read.
    /// - Throws: ``IdentityError/withheldPhone`` for an empty value or a withheld-caller marker
    ///   (`anonymous`, `unknown`, `restricted`, `withheld`, `private`, any case);
    ///   ``IdentityError/invalidPhone(reason:)`` for anything else that is not a number;
    ///   ``IdentityError/unknownCountry(code:)`` for a national form whose country the table lacks.
    public static func parse(_ raw: String, context country: String) throws -> PhoneNumber {
        try PhoneNumberParser(context: country).parse(raw)
    }

    /// Whether a stored value is NULL, empty or a withheld-caller marker (`anonymous`,
    /// `unknown`, `restricted`, `withheld`, `private`, in any case, alone or with words such as
    /// `number` or `caller`): such a value never matches anyone (CONTRACT.md section 2).
    public static func isWithheldMarker(_ raw: String?) -> Bool {
        guard let raw else { return true }
        let text = raw.trimmedOfWhitespace()
        return text.isEmpty || PhoneDigits.isWithheldMarker(text)
    }

    /// Reads a stored column value, telling numbers, withheld markers and garbage apart.
    ///
    /// `nil` (SQL NULL) and empty values are withheld, as CONTRACT.md section 2 says they are
    /// on withheld calls; a marker never matches anyone.
    public static func read(_ raw: String?, context country: String) -> PhoneReading {
        guard let raw else { return .withheld }
        do {
            return .number(try parse(raw, context: country))
        } catch IdentityError.withheldPhone {
            return .withheld
        } catch let error as IdentityError {
            return .unparseable(error)
        } catch {
            return .unparseable(.invalidPhone(reason: "unexpected failure"))
        }
    }
}

/// What a stored phone column holds: a number, a withheld-caller marker, or garbage.
public enum PhoneReading: Sendable, Hashable {
    /// A phone number.
    case number(PhoneNumber)
    /// NULL, empty, or a withheld-caller marker: never matches anyone.
    case withheld
    /// Something that is neither; the error says why without quoting the value.
    case unparseable(IdentityError)

    /// The number, when there is one.
    public var number: PhoneNumber? {
        if case .number(let number) = self { return number }
        return nil
    }
}
