import DSRKit

/// The `orders.regulator_info` JSON: what each national regulator asks of a number holder.
///
/// Premium numbers need an identity check almost everywhere; the keys differ by country
/// (BG asks the ЕГН personal number, BE the national register number). Keys are written
/// in a fixed order by hand so the output is byte-stable.
enum DemoRegulatorInfo {
    /// A JSON object text, or nil when the regulator asked nothing.
    static func make(_ code: String, premium: Bool, _ random: inout DemoRandom) -> String? {
        guard premium || random.percent(45) else { return nil }
        let year = random.inRange(1950...2002)
        let month = random.inRange(1...12)
        let day = random.inRange(1...28)
        let birth = DemoBytes()
        DemoCalendar.writeDate(year: year, month: month, day: day, into: birth)
        let dob = birth.string
        let yy = pad(year % 100)
        switch code {
        case "BG":
            let egnMonth = year >= 2000 ? month + 40 : month
            let egn = yy + pad(egnMonth) + pad(day) + random.digits(4)
            return "{\"egn\":\"\(egn)\",\"id_card_no\":\"\(random.digits(9))\","
                + "\"issued_by\":\"МВР София\"}"
        case "BE":
            let register =
                yy + "." + pad(month) + "." + pad(day) + "-" + random.digits(3) + "."
                + random.digits(2)
            return "{\"national_register_no\":\"\(register)\"}"
        case "DE", "AT":
            let document = "L" + random.digits(2) + "X" + random.digits(2) + "T" + random.digits(2)
            return "{\"date_of_birth\":\"\(dob)\",\"id_document_type\":\"Personalausweis\","
                + "\"id_document_no\":\"\(document)\"}"
        case "NL":
            if !premium { return "{\"kvk_checked\":true}" }
            let letters = Array("ABCDEFGHJKLMNPRSTUVWXYZ")
            let passport =
                String(random.pick(letters)) + String(random.pick(letters))
                + random.digits(7)
            return "{\"date_of_birth\":\"\(dob)\",\"id_document_type\":\"passport\","
                + "\"id_document_no\":\"\(passport)\",\"verified_by\":\"iDIN\"}"
        default:
            return "{\"date_of_birth\":\"\(dob)\"}"
        }
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
