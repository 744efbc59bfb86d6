// Generated from `BuiltinDataMap.text` by BuiltinDataMapCompiledTests
// (RECORD_SNAPSHOTS=1 swift test --filter BuiltinDataMapCompiled). Do not edit by hand.
// swift-format-ignore-file

extension BuiltinDataMap {
    /// The built-in map as the parser reads ``text`` (a test keeps them equal).
    static let compiled = DataMap(tables: [
        TableMap(
            name: "customers", primaryKey: "id", holds: .organisation,
            purpose: "Customer accounts: the contract for service numbers, invoicing and payment.",
            legalBasis: "Art. 6(1)(b) GDPR: performance of the contract; Art. 6(1)(c) GDPR: tax and bookkeeping law.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "For the duration of the contract, then 7 years for tax and bookkeeping law.", days: nil, from: nil, daysColumn: nil, then: nil, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "identification data (name of the sole trader or organisation, registration and VAT numbers)",
                    "contact data (postal address)",
                    "payment data (IBAN)",
                ],
            identifiers: [
                    IdentifierColumn(column: "id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 90, column: 9)),
                    IdentifierColumn(column: "name", kind: .name, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 91, column: 9)),
                ],
            references: [],
            files: [],
            columns: [
                    PersonalColumn(column: "name", erasure: .retain(basis: "Art. 17(3)(b): invoices must name the customer (tax law)", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 95, column: 9)),
                    PersonalColumn(column: "registration_no", erasure: .retain(basis: "Art. 17(3)(b): telecom regulation and tax law", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 97, column: 9)),
                    PersonalColumn(column: "vat_no", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the VAT number (tax law)", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 99, column: 9)),
                    PersonalColumn(column: "address", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the address (tax law)", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 101, column: 9)),
                    PersonalColumn(column: "postcode", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the address (tax law)", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 103, column: 9)),
                    PersonalColumn(column: "city", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the address (tax law)", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 105, column: 9)),
                    PersonalColumn(column: "iban", erasure: .setNull, rectifiable: true, retention: nil, location: MapLocation(line: 107, column: 9)),
                ],
            label: LocalizedText([.english: "Customer account", .dutch: "Klantaccount", .bulgarian: "Клиентски профил"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Customer no.", .dutch: "Klantnummer", .bulgarian: "Клиентски номер"]), format: .text, location: MapLocation(line: 71, column: 9)),
                    DisplayColumn(column: "name", label: LocalizedText([.english: "Name", .dutch: "Naam", .bulgarian: "Име"]), format: .text, location: MapLocation(line: 72, column: 9)),
                    DisplayColumn(column: "registration_no", label: LocalizedText([.english: "Registration no.", .dutch: "Inschrijvingsnummer", .bulgarian: "Регистрационен номер"]), format: .text, location: MapLocation(line: 73, column: 9)),
                    DisplayColumn(column: "vat_no", label: LocalizedText([.english: "VAT no.", .dutch: "Btw-nummer", .bulgarian: "ДДС номер"]), format: .text, location: MapLocation(line: 75, column: 9)),
                    DisplayColumn(column: "address", label: LocalizedText([.english: "Address", .dutch: "Adres", .bulgarian: "Адрес"]), format: .text, location: MapLocation(line: 76, column: 9)),
                    DisplayColumn(column: "postcode", label: LocalizedText([.english: "Postcode", .dutch: "Postcode", .bulgarian: "Пощенски код"]), format: .text, location: MapLocation(line: 77, column: 9)),
                    DisplayColumn(column: "city", label: LocalizedText([.english: "City", .dutch: "Plaats", .bulgarian: "Град"]), format: .text, location: MapLocation(line: 78, column: 9)),
                    DisplayColumn(column: "country", label: LocalizedText([.english: "Country", .dutch: "Land", .bulgarian: "Държава"]), format: .text, location: MapLocation(line: 79, column: 9)),
                    DisplayColumn(column: "iban", label: LocalizedText([.english: "IBAN", .dutch: "IBAN", .bulgarian: "IBAN"]), format: .text, location: MapLocation(line: 80, column: 9)),
                    DisplayColumn(column: "created_at", label: LocalizedText([.english: "Customer since", .dutch: "Klant sinds", .bulgarian: "Клиент от"]), format: .date, location: MapLocation(line: 81, column: 9)),
                ],
            portability: .portable(except: []),
            transfers: [],
            location: MapLocation(line: 64, column: 3)),
        TableMap(
            name: "contacts", primaryKey: "id", holds: .person,
            purpose: "The people a customer names as owner, billing or technical contact: managing the account, support, and sending invoices and notices.",
            legalBasis: "Art. 6(1)(b) GDPR for sole traders; Art. 6(1)(f) GDPR (legitimate interest in reaching the customer's representatives) for contacts of organisations.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "While the customer's account is active; removed when the customer replaces the contact.", days: nil, from: nil, daysColumn: nil, then: nil, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "identification data (name)",
                    "contact data (e-mail address, phone number)",
                    "role at the customer",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 132, column: 9)),
                    IdentifierColumn(column: "email", kind: .email, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 133, column: 9)),
                    IdentifierColumn(column: "phone", kind: .phone, addressList: false, country: .reference(via: [
                    "customer_id",
                ], column: "country"), relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 134, column: 9)),
                    IdentifierColumn(column: "full_name", kind: .name, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 135, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .related, children: .none, location: MapLocation(line: 137, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "full_name", erasure: .deleteRow, rectifiable: true, retention: nil, location: MapLocation(line: 140, column: 9)),
                    PersonalColumn(column: "email", erasure: .deleteRow, rectifiable: true, retention: nil, location: MapLocation(line: 141, column: 9)),
                    PersonalColumn(column: "phone", erasure: .deleteRow, rectifiable: true, retention: nil, location: MapLocation(line: 142, column: 9)),
                    PersonalColumn(column: "role", erasure: .deleteRow, rectifiable: true, retention: nil, location: MapLocation(line: 143, column: 9)),
                ],
            label: LocalizedText([.english: "Contact person", .dutch: "Contactpersoon", .bulgarian: "Лице за контакт"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Ref.", .dutch: "Ref.", .bulgarian: "Реф."]), format: .text, location: MapLocation(line: 115, column: 9)),
                    DisplayColumn(column: "customer_id", label: LocalizedText([.english: "Customer no.", .dutch: "Klantnummer", .bulgarian: "Клиентски номер"]), format: .text, location: MapLocation(line: 116, column: 9)),
                    DisplayColumn(column: "full_name", label: LocalizedText([.english: "Name", .dutch: "Naam", .bulgarian: "Име"]), format: .text, location: MapLocation(line: 117, column: 9)),
                    DisplayColumn(column: "email", label: LocalizedText([.english: "E-mail", .dutch: "E-mail", .bulgarian: "Имейл"]), format: .text, location: MapLocation(line: 118, column: 9)),
                    DisplayColumn(column: "phone", label: LocalizedText([.english: "Phone", .dutch: "Telefoon", .bulgarian: "Телефон"]), format: .text, location: MapLocation(line: 119, column: 9)),
                    DisplayColumn(column: "role", label: LocalizedText([.english: "Role", .dutch: "Rol", .bulgarian: "Роля"]), format: .text, location: MapLocation(line: 120, column: 9)),
                    DisplayColumn(column: "created_at", label: LocalizedText([.english: "Added on", .dutch: "Toegevoegd op", .bulgarian: "Добавен на"]), format: .date, location: MapLocation(line: 121, column: 9)),
                ],
            portability: .portable(except: []),
            transfers: [],
            location: MapLocation(line: 108, column: 3)),
        TableMap(
            name: "orders", primaryKey: "id", holds: .record,
            purpose: "Orders of service numbers: the contract, the identification the national telecom regulator requires, and fraud prevention (the IP address the order came from).",
            legalBasis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(c) GDPR: telecom regulation; Art. 6(1)(f) GDPR: legitimate interest in preventing fraud (the IP address).",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "For the duration of the contract, then 7 years for tax and bookkeeping law; the IP address for 1 year after the order, against fraud.", days: nil, from: nil, daysColumn: nil, then: nil, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "contract data (numbers ordered, dates, status)",
                    "identification data the regulator requires (date of birth, ID document number)",
                    "online identifier (IP address of the order)",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 175, column: 9)),
                    IdentifierColumn(column: "ip_address", kind: .ip, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: true, location: MapLocation(line: 178, column: 9)),
                    IdentifierColumn(column: "service_number", kind: .phone, addressList: false, country: .column("country"), relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 179, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .related, children: .none, location: MapLocation(line: 181, column: 9)),
                    Reference(column: "contact_id", table: "contacts", targetColumn: "id", parent: .none, children: .owned, location: MapLocation(line: 182, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "ip_address", erasure: .retain(basis: "Art. 17(3)(e): establishment and defence of legal claims (fraud prevention)", until: .days(365, from: "ordered_at")), rectifiable: false, retention: ColumnRetention(days: 365, from: "ordered_at", then: .setNull), location: MapLocation(line: 185, column: 9)),
                    PersonalColumn(column: "regulator_info", erasure: .retain(basis: "Art. 17(3)(b): identification the national telecom regulator requires while the number is assigned", until: .tableRetention), rectifiable: true, retention: nil, location: MapLocation(line: 188, column: 9)),
                    PersonalColumn(column: "service_number", erasure: .retain(basis: "Art. 17(3)(b): the order is the record of the contract (tax and bookkeeping law)", until: .tableRetention), rectifiable: false, retention: nil, location: MapLocation(line: 190, column: 9)),
                    PersonalColumn(column: "contact_id", erasure: .setNull, rectifiable: false, retention: nil, location: MapLocation(line: 192, column: 9)),
                ],
            label: LocalizedText([.english: "Orders", .dutch: "Bestellingen", .bulgarian: "Поръчки"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Order no.", .dutch: "Ordernummer", .bulgarian: "Номер на поръчка"]), format: .text, location: MapLocation(line: 151, column: 9)),
                    DisplayColumn(column: "customer_id", label: nil, format: .hidden, location: MapLocation(line: 152, column: 9)),
                    DisplayColumn(column: "contact_id", label: nil, format: .hidden, location: MapLocation(line: 153, column: 9)),
                    DisplayColumn(column: "service_number", label: LocalizedText([.english: "Number ordered", .dutch: "Besteld nummer", .bulgarian: "Поръчан номер"]), format: .text, location: MapLocation(line: 154, column: 9)),
                    DisplayColumn(column: "number_type", label: LocalizedText([.english: "Type of number", .dutch: "Soort nummer", .bulgarian: "Вид номер"]), format: .text, location: MapLocation(line: 155, column: 9)),
                    DisplayColumn(column: "country", label: LocalizedText([.english: "Country", .dutch: "Land", .bulgarian: "Държава"]), format: .text, location: MapLocation(line: 156, column: 9)),
                    DisplayColumn(column: "ordered_at", label: LocalizedText([.english: "Ordered on", .dutch: "Besteld op", .bulgarian: "Поръчано на"]), format: .dateTime, location: MapLocation(line: 157, column: 9)),
                    DisplayColumn(column: "ip_address", label: LocalizedText([.english: "IP address", .dutch: "IP-adres", .bulgarian: "IP адрес"]), format: .text, location: MapLocation(line: 159, column: 9)),
                    DisplayColumn(column: "regulator_info", label: LocalizedText([.english: "Identification for the regulator", .dutch: "Identificatie voor de toezichthouder", .bulgarian: "Идентификация за регулатора"]), format: .text, location: MapLocation(line: 160, column: 9)),
                    DisplayColumn(column: "status", label: LocalizedText([.english: "Status", .dutch: "Status", .bulgarian: "Статус"]), format: .text, location: MapLocation(line: 162, column: 9)),
                ],
            portability: .portable(except: ["ip_address", "regulator_info"]),
            transfers: [],
            location: MapLocation(line: 144, column: 3)),
        TableMap(
            name: "service_numbers", primaryKey: "number", holds: .record,
            purpose: "The service numbers a customer holds: routing calls to the owner's phone, and the owner's recording and voicemail settings.",
            legalBasis: "Art. 6(1)(b) GDPR: performance of the contract with the number owner.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "While the number is assigned, then 7 years for tax and bookkeeping law.", days: nil, from: nil, daysColumn: nil, then: nil, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "contract data (numbers held, dates)",
                    "contact data (phone number calls are forwarded to)",
                    "recording and voicemail settings",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 220, column: 9)),
                    IdentifierColumn(column: "forward_to", kind: .phone, addressList: false, country: .reference(via: [
                    "customer_id",
                ], column: "country"), relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 221, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .related, children: .none, location: MapLocation(line: 223, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "forward_to", erasure: .setNull, rectifiable: true, retention: nil, location: MapLocation(line: 226, column: 9)),
                ],
            label: LocalizedText([.english: "Service numbers", .dutch: "Servicenummers", .bulgarian: "Сервизни номера"]),
            display: [
                    DisplayColumn(column: "number", label: LocalizedText([.english: "Number", .dutch: "Nummer", .bulgarian: "Номер"]), format: .text, location: MapLocation(line: 200, column: 9)),
                    DisplayColumn(column: "customer_id", label: nil, format: .hidden, location: MapLocation(line: 201, column: 9)),
                    DisplayColumn(column: "forward_to", label: LocalizedText([.english: "Forwarded to", .dutch: "Doorgeschakeld naar", .bulgarian: "Пренасочва към"]), format: .text, location: MapLocation(line: 202, column: 9)),
                    DisplayColumn(column: "recording_enabled", label: LocalizedText([.english: "Recording on", .dutch: "Opnemen aan", .bulgarian: "Записване включено"]), format: .yesNo, location: MapLocation(line: 203, column: 9)),
                    DisplayColumn(column: "recording_retention_days", label: LocalizedText([.english: "Recordings kept (days)", .dutch: "Opnamen bewaard (dagen)", .bulgarian: "Записите се пазят (дни)"]), format: .text, location: MapLocation(line: 205, column: 9)),
                    DisplayColumn(column: "voicemail_enabled", label: LocalizedText([.english: "Voicemail on", .dutch: "Voicemail aan", .bulgarian: "Гласова поща включена"]), format: .yesNo, location: MapLocation(line: 207, column: 9)),
                    DisplayColumn(column: "active_from", label: LocalizedText([.english: "Active from", .dutch: "Actief vanaf", .bulgarian: "Активен от"]), format: .date, location: MapLocation(line: 209, column: 9)),
                    DisplayColumn(column: "active_until", label: LocalizedText([.english: "Active until", .dutch: "Actief tot", .bulgarian: "Активен до"]), format: .date, location: MapLocation(line: 210, column: 9)),
                ],
            portability: .portable(except: []),
            transfers: [],
            location: MapLocation(line: 193, column: 3)),
        TableMap(
            name: "invoices", primaryKey: "id", holds: .record,
            purpose: "Invoices for service numbers and their use.",
            legalBasis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(c) GDPR: tax and bookkeeping law.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "7 years after issue (tax and bookkeeping law).", days: 2555, from: "issued_at", daysColumn: nil, then: .deleteRow, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "invoicing data (period, amounts)",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 246, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .none, children: .none, location: MapLocation(line: 248, column: 9)),
                ],
            files: [],
            columns: [],
            label: LocalizedText([.english: "Invoices", .dutch: "Facturen", .bulgarian: "Фактури"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Invoice no.", .dutch: "Factuurnummer", .bulgarian: "Номер на фактура"]), format: .text, location: MapLocation(line: 233, column: 9)),
                    DisplayColumn(column: "customer_id", label: nil, format: .hidden, location: MapLocation(line: 234, column: 9)),
                    DisplayColumn(column: "period", label: LocalizedText([.english: "Period", .dutch: "Periode", .bulgarian: "Период"]), format: .text, location: MapLocation(line: 235, column: 9)),
                    DisplayColumn(column: "issued_at", label: LocalizedText([.english: "Issued on", .dutch: "Uitgegeven op", .bulgarian: "Издадена на"]), format: .date, location: MapLocation(line: 236, column: 9)),
                    DisplayColumn(column: "total_cents", label: LocalizedText([.english: "Total", .dutch: "Totaal", .bulgarian: "Общо"]), format: .cents(currency: "EUR"), location: MapLocation(line: 237, column: 9)),
                ],
            portability: .none,
            transfers: [],
            location: MapLocation(line: 227, column: 3)),
        TableMap(
            name: "cdrs", primaryKey: "id", holds: .record,
            purpose: "Call detail records: routing and invoicing calls, the owner's call history, and handling complaints and fraud.",
            legalBasis: "Art. 6(1)(b) and (c) GDPR with Art. 6(2) of the ePrivacy Directive 2002/58/EC: traffic data processed for invoicing, until the bill can no longer be challenged.",
            role: .controller, recipients: [
                    "the number owner (call history; a caller who withheld their number is never shown)",
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "Usage data (caller number unless withheld, date and time, duration, number forwarded to) is kept for invoicing: 400 days from the call; a call whose recording or voicemail is still kept stays without the caller's number and the number forwarded to.", days: 400, from: "started_at", daysColumn: nil, then: .deleteRow, whileReferencedBy: [
                    "recordings",
                    "voicemails",
                ], thenReferenced: .pseudonymise, alsoPurge: []),
            categories: [
                    "traffic data (caller number, date and time, duration, number forwarded to)",
                    "charges",
                ],
            identifiers: [
                    IdentifierColumn(column: "caller_number", kind: .phone, addressList: false, country: .phonePrefix(column: "service_number"), relation: .subject, maskForOthers: true, withheldFlag: "caller_withheld", learn: false, location: MapLocation(line: 284, column: 9)),
                    IdentifierColumn(column: "forwarded_to", kind: .phone, addressList: false, country: .reference(via: [
                    "service_number",
                    "customer_id",
                ], column: "country"), relation: .related, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 286, column: 9)),
                ],
            references: [
                    Reference(column: "service_number", table: "service_numbers", targetColumn: "number", parent: .none, children: .related, location: MapLocation(line: 289, column: 9)),
                    Reference(column: "invoice_id", table: "invoices", targetColumn: "id", parent: .none, children: .none, location: MapLocation(line: 290, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "caller_number", erasure: .pseudonymise, rectifiable: false, retention: nil, location: MapLocation(line: 293, column: 9)),
                    PersonalColumn(column: "started_at", erasure: .retain(basis: "Art. 17(3)(b): invoicing and tax law", until: .tableRetention), rectifiable: false, retention: nil, location: MapLocation(line: 294, column: 9)),
                    PersonalColumn(column: "duration_s", erasure: .retain(basis: "Art. 17(3)(b): invoicing and tax law", until: .tableRetention), rectifiable: false, retention: nil, location: MapLocation(line: 296, column: 9)),
                    PersonalColumn(column: "forwarded_to", erasure: .retain(basis: "Art. 17(3)(b): invoicing the number owner for forwarded calls", until: .tableRetention), rectifiable: false, retention: nil, location: MapLocation(line: 298, column: 9)),
                    PersonalColumn(column: "charge_cents", erasure: .retain(basis: "Art. 17(3)(b): invoicing and tax law", until: .tableRetention), rectifiable: false, retention: nil, location: MapLocation(line: 300, column: 9)),
                ],
            label: LocalizedText([.english: "Calls", .dutch: "Gesprekken", .bulgarian: "Обаждания"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Ref.", .dutch: "Ref.", .bulgarian: "Реф."]), format: .text, location: MapLocation(line: 258, column: 9)),
                    DisplayColumn(column: "service_number", label: LocalizedText([.english: "Number called", .dutch: "Gebeld nummer", .bulgarian: "Набран номер"]), format: .text, location: MapLocation(line: 259, column: 9)),
                    DisplayColumn(column: "caller_number", label: LocalizedText([.english: "Calling number", .dutch: "Nummer van de beller", .bulgarian: "Номер на обаждащия се"]), format: .text, location: MapLocation(line: 260, column: 9)),
                    DisplayColumn(column: "caller_withheld", label: LocalizedText([.english: "Number withheld", .dutch: "Nummer afgeschermd", .bulgarian: "Скрит номер"]), format: .yesNo, location: MapLocation(line: 262, column: 9)),
                    DisplayColumn(column: "started_at", label: LocalizedText([.english: "Date and time", .dutch: "Datum en tijd", .bulgarian: "Дата и час"]), format: .dateTime, location: MapLocation(line: 264, column: 9)),
                    DisplayColumn(column: "duration_s", label: LocalizedText([.english: "Duration", .dutch: "Duur", .bulgarian: "Продължителност"]), format: .duration, location: MapLocation(line: 266, column: 9)),
                    DisplayColumn(column: "forwarded_to", label: LocalizedText([.english: "Forwarded to", .dutch: "Doorgeschakeld naar", .bulgarian: "Пренасочено към"]), format: .text, location: MapLocation(line: 267, column: 9)),
                    DisplayColumn(column: "charge_cents", label: LocalizedText([.english: "Charge", .dutch: "Kosten", .bulgarian: "Такса"]), format: .cents(currency: "EUR"), location: MapLocation(line: 268, column: 9)),
                    DisplayColumn(column: "invoice_id", label: nil, format: .hidden, location: MapLocation(line: 269, column: 9)),
                ],
            portability: .portable(except: []),
            transfers: [],
            location: MapLocation(line: 251, column: 3)),
        TableMap(
            name: "recordings", primaryKey: "id", holds: .record,
            purpose: "Call recordings made for the number owner, who switched recording on and decides how long they are kept; we store them on the owner's behalf.",
            legalBasis: "Art. 28 GDPR: processed on behalf of the number owner, the controller, who determines the legal basis for recording.",
            role: .processor, recipients: [
                    "the number owner (the controller we process for)",
                ],
            retention: Retention(rule: "As long as the number owner set for the number, counted from the recording.", days: nil, from: "recorded_at", daysColumn: ColumnPath(via: [
                    "cdr_id",
                    "service_number",
                ], column: "recording_retention_days"), then: .deleteRow, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "voice recordings of calls (content of communications)",
                ],
            identifiers: [],
            references: [
                    Reference(column: "cdr_id", table: "cdrs", targetColumn: "id", parent: .none, children: .owned, location: MapLocation(line: 327, column: 9)),
                ],
            files: [
                    FileColumn(column: "file_path", format: .audio, card: [ColumnPath(via: [], column: "recorded_at"), ColumnPath(via: ["cdr_id"], column: "service_number"), ColumnPath(via: [], column: "duration_s")], retention: nil, location: MapLocation(line: 329, column: 9)),
                ],
            columns: [
                    PersonalColumn(column: "file_path", erasure: .deleteRow, rectifiable: false, retention: nil, location: MapLocation(line: 332, column: 9)),
                ],
            label: LocalizedText([.english: "Call recordings", .dutch: "Gespreksopnamen", .bulgarian: "Записи на разговори"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Ref.", .dutch: "Ref.", .bulgarian: "Реф."]), format: .text, location: MapLocation(line: 308, column: 9)),
                    DisplayColumn(column: "cdr_id", label: LocalizedText([.english: "Call", .dutch: "Gesprek", .bulgarian: "Обаждане"]), format: .text, location: MapLocation(line: 309, column: 9)),
                    DisplayColumn(column: "file_path", label: nil, format: .hidden, location: MapLocation(line: 310, column: 9)),
                    DisplayColumn(column: "recorded_at", label: LocalizedText([.english: "Recorded on", .dutch: "Opgenomen op", .bulgarian: "Записано на"]), format: .dateTime, location: MapLocation(line: 311, column: 9)),
                    DisplayColumn(column: "duration_s", label: LocalizedText([.english: "Duration", .dutch: "Duur", .bulgarian: "Продължителност"]), format: .duration, location: MapLocation(line: 313, column: 9)),
                    DisplayColumn(column: "sha256", label: nil, format: .hidden, location: MapLocation(line: 314, column: 9)),
                ],
            portability: .none,
            transfers: [],
            location: MapLocation(line: 302, column: 3)),
        TableMap(
            name: "emails", primaryKey: "id", holds: .record,
            purpose: "Correspondence with customers and callers (support, complaints), and copies of the voicemail notifications sent to number owners.",
            legalBasis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(f) GDPR: legitimate interest in handling complaints and keeping a record of correspondence.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "2 years after the message was sent or received.", days: 730, from: "sent_at", daysColumn: nil, then: .deleteRow, whileReferencedBy: [], thenReferenced: nil, alsoPurge: []),
            categories: [
                    "contact data (e-mail addresses, names)",
                    "content of correspondence",
                    "voice messages attached to voicemail notifications",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 361, column: 9)),
                    IdentifierColumn(column: "from_addr", kind: .email, addressList: true, country: nil, relation: .subject, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 362, column: 9)),
                    IdentifierColumn(column: "to_addrs", kind: .email, addressList: true, country: nil, relation: .subject, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 363, column: 9)),
                    IdentifierColumn(column: "cc_addrs", kind: .email, addressList: true, country: nil, relation: .subject, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 364, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .none, children: .none, location: MapLocation(line: 368, column: 9)),
                ],
            files: [
                    FileColumn(column: "file_path", format: .email, card: [ColumnPath(via: [], column: "sent_at"), ColumnPath(via: [], column: "subject")], retention: nil, location: MapLocation(line: 370, column: 9)),
                ],
            columns: [
                    PersonalColumn(column: "from_addr", erasure: .deleteRow, rectifiable: false, retention: nil, location: MapLocation(line: 376, column: 9)),
                    PersonalColumn(column: "to_addrs", erasure: .redact, rectifiable: false, retention: nil, location: MapLocation(line: 377, column: 9)),
                    PersonalColumn(column: "cc_addrs", erasure: .redact, rectifiable: false, retention: nil, location: MapLocation(line: 378, column: 9)),
                    PersonalColumn(column: "subject", erasure: .redact, rectifiable: false, retention: nil, location: MapLocation(line: 379, column: 9)),
                    PersonalColumn(column: "file_path", erasure: .deleteRow, rectifiable: false, retention: nil, location: MapLocation(line: 380, column: 9)),
                ],
            label: LocalizedText([.english: "E-mails", .dutch: "E-mails", .bulgarian: "Имейли"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Ref.", .dutch: "Ref.", .bulgarian: "Реф."]), format: .text, location: MapLocation(line: 340, column: 9)),
                    DisplayColumn(column: "message_id", label: nil, format: .hidden, location: MapLocation(line: 341, column: 9)),
                    DisplayColumn(column: "direction", label: LocalizedText([.english: "Direction", .dutch: "Richting", .bulgarian: "Посока"]), format: .text, location: MapLocation(line: 342, column: 9)),
                    DisplayColumn(column: "from_addr", label: LocalizedText([.english: "From", .dutch: "Van", .bulgarian: "От"]), format: .mailHeader, location: MapLocation(line: 343, column: 9)),
                    DisplayColumn(column: "to_addrs", label: LocalizedText([.english: "To", .dutch: "Aan", .bulgarian: "До"]), format: .mailHeader, location: MapLocation(line: 344, column: 9)),
                    DisplayColumn(column: "cc_addrs", label: LocalizedText([.english: "Cc", .dutch: "Cc", .bulgarian: "Копие"]), format: .mailHeader, location: MapLocation(line: 345, column: 9)),
                    DisplayColumn(column: "subject", label: LocalizedText([.english: "Subject", .dutch: "Onderwerp", .bulgarian: "Тема"]), format: .mailHeader, location: MapLocation(line: 346, column: 9)),
                    DisplayColumn(column: "sent_at", label: LocalizedText([.english: "Sent on", .dutch: "Verzonden op", .bulgarian: "Изпратено на"]), format: .dateTime, location: MapLocation(line: 347, column: 9)),
                    DisplayColumn(column: "customer_id", label: nil, format: .hidden, location: MapLocation(line: 348, column: 9)),
                    DisplayColumn(column: "file_path", label: nil, format: .hidden, location: MapLocation(line: 349, column: 9)),
                ],
            portability: .portable(except: []),
            transfers: [],
            location: MapLocation(line: 333, column: 3)),
        TableMap(
            name: "voicemails", primaryKey: "id", holds: .record,
            purpose: "Voicemail messages left for the number owner: e-mailed to the owner, then the audio is deleted.",
            legalBasis: "Art. 28 GDPR: processed on behalf of the number owner, the controller.",
            role: .processor, recipients: [
                    "the number owner, by e-mail (the controller we process for)",
                ],
            retention: Retention(rule: "The audio is deleted once it has been e-mailed to the number owner; the row without audio is kept as long as the call record, 400 days; its notification e-mail goes with it.", days: 400, from: "received_at", daysColumn: nil, then: .deleteRow, whileReferencedBy: [], thenReferenced: nil, alsoPurge: [
                    "email_id",
                ]),
            categories: [
                    "voice messages (content of communications)",
                ],
            identifiers: [],
            references: [
                    Reference(column: "cdr_id", table: "cdrs", targetColumn: "id", parent: .none, children: .owned, location: MapLocation(line: 408, column: 9)),
                    Reference(column: "email_id", table: "emails", targetColumn: "id", parent: .owned, children: .none, location: MapLocation(line: 409, column: 9)),
                ],
            files: [
                    FileColumn(column: "file_path", format: .audio, card: [ColumnPath(via: [], column: "received_at"), ColumnPath(via: ["cdr_id"], column: "service_number")], retention: FileRetention(untilSet: "emailed_at", then: .delete), location: MapLocation(line: 411, column: 9)),
                ],
            columns: [
                    PersonalColumn(column: "file_path", erasure: .deleteRow, rectifiable: false, retention: nil, location: MapLocation(line: 414, column: 9)),
                ],
            label: LocalizedText([.english: "Voice messages", .dutch: "Voicemailberichten", .bulgarian: "Гласови съобщения"]),
            display: [
                    DisplayColumn(column: "id", label: LocalizedText([.english: "Ref.", .dutch: "Ref.", .bulgarian: "Реф."]), format: .text, location: MapLocation(line: 387, column: 9)),
                    DisplayColumn(column: "cdr_id", label: LocalizedText([.english: "Call", .dutch: "Gesprek", .bulgarian: "Обаждане"]), format: .text, location: MapLocation(line: 388, column: 9)),
                    DisplayColumn(column: "file_path", label: nil, format: .hidden, location: MapLocation(line: 389, column: 9)),
                    DisplayColumn(column: "received_at", label: LocalizedText([.english: "Received on", .dutch: "Ontvangen op", .bulgarian: "Получено на"]), format: .dateTime, location: MapLocation(line: 390, column: 9)),
                    DisplayColumn(column: "emailed_at", label: LocalizedText([.english: "E-mailed on", .dutch: "Gemaild op", .bulgarian: "Изпратено по имейл на"]), format: .dateTime, location: MapLocation(line: 392, column: 9)),
                    DisplayColumn(column: "email_id", label: nil, format: .hidden, location: MapLocation(line: 394, column: 9)),
                ],
            portability: .none,
            transfers: [],
            location: MapLocation(line: 381, column: 3)),
    ])
}
