import DSRKit

/// The small tables of the demo, held in memory (bounded by the customer count) so the
/// call loop can pick service numbers and invoices, and the planted subjects can be traced.
final class DemoWorld {
    /// A `customers` row.
    struct Customer {
        var id: Int
        var name: String
        var registrationNo: String?
        var vatNo: String?
        var address: String?
        var postcode: String?
        var city: String?
        var country: String
        var iban: String?
        var createdAt: Int
    }

    /// A `contacts` row.
    struct Contact {
        var id: Int
        var customerId: Int
        var fullName: String
        var email: String?
        var phone: String?
        var role: String?
        var createdAt: Int
        /// The number behind `phone`, for forward targets.
        var phoneValue: DemoPhone?
    }

    /// A `service_numbers` row plus what the call loop needs.
    struct Service {
        var number: String
        var country: DemoCountry
        var customerId: Int
        var type: String
        var forwardTo: String?
        var forwardPhone: DemoPhone?
        var recording: Bool
        var retentionDays: Int?
        var voicemail: Bool
        var activeFrom: Int
        var activeUntil: Int?
        /// Whether random calls may go here (planted owners' numbers get planted calls only).
        var randomTraffic: Bool
    }

    /// An `orders` row.
    struct Order {
        var id: Int
        var customerId: Int
        var contactId: Int?
        var serviceNumber: String
        var numberType: String
        var country: String
        var orderedAt: Int
        var ipAddress: String?
        var regulatorInfo: String?
        var status: String
    }

    var customers: [Customer] = []
    var contacts: [Contact] = []
    var services: [Service] = []
    var orders: [Order] = []
    /// Per customer (index id - 1): the mailbox that receives voicemail e-mails.
    var voicemailMailbox: [String?] = []
    /// Per customer (index id - 1): first invoiced month index and the id of that invoice.
    var invoiceFirstMonth: [Int] = []
    var invoiceFirstId: [Int] = []
    /// Months that have invoices: 2025-01 ... 2026-09 (October is not invoiced yet).
    static let invoicedMonths = 21

    /// Per customer (index id - 1): index of its first contact in ``contacts``.
    var contactStart: [Int] = []

    /// The contacts of a customer (contacts are appended customer by customer).
    func contactsOf(customerIndex: Int) -> ArraySlice<Contact> {
        let end = customerIndex + 1 < contactStart.count ? contactStart[customerIndex + 1] : contacts.count
        return contacts[contactStart[customerIndex]..<end]
    }

    /// Next free contact id.
    var nextContactId: Int { contacts.count + 1 }
    /// Next free order id.
    var nextOrderId: Int { orders.count + 1 }

    /// The index in ``services`` of an E.164 number (planted numbers only; linear search).
    func serviceIndex(_ number: String) -> Int {
        guard let index = services.firstIndex(where: { $0.number == number }) else {
            preconditionFailure("planted number missing from the demo world")
        }
        return index
    }

    /// Assigns invoice ids: one per customer and month from its creation to 2026-09.
    func planInvoices() -> Int {
        var nextId = 1
        invoiceFirstMonth = []
        invoiceFirstId = []
        for customer in customers {
            let first = max(0, DemoCalendar.monthIndex(customer.createdAt))
            invoiceFirstMonth.append(first)
            invoiceFirstId.append(nextId)
            nextId += max(0, Self.invoicedMonths - first)
        }
        return nextId - 1
    }

    /// The invoice of a customer's month, or nil when that month is not (yet) invoiced.
    @inline(__always)
    func invoice(customerId: Int, month: Int) -> Int? {
        let first = invoiceFirstMonth[customerId - 1]
        guard month >= first, month < Self.invoicedMonths else { return nil }
        return invoiceFirstId[customerId - 1] + month - first
    }
}
