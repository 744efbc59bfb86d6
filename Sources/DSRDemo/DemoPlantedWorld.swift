import DSRKit

/// Customers 1–6: the planted owners, the website orderer's company, and three "host"
/// companies whose numbers the planted callers ring (they also get random traffic).
enum DemoPlantedWorld {
    /// E.164 numbers of the planted service numbers, by role.
    enum Number {
        static let nlFree = "+318001112233"
        static let nlPremium = "+319001112233"
        static let nlLocal = "+31701112233"
        static let pieterFree = "+318001987654"
        static let pieterPremium = "+319001987654"
        static let pieterLocal = "+31151987654"
        static let bgFree = "+35980011223"
        static let bgPremium = "+35990011223"
        static let bgLocal = "+35921112233"
        static let marieFree = "+3280019876"
        static let hoffmannFree = "+498001555000"
        static let hoffmannLocal = "+493015550001"
        static let beFree = "+3280011223"
        static let bePremium = "+3290311223"
        static let beLocal = "+3221112233"
    }

    /// The planted owner of a customer id, if any.
    static func owner(ofCustomer id: Int) -> Int? {
        id == 2 ? DemoPlanted.owner : id == 4 ? DemoPlanted.ownerAndCaller : nil
    }

    /// Adds customers 1–6 with their contacts, numbers and orders.
    static func build(
        into world: DemoWorld, factory: inout DemoCustomerFactory,
        services: inout DemoServiceFactory, ledger: DemoLedger
    ) {
        let old = DemoCalendar.instant(year: 2019, month: 3, day: 4)
        host(1, .nl, "Kustlicht Energie B.V.", world, &factory)
        world.voicemailMailbox[0] = "Kustlicht Energie <info@kustlicht.example>"
        addPieter(world, ledger: ledger)
        host(3, .bg, "Тракия Логистик ЕООД", world, &factory)
        world.voicemailMailbox[2] =
            DemoMIME.wordB("Тракия Логистик") + " <office@trakia-logistik.example>"
        addMarie(world, ledger: ledger)
        host(5, .de, "Hoffmann Küchenstudio GmbH", world, &factory)
        host(6, .be, "Brouwerij De Klok BV", world, &factory)
        // A name-only and one-letter-off decoy for Jan de Vries.
        world.contacts.append(
            DemoWorld.Contact(
                id: world.nextContactId, customerId: 6, fullName: "Jan de Vries",
                email: DemoPlanted.decoyMail, phone: "+32 16 23 45 67", role: "technical",
                createdAt: old + 40 * DemoCalendar.day))
        let hosts: [(Int, String, String, Bool, Int?, Bool)] = [
            (1, Number.nlFree, "freephone", true, 90, false),
            (1, Number.nlPremium, "premium", false, nil, true),
            (1, Number.nlLocal, "local", false, nil, true),
            (1, DemoPlanted.decoyServiceNumber, "freephone", false, nil, false),
            (3, Number.bgFree, "freephone", true, 180, false),
            (3, Number.bgPremium, "premium", false, nil, false),
            (3, Number.bgLocal, "local", false, nil, true),
            (5, Number.hoffmannFree, "freephone", false, nil, true),
            (5, Number.hoffmannLocal, "local", true, 30, false),
            (6, Number.beFree, "freephone", true, 90, false),
            (6, Number.bePremium, "premium", false, nil, false),
            (6, Number.beLocal, "local", false, nil, true),
        ]
        for (customerId, number, type, recording, retention, voicemail) in hosts {
            let contacts = world.contactsOf(customerIndex: customerId - 1)
            let target = contacts.compactMap(\.phoneValue).first
            let country = DemoCountry.all.first { number.hasPrefix("+" + $0.callingCode) }!
            world.services.append(
                DemoWorld.Service(
                    number: number, country: country, customerId: customerId, type: type,
                    forwardTo: target?.text(.e164), forwardPhone: target, recording: recording,
                    retentionDays: retention, voicemail: voicemail, activeFrom: old,
                    activeUntil: nil, randomTraffic: true))
            var ip = services.ipAddress()
            if number == Number.beLocal { ip = DemoPlanted.decoyIPv6 }
            if customerId == 5 {
                ip = DemoIPAddress.ipv6(DemoPlanted.orderIPv6, number == Number.hoffmannFree ? .compressed : .expanded)
                ledger.expect(DemoPlanted.ipv6Orderer, "orders", world.nextOrderId)
            }
            world.orders.append(
                DemoWorld.Order(
                    id: world.nextOrderId, customerId: customerId,
                    contactId: customerId == 5 ? nil : contacts.first?.id, serviceNumber: number,
                    numberType: type, country: country.code, orderedAt: old - 5 * DemoCalendar.day,
                    ipAddress: ip, regulatorInfo: type == "premium" ? "{\"date_of_birth\":\"1971-08-30\"}" : nil,
                    status: "active"))
        }
        ledger.expect(DemoPlanted.ipv6Orderer, "orders", world.nextOrderId)
        world.orders.append(
            DemoWorld.Order(
                id: world.nextOrderId, customerId: 5, contactId: nil, serviceNumber: "0800 1555999",
                numberType: "freephone", country: "DE",
                orderedAt: DemoCalendar.instant(year: 2025, month: 4, day: 2) + 37_000,
                ipAddress: DemoIPAddress.ipv6(DemoPlanted.orderIPv6, .upperCompressed),
                regulatorInfo: nil, status: "cancelled"))
        ledger.relate(DemoPlanted.ipv6Orderer, "customers", 5)
    }

    private static func host(
        _ id: Int, _ country: DemoCountry, _ name: String, _ world: DemoWorld,
        _ factory: inout DemoCustomerFactory
    ) {
        factory.addCustomer(id: id, to: world, countryOverride: country)
        world.customers[id - 1].name = name
        world.customers[id - 1].createdAt = DemoCalendar.instant(year: 2018, month: 11, day: 20)
    }
}
