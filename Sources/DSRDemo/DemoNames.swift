import DSRKit

/// Name pools per country: people, trades, legal forms, streets and cities.
///
/// Bulgarian entries are Cyrillic; ``DemoTransliteration`` gives their Latin spelling where
/// a customer or mailbox uses one. Names alone never identify anyone (CONTRACT.md), so the
/// pools freely reuse surnames that planted subjects also carry.
struct DemoNames: Sendable {
    let firstNames: [String]
    let lastNames: [String]
    let trades: [String]
    let legalForms: [String]
    let streets: [String]
    /// City and a postcode stem; the generator appends digits or letters.
    let cities: [(city: String, postcode: String)]

    /// The pool of a country code (GB pool for unknown codes).
    static func of(_ code: String) -> DemoNames {
        switch code {
        case "NL": nl
        case "BE": be
        case "DE", "AT": de
        case "BG": bg
        case "FR": fr
        default: gb
        }
    }

    static let nl = DemoNames(
        firstNames: [
            "Anouk", "Daan", "Sem", "Lotte", "Bram", "Fleur", "Thijs", "Eva", "Ruben",
            "Iris", "Joost", "Marloes", "Willem", "Femke", "Koen", "Noor",
        ],
        lastNames: [
            "de Jong", "Jansen", "Visser", "van den Berg", "Mulder", "Bos", "Vos",
            "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer", "de Wit", "Kok", "Smits",
        ],
        trades: [
            "Bakkerij", "Installatietechniek", "Fietsenmakerij", "Adviesbureau", "Energie",
            "Zorggroep", "Transport", "Reisbureau", "Tandartspraktijk", "Webwinkel",
        ],
        legalForms: ["B.V.", "B.V.", "V.O.F.", "N.V."],
        streets: [
            "Laan van Meerdervoort", "Kerkstraat", "Stationsweg", "Dorpsstraat",
            "Oudegracht", "Herengracht", "Molenweg", "Prinsengracht",
        ],
        cities: [
            ("Den Haag", "25"), ("Amsterdam", "10"), ("Rotterdam", "30"),
            ("Utrecht", "35"), ("Groningen", "97"), ("Eindhoven", "56"), ("Delft", "26"),
        ])

    static let be = DemoNames(
        firstNames: [
            "Lucas", "Emma", "Louis", "Olivia", "Arthur", "Marie", "Wout", "Elise",
            "Mathis", "Camille", "Jens", "Hanne",
        ],
        lastNames: [
            "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Dubois",
            "Lambert", "Dupont", "Wouters", "Goossens", "De Smet",
        ],
        trades: [
            "Brouwerij", "Schrijnwerkerij", "Boulangerie", "Vertalingen", "Logistiek",
            "Immo", "Garage", "Drukkerij",
        ],
        legalForms: ["BV", "NV", "SRL", "SA", "CommV"],
        streets: [
            "Grote Markt", "Rue de la Loi", "Meir", "Kouter", "Rue Neuve",
            "Bondgenotenlaan", "Veldstraat",
        ],
        cities: [
            ("Brussel", "10"), ("Antwerpen", "20"), ("Gent", "90"), ("Leuven", "30"),
            ("Liège", "40"), ("Brugge", "80"),
        ])

    static let de = DemoNames(
        firstNames: [
            "Lukas", "Anna", "Jonas", "Lea", "Felix", "Laura", "Maximilian", "Sophie",
            "Tobias", "Katharina", "Jürgen", "Sabine",
        ],
        lastNames: [
            "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
            "Becker", "Schulz", "Hoffmann", "Koch", "Schäfer",
        ],
        trades: [
            "Küchenstudio", "Steuerberatung", "Autohaus", "Reisebüro", "Versand",
            "Hausverwaltung", "Physiotherapie", "Elektrotechnik",
        ],
        legalForms: ["GmbH", "GmbH", "UG (haftungsbeschränkt)", "AG", "e.K."],
        streets: [
            "Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße",
            "Lindenallee", "Marktplatz", "Friedrichstraße",
        ],
        cities: [
            ("Berlin", "10"), ("Hamburg", "20"), ("München", "80"), ("Köln", "50"),
            ("Frankfurt am Main", "60"), ("Leipzig", "04"),
        ])

    static let bg = DemoNames(
        firstNames: [
            "Георги", "Мария", "Иван", "Елена", "Димитър", "Десислава", "Николай",
            "Цветелина", "Петър", "Йорданка", "Стоян", "Радостина",
        ],
        lastNames: [
            "Иванов", "Петров", "Георгиев", "Димитров", "Николов", "Стоянов",
            "Христов", "Тодоров", "Илиев", "Василев", "Попов", "Ангелов",
        ],
        trades: [
            "Транспорт", "Логистик", "Софтуер", "Строй", "Туризъм", "Медикъл", "Трейд",
            "Консулт",
        ],
        legalForms: ["ЕООД", "ООД", "АД", "ЕТ"],
        streets: [
            "бул. „Витоша“", "ул. „Граф Игнатиев“", "бул. „Цар Освободител“",
            "ул. „Шипка“", "бул. „България“", "ул. „Раковски“",
        ],
        cities: [
            ("София", "1"), ("Пловдив", "4"), ("Варна", "9"), ("Бургас", "8"),
            ("Плевен", "5"),
        ])

    static let fr = DemoNames(
        firstNames: ["Julien", "Camille", "Léa", "Hugo", "Chloé", "Nicolas", "Manon", "Théo"],
        lastNames: [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit",
            "Durand", "Lefèvre", "Moreau",
        ],
        trades: ["Boulangerie", "Conseil", "Transports", "Immobilier", "Informatique"],
        legalForms: ["SARL", "SAS", "SA", "EURL"],
        streets: [
            "rue de Rivoli", "avenue Jean Jaurès", "rue de la République",
            "boulevard Voltaire",
        ],
        cities: [("Paris", "75"), ("Lyon", "69"), ("Lille", "59"), ("Strasbourg", "67")])

    static let gb = DemoNames(
        firstNames: ["Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily"],
        lastNames: [
            "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Evans",
            "O'Brien", "Davies",
        ],
        trades: ["Consulting", "Plumbing", "Travel", "Logistics", "Bakery", "Software"],
        legalForms: ["Ltd", "Ltd", "LLP", "plc"],
        streets: ["High Street", "Station Road", "Church Lane", "Victoria Road", "Mill Lane"],
        cities: [
            ("London", "SW1"), ("Manchester", "M1"), ("Leeds", "LS1"),
            ("Glasgow", "G1"),
        ])
}
