import Foundation

/// Reads phone numbers in the forms of CONTRACT.md section 2 into ``PhoneNumber``.
///
/// The rules, in order:
/// 1. Empty values and withheld-caller markers throw ``IdentityError/withheldPhone``.
/// 2. Separators are dropped: spaces, `.`, `-`, `/`, `(`, `)`; a leading `tel:` too (RFC 3966).
///    Any other character (letters, `*`, `#`, an extension) makes the value unparseable.
/// 3. International forms: `+CC…`, `00CC…`, and `011CC…` in NANP context. A `(0)` after the
///    calling code is the trunk prefix and is dropped, except in countries without a trunk
///    prefix (Italy), where that 0 belongs to the number. A trunk prefix written after the
///    calling code without parentheses (`+31 070…`) is dropped when the number is only valid
///    without it.
/// 4. Digits starting with the context country's trunk prefix are national: `070-3111050`
///    in NL is +31703111050, `02 4928571` in BG is +35924928571.
/// 5. Bare digits (no `+`, `00` or trunk prefix):
///    - in a country with a trunk prefix, they are international when they start with a
///      calling code of the phone table and the rest is valid for that country
///      (`31703111050` in BG context is +31703111050); otherwise they are rejected. NANP is the
///      exception: ten digits there are a national number, as they are dialled.
///    - in a country without a trunk prefix (IT, ES, DK, ...), they are national when their
///      length is valid there, international by the rule above when that is valid, and rejected
///      as ambiguous when both readings are valid and differ: guessing could tie a record to
///      a stranger.
/// 6. The national significant number must have a length in the country's table row and may
///    not start with the trunk digit; calling codes outside the table only need 4 or more
///    digits after the code and at most 15 digits in all.
struct PhoneNumberParser: Sendable {
    /// ISO alpha-2 code of the country that national forms belong to.
    let context: String

    /// Reads `raw` under the rules above.
    /// - Throws: ``IdentityError`` (`withheldPhone`, `invalidPhone`, `unknownCountry`).
    func parse(_ raw: String) throws -> PhoneNumber {
        let digits = try PhoneDigits(raw)
        if digits.plus {
            return try international(digits, prefixLength: 0, prefixText: "after +")
        }
        let national = digits.all
        if national.hasPrefix("00") {
            return try international(digits, prefixLength: 2, prefixText: "after 00")
        }
        if let country = PhoneCountry.named(context), country.internationalPrefix != "00",
            national.hasPrefix(country.internationalPrefix)
        {
            let prefix = country.internationalPrefix
            return try international(digits, prefixLength: prefix.count, prefixText: "after \(prefix)")
        }
        return try nationalOrBare(national)
    }

    // MARK: - International forms

    /// Reads digits that follow an international prefix of `prefixLength` digits (or `+`).
    private func international(_ digits: PhoneDigits, prefixLength: Int, prefixText: String) throws -> PhoneNumber {
        let afterPrefix = String(digits.all.dropFirst(prefixLength))
        var text = afterPrefix
        // A `(0)` after the calling code is the trunk prefix, unless the country has none
        // (Italy keeps its 0); anywhere else the parentheses are only separators.
        if let zero = digits.parenthesisedZero.map({ $0 - prefixLength }), zero >= 1 {
            var removed = Array(afterPrefix)
            removed.remove(at: zero)
            let candidate = String(removed)
            if let split = CallingCode.split(candidate), zero >= split.callingCode.count,
                PhoneCountry.withCallingCode(split.callingCode)?.hasTrunkPrefix != false
            {
                text = candidate
            }
        }
        guard let split = CallingCode.split(text) else {
            throw IdentityError.invalidPhone(
                reason: text.hasPrefix("0")
                    ? "a calling code cannot start with 0 (\(prefixText))"
                    : "too few digits \(prefixText) for a calling code and a number")
        }
        let country = PhoneCountry.withCallingCode(split.callingCode)
        let nsn = split.rest
        guard split.callingCode.count + nsn.count <= 15 else {
            // ITU-T E.164 §6.1: at most 15 digits including the calling code.
            throw IdentityError.invalidPhone(
                reason: "\(split.callingCode.count + nsn.count) digits in all; E.164 allows at most 15, "
                    + "calling code included")
        }
        guard let country else {
            guard nsn.count >= 4 else {
                throw IdentityError.invalidPhone(
                    reason: "\(nsn.count) digits after +\(split.callingCode); too short for a number")
            }
            return PhoneNumber(callingCode: split.callingCode, nationalNumber: nsn)
        }
        guard let problem = country.problem(nsn: nsn, position: "after +\(split.callingCode)") else {
            return PhoneNumber(callingCode: split.callingCode, nationalNumber: nsn)
        }
        // `+31 070…`: a trunk prefix written after the calling code, when only that reading fits.
        if let trunk = country.trunkPrefix(of: nsn) {
            let stripped = String(nsn.dropFirst(trunk.count))
            if country.isValid(nsn: stripped) {
                return PhoneNumber(callingCode: split.callingCode, nationalNumber: stripped)
            }
        }
        throw IdentityError.invalidPhone(reason: problem)
    }

    // MARK: - National and bare forms

    /// Reads digits without an international prefix (rules 4 and 5).
    private func nationalOrBare(_ digits: String) throws -> PhoneNumber {
        guard let country = PhoneCountry.named(context) else {
            let code = context.trimmedOfSpaces().uppercased()
            let safe = code.count == 2 && code.allSatisfy { $0.isASCII && $0.isLetter } ? code : "(invalid code)"
            throw IdentityError.unknownCountry(code: safe)
        }
        if let trunk = country.trunkPrefix(of: digits) {
            let nsn = String(digits.dropFirst(trunk.count))
            if let problem = country.problem(nsn: nsn, position: "after the trunk prefix \(trunk)") {
                throw IdentityError.invalidPhone(reason: problem)
            }
            return PhoneNumber(callingCode: country.callingCode, nationalNumber: nsn)
        }
        let bare = bareInternational(digits)
        if country.hasTrunkPrefix {
            if country.nationalWithoutTrunk, country.isValid(nsn: digits) {
                return PhoneNumber(callingCode: country.callingCode, nationalNumber: digits)
            }
            if let bare { return bare }
            throw IdentityError.invalidPhone(
                reason: "\(digits.count) digits without +, 00 or the trunk prefix \(country.trunkText): "
                    + "not a \(country.name) national number, and not a known calling code followed by "
                    + "a valid number")
        }
        let national =
            country.isValid(nsn: digits)
            ? PhoneNumber(callingCode: country.callingCode, nationalNumber: digits) : nil
        switch (national, bare) {
        case (let national?, let bare?) where national != bare:
            throw IdentityError.invalidPhone(
                reason: "ambiguous: valid both as a \(country.name) national number and as +\(bare.callingCode) "
                    + "written without +")
        case (let national?, _):
            return national
        case (nil, let bare?):
            return bare
        case (nil, nil):
            let problem = country.problem(nsn: digits, position: "") ?? "not a valid number"
            throw IdentityError.invalidPhone(
                reason: "\(problem), and the digits are not a known calling code followed by a valid number")
        }
    }

    /// Digits read as `CC…` without `+`: only calling codes of the phone table count, and the
    /// rest must be valid for that country (no trunk-prefix repair here).
    private func bareInternational(_ digits: String) -> PhoneNumber? {
        guard let split = CallingCode.split(digits), let country = PhoneCountry.withCallingCode(split.callingCode),
            country.isValid(nsn: split.rest)
        else { return nil }
        return PhoneNumber(callingCode: split.callingCode, nationalNumber: split.rest)
    }
}
