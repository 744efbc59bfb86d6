import DSRKit

/// Registration numbers, VAT numbers, IBANs and postcodes in each country's format.
enum DemoCompanyNumbers {
    /// Trade-register number: KvK, KBO, HRB, ЕИК, SIREN, FN, Companies House.
    static func registration(_ code: String, _ random: inout DemoRandom) -> String {
        switch code {
        case "NL": random.digits(8)
        case "BE": "0" + random.digits(3) + "." + random.digits(3) + "." + random.digits(3)
        case "DE": "HRB " + random.digits(5) + random.pick(["", " B", " HH"])
        case "BG": random.digits(9)
        case "FR": random.digits(3) + " " + random.digits(3) + " " + random.digits(3)
        case "AT": "FN " + random.digits(6) + random.pick(["a", "b", "d", "m"])
        default: random.digits(8)
        }
    }

    /// VAT number, derived from the registration number where the country does so.
    static func vat(_ code: String, registration: String, _ random: inout DemoRandom) -> String {
        let digits = registration.filter(\.isNumber)
        return switch code {
        case "NL": "NL" + random.digits(9) + "B01"
        case "BE": "BE" + digits
        case "DE": "DE" + random.digits(9)
        case "BG": "BG" + digits
        case "FR": "FR" + random.digits(2) + digits
        case "AT": "ATU" + random.digits(8)
        default: "GB" + random.digits(9)
        }
    }

    /// An IBAN with valid ISO 13616 check digits, sometimes written in groups of four.
    static func iban(_ code: String, _ random: inout DemoRandom) -> String {
        let bban: String =
            switch code {
            case "NL": random.pick(["INGB", "RABO", "ABNA", "KNAB", "BUNQ"]) + random.digits(10)
            case "BE": random.digits(12)
            case "DE": random.digits(18)
            case "BG": random.pick(["BNBG", "UNCR", "STSA", "FINV"]) + random.digits(14)
            case "FR": random.digits(23)
            case "AT": random.digits(16)
            default: random.pick(["NWBK", "BARC", "LOYD", "HBUK"]) + random.digits(14)
            }
        let plain = code + checkDigits(country: code, bban: bban) + bban
        guard random.percent(30) else { return plain }
        var grouped = ""
        for (offset, character) in plain.enumerated() {
            if offset > 0, offset % 4 == 0 { grouped += " " }
            grouped.append(character)
        }
        return grouped
    }

    /// ISO 7064 MOD 97-10 over BBAN + country + "00", letters as 10...35.
    static func checkDigits(country: String, bban: String) -> String {
        var remainder = 0
        for scalar in (bban + country + "00").unicodeScalars {
            let value = Int(scalar.value)
            if (48...57).contains(value) {
                remainder = (remainder * 10 + value - 48) % 97
            } else {
                remainder = (remainder * 100 + value - 55) % 97
            }
        }
        let check = 98 - remainder
        return check < 10 ? "0\(check)" : "\(check)"
    }

    /// A postcode in the country's format, starting with a city's stem.
    static func postcode(_ code: String, stem: String, _ random: inout DemoRandom) -> String {
        let letters = Array("ABCDEFGHJKLMNPRSTVWXZ")
        switch code {
        case "NL":
            return stem + random.digits(2) + " " + String(random.pick(letters))
                + String(random.pick(letters))
        case "BE", "AT": return stem + random.digits(2)
        case "GB":
            return stem + " " + random.digits(1) + String(random.pick(letters))
                + String(random.pick(letters))
        default:
            return stem + random.digits(5 - stem.count)
        }
    }
}
