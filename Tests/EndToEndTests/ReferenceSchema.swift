/// CONTRACT.md section 2, written out as data: what `dsr demo` must produce exactly.
enum ReferenceSchema {
    struct Column {
        var name: String
        var type: String
        var notNull: Bool = false
        var primaryKey: Bool = false
        var references: String? = nil
    }

    static let tables: [(name: String, columns: [Column])] = [
        (
            "customers",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "name", type: "TEXT", notNull: true),
                .init(name: "registration_no", type: "TEXT"), .init(name: "vat_no", type: "TEXT"),
                .init(name: "address", type: "TEXT"), .init(name: "postcode", type: "TEXT"),
                .init(name: "city", type: "TEXT"), .init(name: "country", type: "TEXT", notNull: true),
                .init(name: "iban", type: "TEXT"), .init(name: "created_at", type: "TEXT", notNull: true),
            ]
        ),
        (
            "contacts",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "customer_id", type: "INTEGER", notNull: true, references: "customers"),
                .init(name: "full_name", type: "TEXT", notNull: true), .init(name: "email", type: "TEXT"),
                .init(name: "phone", type: "TEXT"), .init(name: "role", type: "TEXT"),
                .init(name: "created_at", type: "TEXT", notNull: true),
            ]
        ),
        (
            "orders",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "customer_id", type: "INTEGER", notNull: true, references: "customers"),
                .init(name: "contact_id", type: "INTEGER", references: "contacts"),
                .init(name: "service_number", type: "TEXT", notNull: true),
                .init(name: "number_type", type: "TEXT", notNull: true),
                .init(name: "country", type: "TEXT", notNull: true),
                .init(name: "ordered_at", type: "TEXT", notNull: true), .init(name: "ip_address", type: "TEXT"),
                .init(name: "regulator_info", type: "TEXT"), .init(name: "status", type: "TEXT", notNull: true),
            ]
        ),
        (
            "service_numbers",
            [
                .init(name: "number", type: "TEXT", primaryKey: true),
                .init(name: "customer_id", type: "INTEGER", notNull: true, references: "customers"),
                .init(name: "forward_to", type: "TEXT"),
                .init(name: "recording_enabled", type: "INTEGER", notNull: true),
                .init(name: "recording_retention_days", type: "INTEGER"),
                .init(name: "voicemail_enabled", type: "INTEGER", notNull: true),
                .init(name: "active_from", type: "TEXT", notNull: true), .init(name: "active_until", type: "TEXT"),
            ]
        ),
        (
            "invoices",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "customer_id", type: "INTEGER", notNull: true, references: "customers"),
                .init(name: "period", type: "TEXT"), .init(name: "issued_at", type: "TEXT", notNull: true),
                .init(name: "total_cents", type: "INTEGER", notNull: true),
            ]
        ),
        (
            "cdrs",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "service_number", type: "TEXT", notNull: true, references: "service_numbers"),
                .init(name: "caller_number", type: "TEXT"),
                .init(name: "caller_withheld", type: "INTEGER", notNull: true),
                .init(name: "started_at", type: "TEXT", notNull: true),
                .init(name: "duration_s", type: "INTEGER", notNull: true), .init(name: "forwarded_to", type: "TEXT"),
                .init(name: "charge_cents", type: "INTEGER"),
                .init(name: "invoice_id", type: "INTEGER", references: "invoices"),
            ]
        ),
        (
            "recordings",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "cdr_id", type: "INTEGER", notNull: true, references: "cdrs"),
                .init(name: "file_path", type: "TEXT", notNull: true),
                .init(name: "recorded_at", type: "TEXT", notNull: true), .init(name: "duration_s", type: "INTEGER"),
                .init(name: "sha256", type: "TEXT"),
            ]
        ),
        (
            "emails",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true), .init(name: "message_id", type: "TEXT"),
                .init(name: "direction", type: "TEXT", notNull: true),
                .init(name: "from_addr", type: "TEXT", notNull: true),
                .init(name: "to_addrs", type: "TEXT", notNull: true), .init(name: "cc_addrs", type: "TEXT"),
                .init(name: "subject", type: "TEXT"), .init(name: "sent_at", type: "TEXT", notNull: true),
                .init(name: "customer_id", type: "INTEGER", references: "customers"),
                .init(name: "file_path", type: "TEXT", notNull: true),
            ]
        ),
        (
            "voicemails",
            [
                .init(name: "id", type: "INTEGER", primaryKey: true),
                .init(name: "cdr_id", type: "INTEGER", notNull: true, references: "cdrs"),
                .init(name: "file_path", type: "TEXT"), .init(name: "received_at", type: "TEXT", notNull: true),
                .init(name: "emailed_at", type: "TEXT"), .init(name: "email_id", type: "INTEGER", references: "emails"),
            ]
        ),
    ]
}
