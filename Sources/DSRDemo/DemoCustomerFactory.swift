import DSRKit

/// Makes random customers and their 1–3 contacts (owner, billing, technical).
struct DemoCustomerFactory {
    var random: DemoRandom

    /// A contact-range mobile (digit after the prefix 6–7) or a landline of a country.
    static func contactPhone(_ country: DemoCountry, _ random: inout DemoRandom) -> DemoPhone {
        if random.percent(80) {
            let prefix = random.pick(country.mobilePrefixes)
            let rest = country.mobileLength - prefix.count - 1
            let nsn = prefix + String(random.inRange(6...7)) + random.digits(rest)
            return DemoPhone(callingCode: country.callingCode, nsn: nsn, split: country.mobileSplit)
        }
        let area = random.pick(country.areaCodes)
        let nsn =
            area + String(random.inRange(2...7))
            + random.digits(country.landlineLength - area.count - 1)
        return DemoPhone(callingCode: country.callingCode, nsn: nsn, split: area.count)
    }

    /// A phone form for a column whose national forms mean the row's own country.
    static func anyForm(_ random: inout DemoRandom) -> DemoPhoneForm {
        random.percent(35) ? .e164 : random.pick(DemoPhoneForm.allCases)
    }

    /// Adds one random customer with its contacts to the world.
    mutating func addCustomer(id: Int, to world: DemoWorld, countryOverride: DemoCountry? = nil) {
        let country =
            countryOverride ?? DemoCountry.all[DemoCountry.weightTable[random.below(100)]]
        let names = DemoNames.of(country.code)
        let soleTrader = random.percent(30)
        let first = random.pick(names.firstNames)
        let last = random.pick(names.lastNames)
        let trade = random.pick(names.trades)
        let latin = country.code == "BG" && random.percent(30)
        var name: String
        if soleTrader {
            name = random.percent(50) ? "\(first) \(last)" : "\(trade) \(first) \(last)"
            if country.code == "BG" { name = "ЕТ „\(first) \(last)“" }
        } else {
            let core = random.percent(50) ? last : random.pick(names.lastNames)
            name = "\(core) \(trade) \(random.pick(names.legalForms))"
        }
        if latin {
            name = DemoTransliteration.latin(name).replacingOccurrences(of: "„", with: "\"")
                .replacingOccurrences(of: "“", with: "\"")
        }
        let created =
            DemoCalendar.instant(year: 2015, month: 1, day: 1)
            + random.below(11 * 365 + 140) * DemoCalendar.day + random.below(DemoCalendar.day)
        let cities = country.code == "AT" ? Self.austrianCities : names.cities
        let city = random.pick(cities)
        let registration = DemoCompanyNumbers.registration(country.code, &random)
        let hasVAT = !soleTrader || random.percent(60)
        world.customers.append(
            DemoWorld.Customer(
                id: id, name: name,
                registrationNo: random.percent(92) ? registration : nil,
                vatNo: hasVAT ? DemoCompanyNumbers.vat(country.code, registration: registration, &random) : nil,
                address: "\(random.pick(names.streets)) \(random.inRange(1...240))",
                postcode: DemoCompanyNumbers.postcode(country.code, stem: city.postcode, &random),
                city: city.city, country: country.code,
                iban: random.percent(90) ? DemoCompanyNumbers.iban(country.code, &random) : nil,
                createdAt: created))
        let domain =
            DemoTransliteration.slug(
                soleTrader ? "\(first) \(last)" : "\(last) \(trade)",
                separator: "-") + "." + (country.code == "GB" ? "co.uk" : country.code.lowercased())
        addContacts(
            customerId: id, country: country, owner: (first, last), soleTrader: soleTrader,
            domain: domain, created: created, to: world)
    }

    private mutating func addContacts(
        customerId: Int, country: DemoCountry, owner: (String, String), soleTrader: Bool,
        domain: String, created: Int, to world: DemoWorld
    ) {
        let names = DemoNames.of(country.code)
        world.contactStart.append(world.contacts.count)
        let count = soleTrader ? random.inRange(1...2) : random.inRange(1...3)
        let roles = ["owner", "billing", "technical"]
        var mailbox: String?
        for slot in 0..<count {
            let person = slot == 0 ? owner : (random.pick(names.firstNames), random.pick(names.lastNames))
            var fullName = "\(person.0) \(person.1)"
            if country.code == "BG", random.percent(20) { fullName = DemoTransliteration.latin(fullName) }
            let email = random.percent(90) ? mail(person, domain: domain) : nil
            let phone = random.percent(80) ? Self.contactPhone(country, &random) : nil
            let role = random.percent(5) ? nil : roles[slot]
            world.contacts.append(
                DemoWorld.Contact(
                    id: world.nextContactId, customerId: customerId, fullName: fullName,
                    email: email, phone: phone?.text(Self.anyForm(&random)), role: role,
                    createdAt: created + random.below(400) * DemoCalendar.day, phoneValue: phone))
            if mailbox == nil, let email {
                mailbox = random.percent(60) ? "\"\(fullName)\" <\(email)>" : email
            }
        }
        world.voicemailMailbox.append(mailbox)
    }

    /// A mailbox for a person at a domain, in mixed case, sometimes with a +tag.
    private mutating func mail(_ person: (String, String), domain: String) -> String {
        let first = DemoTransliteration.slug(person.0)
        let last = DemoTransliteration.slug(person.1)
        var local: String =
            switch random.below(5) {
            case 0: first + "." + last
            case 1: String(first.prefix(1)) + "." + last
            case 2: first
            case 3: capitalized(first) + "." + capitalized(last)
            default: first + last
            }
        if random.percent(15) { local += random.pick(["+facturen", "+billing", "+noc", "+tel"]) }
        var host = domain
        if random.percent(20) { host = capitalized(domain) }
        if random.percent(5) { return (local + "@" + host).uppercased() }
        return local + "@" + host
    }

    private func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    private static let austrianCities = [
        ("Wien", "10"), ("Graz", "80"), ("Salzburg", "50"), ("Innsbruck", "60"),
    ].map { (city: $0.0, postcode: $0.1) }
}
