import DSRKit

/// The reference schema of CONTRACT.md section 2, verbatim: names, types, NOT NULL,
/// primary keys and foreign keys; no other indexes (the database is not ours to index).
enum DemoSchema {
    /// Table names in creation (and foreign-key) order.
    static let tables = [
        "customers", "contacts", "orders", "service_numbers", "invoices", "cdrs",
        "recordings", "emails", "voicemails",
    ]

    /// The CREATE TABLE statements, in ``tables`` order.
    static let statements = [
        """
        CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, \
        registration_no TEXT, vat_no TEXT, address TEXT, postcode TEXT, city TEXT, \
        country TEXT NOT NULL, iban TEXT, created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE contacts (id INTEGER PRIMARY KEY, \
        customer_id INTEGER NOT NULL REFERENCES customers(id), full_name TEXT NOT NULL, \
        email TEXT, phone TEXT, role TEXT, created_at TEXT NOT NULL)
        """,
        """
        CREATE TABLE orders (id INTEGER PRIMARY KEY, \
        customer_id INTEGER NOT NULL REFERENCES customers(id), \
        contact_id INTEGER REFERENCES contacts(id), service_number TEXT NOT NULL, \
        number_type TEXT NOT NULL, country TEXT NOT NULL, ordered_at TEXT NOT NULL, \
        ip_address TEXT, regulator_info TEXT, status TEXT NOT NULL)
        """,
        """
        CREATE TABLE service_numbers (number TEXT PRIMARY KEY, \
        customer_id INTEGER NOT NULL REFERENCES customers(id), forward_to TEXT, \
        recording_enabled INTEGER NOT NULL, recording_retention_days INTEGER, \
        voicemail_enabled INTEGER NOT NULL, active_from TEXT NOT NULL, active_until TEXT)
        """,
        """
        CREATE TABLE invoices (id INTEGER PRIMARY KEY, \
        customer_id INTEGER NOT NULL REFERENCES customers(id), period TEXT, \
        issued_at TEXT NOT NULL, total_cents INTEGER NOT NULL)
        """,
        """
        CREATE TABLE cdrs (id INTEGER PRIMARY KEY, \
        service_number TEXT NOT NULL REFERENCES service_numbers(number), \
        caller_number TEXT, caller_withheld INTEGER NOT NULL, started_at TEXT NOT NULL, \
        duration_s INTEGER NOT NULL, forwarded_to TEXT, charge_cents INTEGER, \
        invoice_id INTEGER REFERENCES invoices(id))
        """,
        """
        CREATE TABLE recordings (id INTEGER PRIMARY KEY, \
        cdr_id INTEGER NOT NULL REFERENCES cdrs(id), file_path TEXT NOT NULL, \
        recorded_at TEXT NOT NULL, duration_s INTEGER, sha256 TEXT)
        """,
        """
        CREATE TABLE emails (id INTEGER PRIMARY KEY, message_id TEXT, \
        direction TEXT NOT NULL, from_addr TEXT NOT NULL, to_addrs TEXT NOT NULL, \
        cc_addrs TEXT, subject TEXT, sent_at TEXT NOT NULL, \
        customer_id INTEGER REFERENCES customers(id), file_path TEXT NOT NULL)
        """,
        """
        CREATE TABLE voicemails (id INTEGER PRIMARY KEY, \
        cdr_id INTEGER NOT NULL REFERENCES cdrs(id), file_path TEXT, \
        received_at TEXT NOT NULL, emailed_at TEXT, email_id INTEGER REFERENCES emails(id))
        """,
    ]
}
