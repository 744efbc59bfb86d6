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
            retention: Retention(rule: "For the duration of the contract, then 7 years for tax and bookkeeping law.", days: nil, from: nil, daysColumn: nil),
            categories: [
                    "identification data (name of the sole trader or organisation, registration and VAT numbers)",
                    "contact data (postal address)",
                    "payment data (IBAN)",
                ],
            identifiers: [
                    IdentifierColumn(column: "id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 52, column: 9)),
                    IdentifierColumn(column: "name", kind: .name, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 53, column: 9)),
                ],
            references: [],
            files: [],
            columns: [
                    PersonalColumn(column: "name", erasure: .retain(basis: "Art. 17(3)(b): invoices must name the customer (tax law)", until: .tableRetention), rectifiable: true, location: MapLocation(line: 57, column: 9)),
                    PersonalColumn(column: "registration_no", erasure: .retain(basis: "Art. 17(3)(b): telecom regulation and tax law", until: .tableRetention), rectifiable: true, location: MapLocation(line: 59, column: 9)),
                    PersonalColumn(column: "vat_no", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the VAT number (tax law)", until: .tableRetention), rectifiable: true, location: MapLocation(line: 61, column: 9)),
                    PersonalColumn(column: "address", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the address (tax law)", until: .tableRetention), rectifiable: true, location: MapLocation(line: 63, column: 9)),
                    PersonalColumn(column: "postcode", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the address (tax law)", until: .tableRetention), rectifiable: true, location: MapLocation(line: 65, column: 9)),
                    PersonalColumn(column: "city", erasure: .retain(basis: "Art. 17(3)(b): invoices must state the address (tax law)", until: .tableRetention), rectifiable: true, location: MapLocation(line: 67, column: 9)),
                    PersonalColumn(column: "iban", erasure: .setNull, rectifiable: true, location: MapLocation(line: 69, column: 9)),
                ],
            location: MapLocation(line: 41, column: 3)),
        TableMap(
            name: "contacts", primaryKey: "id", holds: .person,
            purpose: "The people a customer names as owner, billing or technical contact: managing the account, support, and sending invoices and notices.",
            legalBasis: "Art. 6(1)(b) GDPR for sole traders; Art. 6(1)(f) GDPR (legitimate interest in reaching the customer's representatives) for contacts of organisations.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "While the customer's account is active; removed when the customer replaces the contact.", days: nil, from: nil, daysColumn: nil),
            categories: [
                    "identification data (name)",
                    "contact data (e-mail address, phone number)",
                    "role at the customer",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 83, column: 9)),
                    IdentifierColumn(column: "email", kind: .email, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 84, column: 9)),
                    IdentifierColumn(column: "phone", kind: .phone, addressList: false, country: .reference(via: [
                    "customer_id",
                ], column: "country"), relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 85, column: 9)),
                    IdentifierColumn(column: "full_name", kind: .name, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 86, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .related, children: .none, location: MapLocation(line: 88, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "full_name", erasure: .deleteRow, rectifiable: true, location: MapLocation(line: 91, column: 9)),
                    PersonalColumn(column: "email", erasure: .deleteRow, rectifiable: true, location: MapLocation(line: 92, column: 9)),
                    PersonalColumn(column: "phone", erasure: .deleteRow, rectifiable: true, location: MapLocation(line: 93, column: 9)),
                    PersonalColumn(column: "role", erasure: .deleteRow, rectifiable: true, location: MapLocation(line: 94, column: 9)),
                ],
            location: MapLocation(line: 70, column: 3)),
        TableMap(
            name: "orders", primaryKey: "id", holds: .record,
            purpose: "Orders of service numbers: the contract, the identification the national telecom regulator requires, and fraud prevention (the IP address the order came from).",
            legalBasis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(c) GDPR: telecom regulation; Art. 6(1)(f) GDPR: legitimate interest in preventing fraud (the IP address).",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "For the duration of the contract, then 7 years for tax and bookkeeping law; the IP address for 1 year after the order, against fraud.", days: nil, from: nil, daysColumn: nil),
            categories: [
                    "contract data (numbers ordered, dates, status)",
                    "identification data the regulator requires (date of birth, ID document number)",
                    "online identifier (IP address of the order)",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 110, column: 9)),
                    IdentifierColumn(column: "ip_address", kind: .ip, addressList: false, country: nil, relation: .subject, maskForOthers: false, withheldFlag: nil, learn: true, location: MapLocation(line: 113, column: 9)),
                    IdentifierColumn(column: "service_number", kind: .phone, addressList: false, country: .column("country"), relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 114, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .related, children: .none, location: MapLocation(line: 116, column: 9)),
                    Reference(column: "contact_id", table: "contacts", targetColumn: "id", parent: .none, children: .owned, location: MapLocation(line: 117, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "ip_address", erasure: .retain(basis: "Art. 17(3)(e): establishment and defence of legal claims (fraud prevention)", until: .days(365, from: "ordered_at")), rectifiable: false, location: MapLocation(line: 120, column: 9)),
                    PersonalColumn(column: "regulator_info", erasure: .retain(basis: "Art. 17(3)(b): identification the national telecom regulator requires while the number is assigned", until: .tableRetention), rectifiable: true, location: MapLocation(line: 122, column: 9)),
                    PersonalColumn(column: "service_number", erasure: .retain(basis: "Art. 17(3)(b): the order is the record of the contract (tax and bookkeeping law)", until: .tableRetention), rectifiable: false, location: MapLocation(line: 124, column: 9)),
                    PersonalColumn(column: "contact_id", erasure: .setNull, rectifiable: false, location: MapLocation(line: 126, column: 9)),
                ],
            location: MapLocation(line: 95, column: 3)),
        TableMap(
            name: "service_numbers", primaryKey: "number", holds: .record,
            purpose: "The service numbers a customer holds: routing calls to the owner's phone, and the owner's recording and voicemail settings.",
            legalBasis: "Art. 6(1)(b) GDPR: performance of the contract with the number owner.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "While the number is assigned, then 7 years for tax and bookkeeping law.", days: 2555, from: "active_until", daysColumn: nil),
            categories: [
                    "contract data (numbers held, dates)",
                    "contact data (phone number calls are forwarded to)",
                    "recording and voicemail settings",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 140, column: 9)),
                    IdentifierColumn(column: "forward_to", kind: .phone, addressList: false, country: .reference(via: [
                    "customer_id",
                ], column: "country"), relation: .subject, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 141, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .related, children: .none, location: MapLocation(line: 143, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "forward_to", erasure: .setNull, rectifiable: true, location: MapLocation(line: 146, column: 9)),
                ],
            location: MapLocation(line: 127, column: 3)),
        TableMap(
            name: "invoices", primaryKey: "id", holds: .record,
            purpose: "Invoices for service numbers and their use.",
            legalBasis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(c) GDPR: tax and bookkeeping law.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "7 years after issue (tax and bookkeeping law).", days: 2555, from: "issued_at", daysColumn: nil),
            categories: [
                    "invoicing data (period, amounts)",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 157, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .none, children: .none, location: MapLocation(line: 159, column: 9)),
                ],
            files: [],
            columns: [],
            location: MapLocation(line: 147, column: 3)),
        TableMap(
            name: "cdrs", primaryKey: "id", holds: .record,
            purpose: "Call detail records: routing and invoicing calls, the owner's call history, and handling complaints and fraud.",
            legalBasis: "Art. 6(1)(b) and (c) GDPR with Art. 6(2) of the ePrivacy Directive 2002/58/EC: traffic data processed for invoicing, until the bill can no longer be challenged.",
            role: .controller, recipients: [
                    "the number owner (call history; a caller who withheld their number is never shown)",
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "Usage data (caller number unless withheld, date and time, duration, number forwarded to) is kept for invoicing: 400 days from the call.", days: 400, from: "started_at", daysColumn: nil),
            categories: [
                    "traffic data (caller number, date and time, duration, number forwarded to)",
                    "charges",
                ],
            identifiers: [
                    IdentifierColumn(column: "caller_number", kind: .phone, addressList: false, country: .phonePrefix(column: "service_number"), relation: .subject, maskForOthers: true, withheldFlag: "caller_withheld", learn: false, location: MapLocation(line: 177, column: 9)),
                    IdentifierColumn(column: "forwarded_to", kind: .phone, addressList: false, country: .reference(via: [
                    "service_number",
                    "customer_id",
                ], column: "country"), relation: .related, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 179, column: 9)),
                ],
            references: [
                    Reference(column: "service_number", table: "service_numbers", targetColumn: "number", parent: .none, children: .related, location: MapLocation(line: 182, column: 9)),
                    Reference(column: "invoice_id", table: "invoices", targetColumn: "id", parent: .none, children: .none, location: MapLocation(line: 183, column: 9)),
                ],
            files: [],
            columns: [
                    PersonalColumn(column: "caller_number", erasure: .pseudonymise, rectifiable: false, location: MapLocation(line: 186, column: 9)),
                    PersonalColumn(column: "started_at", erasure: .retain(basis: "Art. 17(3)(b): invoicing and tax law", until: .tableRetention), rectifiable: false, location: MapLocation(line: 187, column: 9)),
                    PersonalColumn(column: "duration_s", erasure: .retain(basis: "Art. 17(3)(b): invoicing and tax law", until: .tableRetention), rectifiable: false, location: MapLocation(line: 189, column: 9)),
                    PersonalColumn(column: "forwarded_to", erasure: .retain(basis: "Art. 17(3)(b): invoicing the number owner for forwarded calls", until: .tableRetention), rectifiable: false, location: MapLocation(line: 191, column: 9)),
                    PersonalColumn(column: "charge_cents", erasure: .retain(basis: "Art. 17(3)(b): invoicing and tax law", until: .tableRetention), rectifiable: false, location: MapLocation(line: 193, column: 9)),
                ],
            location: MapLocation(line: 162, column: 3)),
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
                ], column: "recording_retention_days")),
            categories: [
                    "voice recordings of calls (content of communications)",
                ],
            identifiers: [],
            references: [
                    Reference(column: "cdr_id", table: "cdrs", targetColumn: "id", parent: .none, children: .owned, location: MapLocation(line: 209, column: 9)),
                ],
            files: [
                    FileColumn(column: "file_path", format: .audio, location: MapLocation(line: 211, column: 9)),
                ],
            columns: [
                    PersonalColumn(column: "file_path", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 213, column: 9)),
                ],
            location: MapLocation(line: 195, column: 3)),
        TableMap(
            name: "emails", primaryKey: "id", holds: .record,
            purpose: "Correspondence with customers and callers (support, complaints), and copies of the voicemail notifications sent to number owners.",
            legalBasis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(f) GDPR: legitimate interest in handling complaints and keeping a record of correspondence.",
            role: .controller, recipients: [
                    "police, only for complaints or fraud",
                    "network operators, only for complaints or fraud",
                ],
            retention: Retention(rule: "2 years after the message was sent or received.", days: 730, from: "sent_at", daysColumn: nil),
            categories: [
                    "contact data (e-mail addresses, names)",
                    "content of correspondence",
                    "voice messages attached to voicemail notifications",
                ],
            identifiers: [
                    IdentifierColumn(column: "customer_id", kind: .customer, addressList: false, country: nil, relation: .related, maskForOthers: false, withheldFlag: nil, learn: false, location: MapLocation(line: 227, column: 9)),
                    IdentifierColumn(column: "from_addr", kind: .email, addressList: true, country: nil, relation: .subject, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 228, column: 9)),
                    IdentifierColumn(column: "to_addrs", kind: .email, addressList: true, country: nil, relation: .subject, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 229, column: 9)),
                    IdentifierColumn(column: "cc_addrs", kind: .email, addressList: true, country: nil, relation: .subject, maskForOthers: true, withheldFlag: nil, learn: false, location: MapLocation(line: 230, column: 9)),
                ],
            references: [
                    Reference(column: "customer_id", table: "customers", targetColumn: "id", parent: .none, children: .none, location: MapLocation(line: 234, column: 9)),
                ],
            files: [
                    FileColumn(column: "file_path", format: .email, location: MapLocation(line: 236, column: 9)),
                ],
            columns: [
                    PersonalColumn(column: "from_addr", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 238, column: 9)),
                    PersonalColumn(column: "to_addrs", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 239, column: 9)),
                    PersonalColumn(column: "cc_addrs", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 240, column: 9)),
                    PersonalColumn(column: "subject", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 241, column: 9)),
                    PersonalColumn(column: "file_path", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 242, column: 9)),
                ],
            location: MapLocation(line: 214, column: 3)),
        TableMap(
            name: "voicemails", primaryKey: "id", holds: .record,
            purpose: "Voicemail messages left for the number owner: e-mailed to the owner, then the audio is deleted.",
            legalBasis: "Art. 28 GDPR: processed on behalf of the number owner, the controller.",
            role: .processor, recipients: [
                    "the number owner, by e-mail (the controller we process for)",
                ],
            retention: Retention(rule: "The audio is deleted once it has been e-mailed to the number owner; the row without audio is kept as long as the call record, 400 days.", days: 400, from: "received_at", daysColumn: nil),
            categories: [
                    "voice messages (content of communications)",
                ],
            identifiers: [],
            references: [
                    Reference(column: "cdr_id", table: "cdrs", targetColumn: "id", parent: .none, children: .owned, location: MapLocation(line: 256, column: 9)),
                    Reference(column: "email_id", table: "emails", targetColumn: "id", parent: .owned, children: .none, location: MapLocation(line: 257, column: 9)),
                ],
            files: [
                    FileColumn(column: "file_path", format: .audio, location: MapLocation(line: 259, column: 9)),
                ],
            columns: [
                    PersonalColumn(column: "file_path", erasure: .deleteRow, rectifiable: false, location: MapLocation(line: 261, column: 9)),
                ],
            location: MapLocation(line: 243, column: 3)),
    ])
}
