import DSRKit

/// The fixed people planted in every demo data set, and the decoys that must not match them.
///
/// Their numbers sit in ranges that random rows never use (see ``DemoCountry``), so the
/// expected records in the report are exactly the rows planted for them.
enum DemoPlanted {
    static let caller = 0
    static let owner = 1
    static let ownerAndCaller = 2
    static let bgCaller = 3
    static let emailOnly = 4
    static let ipv6Orderer = 5
    static let count = 6

    static let labels = [
        "caller", "owner", "owner-and-caller", "bg-caller", "email-only", "ipv6-orderer",
    ]

    // MARK: - Identities

    /// Sanne Bakker, a consumer with an NL mobile.
    static let sanne = DemoPhone(callingCode: "31", nsn: "681234567", split: 1)
    static let sanneMail = "sanne.bakker@example.nl"
    /// Pieter Smit, sole trader "Smit Installatietechniek" in Delft.
    static let pieter = DemoPhone(callingCode: "31", nsn: "687654321", split: 1)
    static let pieterMail = "pieter@smitinstallatie.nl"
    /// Marie Claes, sole trader "Claes Vertalingen" in Gent.
    static let marie = DemoPhone(callingCode: "32", nsn: "478812345", split: 3)
    static let marieMail = "marie@claesvertalingen.be"
    /// Георги Иванов, a consumer with a BG mobile.
    static let georgi = DemoPhone(callingCode: "359", nsn: "888912345", split: 3)
    static let georgiMail = "georgi.ivanov@example.bg"
    /// Jan de Vries, known only from e-mail.
    static let janMail = "jan.devries@example.nl"
    /// The website orderer's IPv6 address.
    static let orderIPv6 = [0x2001, 0x0db8, 0x85a3, 0, 0, 0x8a2e, 0x0370, 0x7334]

    static let identifiers: [[String]] = [
        ["phone:" + sanne.e164, "email:" + sanneMail],
        ["email:" + pieterMail, "phone:" + pieter.e164],
        ["email:" + marieMail, "phone:" + marie.e164],
        ["phone:" + georgi.e164, "email:" + georgiMail],
        ["email:" + janMail],
        ["ip:2001:db8:85a3::8a2e:370:7334"],
    ]

    static let summaries = [
        "Sanne Bakker, NL mobile caller: calls to several numbers in every phone form, "
            + "recordings, one voicemail e-mailed away and one still on disk, a support e-mail",
        "Pieter Smit, owner of sole trader Smit Installatietechniek (customer 2): contacts, "
            + "orders, numbers forwarding to his mobile, voicemail e-mails to him",
        "Marie Claes, owner of Claes Vertalingen (customer 4, BE) who also calls other "
            + "customers' numbers",
        "Георги Иванов, BG mobile caller (national 0888 form on BG numbers), recording, "
            + "voicemail, support e-mails with a Cyrillic display name",
        "Jan de Vries, only in support e-mail: from, to, cc, group, +tag, encoded name",
        "Website orderer known only by IPv6, three orders of Hoffmann Küchenstudio "
            + "(customer 5) from the same address spelled three ways",
    ]

    // MARK: - Decoys (must never match a planted subject)

    /// Caller numbers: one digit off Sanne; Sanne's digits under +32; Sanne's national
    /// digits on a BG number (so +359681234567); one digit off Георги.
    static let decoyCallers = ["+31681234568", "+32681234567", "0681234567", "+359888912346"]
    /// An 0800 number with the same tail as Sanne's mobile.
    static let decoyServiceNumber = "+318001234567"
    /// An e-mail one letter off Jan de Vries's.
    static let decoyMail = "jan.devriez@example.nl"
    /// An IPv6 one off the orderer's.
    static let decoyIPv6 = "2001:db8:85a3::8a2e:370:7335"
}
