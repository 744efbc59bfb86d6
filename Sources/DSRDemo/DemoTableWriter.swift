import DSRKit

/// Inserts the small tables (customers, contacts, orders, service_numbers, invoices) from
/// the in-memory world, each through one prepared statement.
struct DemoTableWriter {
    let world: DemoWorld
    let connection: OpaquePointer
    let path: String
    let seed: UInt64

    private func prepare(_ table: String, _ columns: Int) throws -> RawStatement {
        let marks = Array(repeating: "?", count: columns).joined(separator: ", ")
        return try RawStatement(
            "INSERT INTO \(table) VALUES (\(marks))", connection: connection, path: path)
    }

    /// Inserts every small table; returns the invoice count.
    ///
    /// - Throws: the SQLite error of a failed insert.
    func write() throws -> Int {
        let customers = try prepare("customers", 10)
        for row in world.customers {
            customers.bind(row.id)
            customers.bind(row.name)
            customers.bind(row.registrationNo)
            customers.bind(row.vatNo)
            customers.bind(row.address)
            customers.bind(row.postcode)
            customers.bind(row.city)
            customers.bind(row.country)
            customers.bind(row.iban)
            customers.bind(DemoCalendar.iso(row.createdAt))
            try customers.step()
        }
        let contacts = try prepare("contacts", 7)
        for row in world.contacts {
            contacts.bind(row.id)
            contacts.bind(row.customerId)
            contacts.bind(row.fullName)
            contacts.bind(row.email)
            contacts.bind(row.phone)
            contacts.bind(row.role)
            contacts.bind(DemoCalendar.iso(row.createdAt))
            try contacts.step()
        }
        let orders = try prepare("orders", 10)
        for row in world.orders {
            orders.bind(row.id)
            orders.bind(row.customerId)
            orders.bind(row.contactId)
            orders.bind(row.serviceNumber)
            orders.bind(row.numberType)
            orders.bind(row.country)
            orders.bind(DemoCalendar.iso(row.orderedAt))
            orders.bind(row.ipAddress)
            orders.bind(row.regulatorInfo)
            orders.bind(row.status)
            try orders.step()
        }
        let services = try prepare("service_numbers", 8)
        for row in world.services {
            services.bind(row.number)
            services.bind(row.customerId)
            services.bind(row.forwardTo)
            services.bind(row.recording ? 1 : 0)
            services.bind(row.recording ? row.retentionDays : nil)
            services.bind(row.voicemail ? 1 : 0)
            services.bind(DemoCalendar.iso(row.activeFrom))
            services.bind(row.activeUntil.map(DemoCalendar.iso))
            try services.step()
        }
        return try writeInvoices(try prepare("invoices", 5))
    }

    private func writeInvoices(_ insert: RawStatement) throws -> Int {
        var count = 0
        for (index, customer) in world.customers.enumerated() {
            let first = world.invoiceFirstMonth[index]
            guard first < DemoWorld.invoicedMonths else { continue }
            for month in first..<DemoWorld.invoicedMonths {
                let id = world.invoiceFirstId[index] + month - first
                let draw = DemoRandom.hash(seed ^ 0x1A7, UInt64(id))
                insert.bind(id)
                insert.bind(customer.id)
                insert.bind(DemoCalendar.period(monthIndex: month))
                insert.bind(
                    DemoCalendar.iso(DemoCalendar.monthStart(month + 1) + 7200 + Int(draw % 20_000)))
                insert.bind(1500 + Int(draw >> 20 % 250_000))
                try insert.step()
                count += 1
            }
        }
        return count
    }
}
