import DSRKit

/// Makes random service numbers and their orders, plus orders for numbers since given up.
///
/// A random number's subscriber part starts with 2–9 and comes from a per-country, per-type
/// counter through a multiplicative permutation, so numbers are unique and never equal a
/// planted number (whose subscriber part starts with 1).
struct DemoServiceFactory {
    var random: DemoRandom
    private var counters = Array(repeating: 0, count: DemoCountry.all.count * 4)

    init(random: DemoRandom) { self.random = random }

    static let types = ["freephone", "premium", "local", "shared-cost"]

    /// A fresh E.164 number of a type in a country.
    mutating func freshNumber(_ country: DemoCountry, type: Int) -> DemoPhone {
        var kind = type
        if kind == 3, country.sharedCost == nil { kind = 2 }
        let slot = country.index * 4 + kind
        let counter = counters[slot]
        counters[slot] += 1
        let prefix: String
        let length: Int
        switch kind {
        case 0: (prefix, length) = (country.freephone.prefix, country.freephone.length)
        case 1: (prefix, length) = (country.premium.prefix, country.premium.length)
        case 3: (prefix, length) = (country.sharedCost!.prefix, country.sharedCost!.length)
        default:
            let area = country.areaCodes[counter % country.areaCodes.count]
            (prefix, length) = (area, country.landlineLength - area.count)
        }
        var modulus = 1
        for _ in 1..<length { modulus *= 10 }
        // counter → (counter · 7919 + 104729) mod 8·10^(n-1) is a bijection (7919 is prime
        // to 2 and 5), so numbers look scattered yet never repeat.
        let value = (counter * 7919 + 104_729) % (8 * modulus)
        var tail = String(value % modulus)
        while tail.count < length - 1 { tail = "0" + tail }
        let nsn = prefix + String(2 + value / modulus) + tail
        return DemoPhone(callingCode: country.callingCode, nsn: nsn, split: prefix.count)
    }

    /// Adds the numbers and orders of one random customer.
    mutating func addNumbers(customerIndex: Int, to world: DemoWorld) {
        let customer = world.customers[customerIndex]
        let home = DemoCountry.named(customer.country)
        let contacts = world.contactsOf(customerIndex: customerIndex)
        let count = random.inRange(1...(contacts.count > 1 ? 4 : 2))
        for _ in 0..<count {
            let country = random.percent(90) ? home : random.pick(DemoCountry.all)
            let type = [0, 0, 0, 0, 1, 1, 2, 2, 2, 3][random.below(10)]
            let number = freshNumber(country, type: type)
            let from =
                max(customer.createdAt, DemoCalendar.instant(year: 2018, month: 1, day: 1))
                + random.below(700) * DemoCalendar.day + random.below(DemoCalendar.day)
            var until: Int?
            if random.percent(12) {
                let earliest = max(from, 0) + 30 * DemoCalendar.day
                until = earliest + random.below(500) * DemoCalendar.day
                if until! >= DemoCalendar.periodDays * DemoCalendar.day { until = nil }
            }
            let target = forwardTarget(home: home, contacts: contacts)
            world.services.append(
                DemoWorld.Service(
                    number: number.e164, country: country, customerId: customer.id,
                    type: Self.types[type == 3 && country.sharedCost == nil ? 2 : type],
                    forwardTo: target?.text(DemoCustomerFactory.anyForm(&random)),
                    forwardPhone: target, recording: random.percent(30),
                    retentionDays: random.pick([30, 60, 90, 180, 365, nil]),
                    voicemail: random.percent(35), activeFrom: from, activeUntil: until,
                    randomTraffic: true))
            let service = world.services[world.services.count - 1]
            addOrder(for: number, service: service, contacts: contacts, to: world)
        }
        if random.percent(15) {
            let number = freshNumber(home, type: random.below(3))
            let ordered = customer.createdAt + random.below(900) * DemoCalendar.day
            world.orders.append(
                DemoWorld.Order(
                    id: world.nextOrderId, customerId: customer.id,
                    contactId: contacts.isEmpty ? nil : random.pick(contacts).id,
                    serviceNumber: number.text(DemoCustomerFactory.anyForm(&random)),
                    numberType: Self.types[random.below(3)], country: home.code,
                    orderedAt: ordered, ipAddress: ipAddress(),
                    regulatorInfo: DemoRegulatorInfo.make(home.code, premium: false, &random),
                    status: random.pick(["cancelled", "terminated", "rejected"])))
        }
    }

    private mutating func forwardTarget(home: DemoCountry, contacts: ArraySlice<DemoWorld.Contact>)
        -> DemoPhone?
    {
        if random.percent(10) { return nil }
        let phones = contacts.compactMap(\.phoneValue)
        if !phones.isEmpty, random.percent(85) { return random.pick(phones) }
        return DemoCustomerFactory.contactPhone(home, &random)
    }

    private mutating func addOrder(
        for number: DemoPhone, service: DemoWorld.Service, contacts: ArraySlice<DemoWorld.Contact>,
        to world: DemoWorld
    ) {
        let form = random.percent(60) ? DemoPhoneForm.e164 : DemoCustomerFactory.anyForm(&random)
        world.orders.append(
            DemoWorld.Order(
                id: world.nextOrderId, customerId: service.customerId,
                contactId: contacts.isEmpty || random.percent(10) ? nil : random.pick(contacts).id,
                serviceNumber: number.text(form), numberType: service.type,
                country: service.country.code,
                orderedAt: service.activeFrom - random.inRange(1...14) * DemoCalendar.day
                    - random.below(DemoCalendar.day),
                ipAddress: ipAddress(),
                regulatorInfo: DemoRegulatorInfo.make(
                    service.country.code, premium: service.type == "premium", &random),
                status: service.activeUntil == nil ? "active" : "terminated"))
    }

    /// An ordering IP in any textual form, or nil (ordered by phone).
    mutating func ipAddress() -> String? {
        switch random.below(20) {
        case 0..<5: return nil
        case 5..<12: return DemoIPAddress.ipv4(DemoIPAddress.randomIPv4(&random))
        case 12..<18:
            let form = random.pick(DemoIPAddress.Form.allCases)
            return DemoIPAddress.ipv6(DemoIPAddress.randomIPv6(&random), form)
        default:
            return DemoIPAddress.mapped(DemoIPAddress.randomIPv4(&random), spelling: random.below(3))
        }
    }
}
