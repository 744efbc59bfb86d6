import DSRKit

/// The planted subjects' support correspondence, and the one-letter-off decoy.
enum DemoPlantedMail {
    static let support = "Telvora Support <support@telvora.example>"

    private static func at(_ month: Int, _ day: Int, _ seconds: Int) -> Int {
        DemoCalendar.instant(year: 2025 + (month - 1) / 12, month: (month - 1) % 12 + 1, day: day)
            + seconds
    }

    private static func mail(
        _ direction: String, _ from: String, _ to: String, _ cc: String?, _ subject: String?,
        _ sentAt: Int, _ customer: Int?, _ subjects: [Int], _ body: String
    ) -> DemoMessage {
        DemoMessage(
            direction: direction, from: from, to: to, cc: cc, subject: subject, sentAt: sentAt,
            customerId: customer, body: body, subjects: subjects)
    }

    /// All planted e-mails (they are theirs: the subjects are parties of each).
    static func messages() -> [DemoMessage] {
        let jan = DemoPlanted.emailOnly
        let georgiName = "Георги Иванов"
        let question = "Въпрос за фактура"
        return [
            mail(
                "in", "Sanne Bakker <Sanne.Bakker@example.nl>", support, nil,
                "Vraag over opname van mijn gesprek", at(9, 14, 40_310), nil, [DemoPlanted.caller],
                "Goedendag,\n\nIk heb op 0800-1112233 gebeld vanaf 06-81234567. Is dat gesprek "
                    + "opgenomen? Ik wil graag weten welke gegevens u van mij heeft.\n\nSanne Bakker"),
            mail(
                "in", "\"Smit, Pieter\" <pieter+facturen@SmitInstallatie.nl>", support,
                "Boekhouding Smit <administratie@boekhouding-delft.nl>", "Factuur oktober",
                at(11, 3, 30_100), 2, [DemoPlanted.owner],
                "Beste support,\n\nKlopt de factuur van oktober? Het 0900-nummer lijkt te hoog.\n\nPieter"),
            mail(
                "out", support, "Pieter@SmitInstallatie.nl", nil, "Re: Factuur oktober",
                at(11, 4, 35_500), 2, [DemoPlanted.owner],
                "Beste heer Smit,\n\nDe factuur is gecontroleerd en klopt.\n\nMet vriendelijke groet,\nTelvora"),
            mail(
                "in", "Marie Claes <marie@claesvertalingen.be>", support, nil,
                "Voicemail instellen", at(14, 21, 50_000), 4, [DemoPlanted.ownerAndCaller],
                "Hallo,\n\nHoe zet ik de voicemail op mijn 0800-nummer aan?\n\nMarie"),
            mail(
                "in", DemoMIME.wordB(georgiName) + " <georgi.ivanov@example.bg>", support, nil,
                DemoMIME.wordB(question), at(15, 2, 31_000), nil, [DemoPlanted.bgCaller],
                "Здравейте,\n\nОбадих се на 0800 11 223 и бях таксуван. Защо?\n\nГеорги Иванов"),
            mail(
                "out", support, DemoMIME.wordWindows1251(georgiName) + " <Georgi.Ivanov@Example.BG>",
                nil, "Re: " + DemoMIME.wordQ(question), at(15, 3, 39_000), nil,
                [DemoPlanted.bgCaller], "Здравейте,\n\nОбаждането е безплатно.\n\nTelvora"),
            mail(
                "in", "\"de Vries, Jan\" <Jan.deVries@Example.NL>", support, nil,
                "Klacht over 0900-nummer", at(6, 10, 33_000), nil, [jan],
                "Geachte heer/mevrouw,\n\nIk ben te veel gerekend voor een 0900-nummer.\n\nJan de Vries"),
            mail(
                "out", support, "\"de Vries, Jan\" <jan.devries@example.nl>",
                "Klachten <klachten@telvora.example>, \"Kustlicht Energie B.V.\" <info@kustlicht.example>",
                "Re: Klacht over 0900-nummer", at(6, 11, 41_000), 1, [jan],
                "Geachte heer De Vries,\n\nWe zoeken het uit.\n\nTelvora"),
            mail(
                "in", DemoMIME.wordQ("Jan de Vriës") + " <jan.devries+telco@example.nl>", support,
                "JAN.DEVRIES@EXAMPLE.NL", "Re: Re: Klacht over 0900-nummer", at(6, 12, 29_000), nil,
                [jan], "Dank u. Ik wacht op uw antwoord.\n\nJan"),
            mail(
                "out", support,
                "Klachtenteam: \"de Vries, Jan\" <jan.devries@example.nl>, anke.visser@telvora.example;",
                nil, "Uw klacht is opgelost", at(6, 20, 37_000), nil, [jan],
                "Geachte heer De Vries,\n\nU krijgt het bedrag terug.\n\nTelvora"),
            mail(
                "out", support, "Kustlicht Energie B.V. <info@kustlicht.example>",
                "Jan de Vries <jan.devries@example.nl>", "Terugbetaling klant", at(6, 20, 38_000), 1,
                [jan], "Beste Kustlicht,\n\nWe storten het bedrag terug aan de klant.\n\nTelvora"),
            mail(
                "out", support, "Jan de Vries <" + DemoPlanted.decoyMail + ">", nil,
                "Uw aanvraag", at(7, 2, 36_000), nil, [],
                "Beste heer De Vries,\n\nUw aanvraag is ontvangen.\n\nTelvora"),
        ]
    }
}
