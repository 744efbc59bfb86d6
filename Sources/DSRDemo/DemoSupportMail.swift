import DSRKit

/// Random support correspondence: questions in, answers out, Cc to colleagues, a group
/// mailing to `undisclosed-recipients:;`, Cyrillic names as RFC 2047 encoded words.
struct DemoSupportMail {
    var random: DemoRandom
    let world: DemoWorld

    private static let subjects: [String: [String]] = [
        "NL": ["Vraag over factuur", "Doorschakeling aanpassen", "Opnames verwijderen"],
        "BE": ["Vraag over factuur", "Wijziging doorschakeling", "Question sur la facture"],
        "DE": ["Frage zur Rechnung", "Rufumleitung ändern", "Kündigung der Rufnummer"],
        "BG": ["Въпрос за фактура", "Пренасочване на номер", "Записи на разговори"],
    ]

    /// A mailbox as a header shows it: bare, quoted "Last, First", or an encoded word.
    private mutating func mailbox(_ contact: DemoWorld.Contact, email: String) -> String {
        let name = contact.fullName
        if name.unicodeScalars.contains(where: { $0.value >= 0x400 && $0.value < 0x500 }) {
            switch random.below(3) {
            case 0: return DemoMIME.wordB(name) + " <\(email)>"
            case 1: return DemoMIME.wordQ(name) + " <\(email)>"
            default: return DemoMIME.wordWindows1251(name) + " <\(email)>"
            }
        }
        switch random.below(4) {
        case 0: return email
        case 1:
            let parts = name.split(separator: " ", maxSplits: 1).map(String.init)
            return parts.count == 2 ? "\"\(parts[1]), \(parts[0])\" <\(email)>" : "<\(email)>"
        default: return DemoMIME.displayName(name) + " <\(email)>"
        }
    }

    /// `count` random e-mails between customers' contacts and support.
    mutating func messages(count: Int) -> [DemoMessage] {
        var result: [DemoMessage] = []
        let support = DemoPlantedMail.support
        while result.count < count {
            let sent = random.below(DemoCalendar.periodDays * DemoCalendar.day)
            if random.percent(4) {
                result.append(
                    DemoMessage(
                        direction: "out", from: "Telvora <noreply@telvora.example>",
                        to: "undisclosed-recipients:;", cc: nil, subject: "Gepland onderhoud / Planned maintenance",
                        sentAt: sent, customerId: nil,
                        body: "Beste klant,\n\nOp zondag voeren wij onderhoud uit.\n\nTelvora"))
                continue
            }
            let customerIndex = random.below(world.customers.count)
            let customer = world.customers[customerIndex]
            guard DemoPlantedWorld.owner(ofCustomer: customer.id) == nil else { continue }
            let contacts = world.contactsOf(customerIndex: customerIndex).filter {
                $0.email != nil && $0.email != DemoPlanted.decoyMail
            }
            guard let contact = contacts.first, let email = contact.email else { continue }
            let topics = Self.subjects[customer.country] ?? ["Question about invoice", "Call forwarding"]
            let topic = random.pick(topics)
            let encoded =
                topic.unicodeScalars.contains { $0.value >= 0x400 }
                ? DemoMIME.wordB(topic) : topic
            let party = mailbox(contact, email: email)
            var cc: String?
            if contacts.count > 1, random.percent(50), let other = contacts.last?.email {
                cc = mailbox(contacts[contacts.count - 1], email: other)
            }
            result.append(
                DemoMessage(
                    direction: "in", from: party, to: support, cc: cc, subject: encoded,
                    sentAt: sent, customerId: customer.id,
                    body: "Hello,\n\n\(topic)?\n\n\(contact.fullName)"))
            if random.percent(70), result.count < count {
                let replyCc = [cc, random.percent(40) ? "Telvora Billing <billing@telvora.example>" : nil]
                    .compactMap { $0 }.joined(separator: ", ")
                result.append(
                    DemoMessage(
                        direction: "out", from: support, to: party,
                        cc: replyCc.isEmpty ? nil : replyCc, subject: "Re: " + encoded,
                        sentAt: sent + random.inRange(600...200_000), customerId: customer.id,
                        body: "Dear customer,\n\nThank you, we have handled your request.\n\nTelvora Support"))
            }
        }
        return result
    }
}
