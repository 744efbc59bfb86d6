import DSRKit

extension DemoSchema {
    /// The reference schema in PostgreSQL types (CONTRACT.md section 9), in ``tables`` order:
    /// `bigint` keys and amounts, `integer` flags and durations, `timestamptz` for every time
    /// stamp (read back as the same ISO text), `text` for the rest; same names, NOT NULL,
    /// primary and foreign keys as ``statements``.
    static let postgresStatements = [
        """
        CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, registration_no text, vat_no text, \
        address text, postcode text, city text, country text NOT NULL, iban text, created_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE contacts (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), \
        full_name text NOT NULL, email text, phone text, role text, created_at timestamptz NOT NULL)
        """,
        """
        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), \
        contact_id bigint REFERENCES contacts(id), service_number text NOT NULL, number_type text NOT NULL, \
        country text NOT NULL, ordered_at timestamptz NOT NULL, ip_address text, regulator_info text, \
        status text NOT NULL)
        """,
        """
        CREATE TABLE service_numbers (number text PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), \
        forward_to text, recording_enabled integer NOT NULL, recording_retention_days integer, \
        voicemail_enabled integer NOT NULL, active_from timestamptz NOT NULL, active_until timestamptz)
        """,
        """
        CREATE TABLE invoices (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers(id), \
        period text, issued_at timestamptz NOT NULL, total_cents bigint NOT NULL)
        """,
        """
        CREATE TABLE cdrs (id bigint PRIMARY KEY, service_number text NOT NULL REFERENCES service_numbers(number), \
        caller_number text, caller_withheld integer NOT NULL, started_at timestamptz NOT NULL, \
        duration_s integer NOT NULL, forwarded_to text, charge_cents bigint, invoice_id bigint REFERENCES invoices(id))
        """,
        """
        CREATE TABLE recordings (id bigint PRIMARY KEY, cdr_id bigint NOT NULL REFERENCES cdrs(id), \
        file_path text NOT NULL, recorded_at timestamptz NOT NULL, duration_s integer, sha256 text)
        """,
        """
        CREATE TABLE emails (id bigint PRIMARY KEY, message_id text, direction text NOT NULL, from_addr text NOT NULL, \
        to_addrs text NOT NULL, cc_addrs text, subject text, sent_at timestamptz NOT NULL, \
        customer_id bigint REFERENCES customers(id), file_path text NOT NULL)
        """,
        """
        CREATE TABLE voicemails (id bigint PRIMARY KEY, cdr_id bigint NOT NULL REFERENCES cdrs(id), file_path text, \
        received_at timestamptz NOT NULL, emailed_at timestamptz, email_id bigint REFERENCES emails(id))
        """,
    ]

    /// The tables as ``PostgresLoader`` creates and fills them.
    static var postgresTables: [PostgresLoader.Table] {
        zip(tables, postgresStatements).map { PostgresLoader.Table(name: $0, create: $1) }
    }
}
