import DSRKit

extension DemoPlantedWorld {
    /// Customer 2: Pieter Smit's sole trade, with two contact rows for him, three numbers
    /// forwarding to his mobile in three spellings, and four orders (one for a number he
    /// gave up, no longer in `service_numbers`).
    static func addPieter(_ world: DemoWorld, ledger: DemoLedger) {
        let subject = DemoPlanted.owner
        let created = DemoCalendar.instant(year: 2017, month: 6, day: 12) + 33_000
        world.customers.append(
            DemoWorld.Customer(
                id: 2, name: "Smit Installatietechniek", registrationNo: "27181920",
                vatNo: "NL001234567B01", address: "Oude Delft 118", postcode: "2611 CG",
                city: "Delft", country: "NL",
                iban: "NL" + DemoCompanyNumbers.checkDigits(country: "NL", bban: "RABO0312345678")
                    + "RABO0312345678",
                createdAt: created))
        world.contactStart.append(world.contacts.count)
        let ownerContact = world.nextContactId
        world.contacts.append(
            DemoWorld.Contact(
                id: ownerContact, customerId: 2, fullName: "Pieter Smit",
                email: "Pieter@SmitInstallatie.nl", phone: DemoPlanted.pieter.text(.nationalDashed),
                role: "owner", createdAt: created, phoneValue: DemoPlanted.pieter))
        let billingContact = world.nextContactId
        world.contacts.append(
            DemoWorld.Contact(
                id: billingContact, customerId: 2, fullName: "P. Smit",
                email: "pieter+facturen@smitinstallatie.nl", phone: nil, role: "billing",
                createdAt: created + 86_400))
        world.voicemailMailbox.append("\"Smit, Pieter\" <Pieter+voicemail@SmitInstallatie.nl>")
        ledger.expect(subject, "contacts", ownerContact)
        ledger.expect(subject, "contacts", billingContact)
        ledger.relate(subject, "customers", 2)
        let numbers: [(String, String, DemoPhoneForm, Bool, Bool, Int?, String)] = [
            (Number.pieterFree, "freephone", .e164, true, false, nil, "198.51.100.23"),
            (
                Number.pieterPremium, "premium", .nationalDashed, false, true, nil,
                "::ffff:198.51.100.23"
            ),
            (
                Number.pieterLocal, "local", .grouped, false, false,
                DemoCalendar.instant(year: 2026, month: 6, day: 30), "198.51.100.23"
            ),
        ]
        for (number, type, form, recording, voicemail, until, ip) in numbers {
            world.services.append(
                DemoWorld.Service(
                    number: number, country: .nl, customerId: 2, type: type,
                    forwardTo: DemoPlanted.pieter.text(form), forwardPhone: DemoPlanted.pieter,
                    recording: recording, retentionDays: recording ? 60 : nil,
                    voicemail: voicemail, activeFrom: created + 20 * DemoCalendar.day,
                    activeUntil: until, randomTraffic: false))
            ledger.expect(subject, "service_numbers", number)
            ledger.expect(subject, "orders", world.nextOrderId)
            world.orders.append(
                DemoWorld.Order(
                    id: world.nextOrderId, customerId: 2, contactId: ownerContact,
                    serviceNumber: number, numberType: type, country: "NL",
                    orderedAt: created + 15 * DemoCalendar.day, ipAddress: ip,
                    regulatorInfo: type == "premium"
                        ? "{\"date_of_birth\":\"1978-02-14\",\"id_document_type\":\"passport\","
                            + "\"id_document_no\":\"NX8K41P27\",\"verified_by\":\"iDIN\"}" : nil,
                    status: until == nil ? "active" : "terminated"))
        }
        ledger.expect(subject, "orders", world.nextOrderId)
        world.orders.append(
            DemoWorld.Order(
                id: world.nextOrderId, customerId: 2, contactId: billingContact,
                serviceNumber: "0800-1987000", numberType: "freephone", country: "NL",
                orderedAt: DemoCalendar.instant(year: 2024, month: 9, day: 3) + 51_000,
                ipAddress: nil, regulatorInfo: nil, status: "cancelled"))
    }

    /// Customer 4: Marie Claes's translation business in Gent, one 0800 number with voicemail.
    static func addMarie(_ world: DemoWorld, ledger: DemoLedger) {
        let subject = DemoPlanted.ownerAndCaller
        let created = DemoCalendar.instant(year: 2020, month: 2, day: 3) + 40_000
        world.customers.append(
            DemoWorld.Customer(
                id: 4, name: "Claes Vertalingen", registrationNo: "0712.345.678",
                vatNo: "BE0712345678", address: "Kouter 7", postcode: "9000", city: "Gent",
                country: "BE",
                iban: "BE" + DemoCompanyNumbers.checkDigits(country: "BE", bban: "001234567891")
                    + "001234567891",
                createdAt: created))
        world.contactStart.append(world.contacts.count)
        let contact = world.nextContactId
        world.contacts.append(
            DemoWorld.Contact(
                id: contact, customerId: 4, fullName: "Marie Claes",
                email: "Marie@ClaesVertalingen.BE", phone: DemoPlanted.marie.text(.nationalGrouped),
                role: "owner", createdAt: created, phoneValue: DemoPlanted.marie))
        world.voicemailMailbox.append("Marie Claes <marie@claesvertalingen.be>")
        ledger.expect(subject, "contacts", contact)
        ledger.relate(subject, "customers", 4)
        world.services.append(
            DemoWorld.Service(
                number: Number.marieFree, country: .be, customerId: 4, type: "freephone",
                forwardTo: DemoPlanted.marie.text(.spaced), forwardPhone: DemoPlanted.marie,
                recording: false, retentionDays: nil, voicemail: true,
                activeFrom: created + 9 * DemoCalendar.day, activeUntil: nil, randomTraffic: false))
        ledger.expect(subject, "service_numbers", Number.marieFree)
        ledger.expect(subject, "orders", world.nextOrderId)
        world.orders.append(
            DemoWorld.Order(
                id: world.nextOrderId, customerId: 4, contactId: contact,
                serviceNumber: "0800 19 876", numberType: "freephone", country: "BE",
                orderedAt: created + 2 * DemoCalendar.day, ipAddress: "2001:db8:be::42",
                regulatorInfo: "{\"national_register_no\":\"81.11.23-204.17\"}", status: "active"))
    }
}
