/// The data map of the reference schema (CONTRACT.md section 2), dsr's default map.
///
/// It is kept as YAML text and read by the same parser as a DPO's own map, so there is one
/// source of truth: `dsr datamap show` prints exactly ``text``, and a DPO whose schema
/// differs starts from a copy of it. Commands use its parsed form, ``compiled``
/// (`BuiltinDataMap+Compiled.swift`), generated from the text and kept equal to it by a test,
/// so that no command pays for parsing YAML that ships inside the binary.
public enum BuiltinDataMap {
    /// How messages name the built-in map instead of a file path.
    public static let name = "builtin"

    /// The built-in map, as the parser reads ``text``.
    ///
    /// - Throws: never today; kept so that callers handle maps alike.
    public static func map() throws -> DataMap { compiled }

    /// The YAML text of the built-in map; its opening comment documents the format.
    public static let text = #"""
        # dsr data map: what the operations database holds and how dsr may treat it.
        # This is the map of the reference schema; write your own when your schema differs,
        # point `datamap:` in dsr.yaml at it, and run `dsr datamap check FILE` first.
        #
        # version: 1, then `tables:`, one entry per table holding personal data:
        #   primary_key: COLUMN           the key of located records (required)
        #   holds: person | organisation | record      what one row describes (required):
        #       person: a natural person; identifiers on the subject's rows are learnt as theirs
        #       organisation: never a source of identities, never the subject's own
        #       record: an event or document that mentions people
        #   purpose, legal_basis: text    Art. 13(1)(c), Art. 6(1) (required)
        #   role: controller | processor  (required)
        #   recipients, categories: [text, ...]         Art. 15(1)(c), Art. 15(1)(b)
        #   retention: {rule: TEXT, days: N, from: COLUMN, then}   rule required (Art. 15(1)(d));
        #       or days_column: {via: [COLUMN, ...], column: COLUMN} for a period set per row (a NULL
        #       period: none set, reported by `dsr retention audit`, never purged)
        #       a rule in words alone (no days) is "not checkable by date" and never purged
        #       a row is past retention when FROM + days x 86,400 s is before --as-of at 00:00 UTC
        #       then: delete-row (default) | pseudonymise (the row's identifier columns)
        #       while_referenced_by: [TABLE, ...] with then_referenced: pseudonymise: a row past its
        #           period that a row of TABLE (which references it) still needs stays, pseudonymised
        #       also_purge: [COLUMN, ...] reference columns whose rows go with this row, so no copy
        #           outlives the only row tying it to the person
        #   identifiers: [{column, kind, address_list, country, relation, mask_for_others, withheld_flag, learn}, ...]
        #       kind: email | phone | ip | customer | name (a name alone never identifies)
        #       address_list: true for e-mail header columns (several addresses, display names)
        #       mask_for_others: true when an export must mask values that are not the subject's
        #           (Art. 15(4): a phone keeps its country code and last three digits)
        #       withheld_flag: COLUMN whose 1 means the value was withheld from the recipient:
        #           an export shows it as withheld to anyone but the subject
        #       country (phones; default `default`): NL (a constant) | default (the workspace's
        #           default_country) | {column: C} | {prefix_of: C} (the calling code of the
        #           E.164 number in C) | {via: [C, ...], column: C} (follow references hop by hop)
        #       relation: subject (default: the row is the subject's) | related (context only);
        #           a customer column defaults to related (a customer is an organisation)
        #       learn: true in a record table: a row of the subject's teaches this identifier,
        #           which is searched too (person rows teach all; organisations never teach)
        #   references: [{column, table, target, parent, children}, ...]
        #       parent: when this row is the subject's, what the referenced row is
        #       children: when the referenced row is the subject's, what this row is
        #       each: owned (the subject's too) | related (context) | none (default: not followed)
        #   files: [{column, format: audio | email, card}, ...]    paths relative to files_root
        #       card: [COLUMN | {via: [C, ...], column: C}, ...]   what the page's card of the file
        #           shows (date, number called, duration), labelled and formatted as under display
        #       retention: {until_set: COLUMN, then: delete}   the file is kept until the timestamp
        #           COLUMN is set (and before --as-of), then deleted; its column set NULL, the row stays
        #   columns: [{column, erasure, rectify}, ...]       every personal column
        #       erasure: delete-row | set-null | redact | pseudonymise | retain (Art. 17)
        #       retain needs basis: TEXT (Art. 17(3)) and until: table-retention | {days: N, from: C}
        #       rectify: true when rectification (Art. 16) may change the column (default false)
        #       retention: {days: N, from: COLUMN, then: set-null | pseudonymise}   a value kept
        #           shorter than its row (the IP address of an order)
        #   label: TEXT | {en: TEXT, nl: TEXT, bg: TEXT}    what a person calls the table (Calls)
        #   display: [{column, label, format, currency}, ...]   how the export's page shows a column:
        #       label as above; format: text (default) | date-time | date | duration (seconds as m:ss)
        #       | cents (currency: EUR, the default) | yes-no (0/1) | mail-header (RFC 2047 decoded)
        #       | hidden (left off the page); data/ in the archive always holds the exact values
        #   portable: true | false (default) | {except: [COLUMN, ...]}   what Art. 20(1) covers: data
        #       the person provided (or we observed of their use) on consent or contract
        #   transfers: [TEXT, ...]    transfers outside the EU/EEA with their safeguard (Art. 15(2));
        #       [] says there are none
        version: 1
        tables:
          customers:
            primary_key: id
            holds: organisation
            label: {en: "Customer account", nl: "Klantaccount", bg: "Клиентски профил"}
            portable: true
            transfers: []
            display:
              - {column: id, label: {en: "Customer no.", nl: "Klantnummer", bg: "Клиентски номер"}}
              - {column: name, label: {en: "Name", nl: "Naam", bg: "Име"}}
              - {column: registration_no,
                 label: {en: "Registration no.", nl: "Inschrijvingsnummer", bg: "Регистрационен номер"}}
              - {column: vat_no, label: {en: "VAT no.", nl: "Btw-nummer", bg: "ДДС номер"}}
              - {column: address, label: {en: "Address", nl: "Adres", bg: "Адрес"}}
              - {column: postcode, label: {en: "Postcode", nl: "Postcode", bg: "Пощенски код"}}
              - {column: city, label: {en: "City", nl: "Plaats", bg: "Град"}}
              - {column: country, label: {en: "Country", nl: "Land", bg: "Държава"}}
              - {column: iban, label: {en: "IBAN", nl: "IBAN", bg: "IBAN"}}
              - {column: created_at, label: {en: "Customer since", nl: "Klant sinds", bg: "Клиент от"}, format: date}
            purpose: "Customer accounts: the contract for service numbers, invoicing and payment."
            legal_basis: "Art. 6(1)(b) GDPR: performance of the contract; Art. 6(1)(c) GDPR: tax and bookkeeping law."
            role: controller
            recipients: ["police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "For the duration of the contract, then 7 years for tax and bookkeeping law."}
            categories: ["identification data (name of the sole trader or organisation, registration and VAT numbers)",
              "contact data (postal address)", "payment data (IBAN)"]
            identifiers:
              - {column: id, kind: customer, relation: related}
              - {column: name, kind: name}
            references: []
            files: []
            columns:
              - {column: name, erasure: retain, basis: "Art. 17(3)(b): invoices must name the customer (tax law)",
                 until: table-retention, rectify: true}
              - {column: registration_no, erasure: retain, basis: "Art. 17(3)(b): telecom regulation and tax law",
                 until: table-retention, rectify: true}
              - {column: vat_no, erasure: retain, basis: "Art. 17(3)(b): invoices must state the VAT number (tax law)",
                 until: table-retention, rectify: true}
              - {column: address, erasure: retain, basis: "Art. 17(3)(b): invoices must state the address (tax law)",
                 until: table-retention, rectify: true}
              - {column: postcode, erasure: retain, basis: "Art. 17(3)(b): invoices must state the address (tax law)",
                 until: table-retention, rectify: true}
              - {column: city, erasure: retain, basis: "Art. 17(3)(b): invoices must state the address (tax law)",
                 until: table-retention, rectify: true}
              - {column: iban, erasure: set-null, rectify: true}
          contacts:
            primary_key: id
            holds: person
            label: {en: "Contact person", nl: "Contactpersoon", bg: "Лице за контакт"}
            portable: true
            transfers: []
            display:
              - {column: id, label: {en: "Ref.", nl: "Ref.", bg: "Реф."}}
              - {column: customer_id, label: {en: "Customer no.", nl: "Klantnummer", bg: "Клиентски номер"}}
              - {column: full_name, label: {en: "Name", nl: "Naam", bg: "Име"}}
              - {column: email, label: {en: "E-mail", nl: "E-mail", bg: "Имейл"}}
              - {column: phone, label: {en: "Phone", nl: "Telefoon", bg: "Телефон"}}
              - {column: role, label: {en: "Role", nl: "Rol", bg: "Роля"}}
              - {column: created_at, label: {en: "Added on", nl: "Toegevoegd op", bg: "Добавен на"}, format: date}
            purpose: "The people a customer names as owner, billing or technical contact: managing the account,
              support, and sending invoices and notices."
            legal_basis: "Art. 6(1)(b) GDPR for sole traders; Art. 6(1)(f) GDPR (legitimate interest in reaching
              the customer's representatives) for contacts of organisations."
            role: controller
            recipients: ["police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "While the customer's account is active; removed when the customer replaces the contact."}
            categories: ["identification data (name)", "contact data (e-mail address, phone number)",
              "role at the customer"]
            identifiers:
              - {column: customer_id, kind: customer}
              - {column: email, kind: email}
              - {column: phone, kind: phone, country: {via: [customer_id], column: country}}
              - {column: full_name, kind: name}
            references:
              - {column: customer_id, table: customers, target: id, parent: related, children: none}
            files: []
            columns:
              - {column: full_name, erasure: delete-row, rectify: true}
              - {column: email, erasure: delete-row, rectify: true}
              - {column: phone, erasure: delete-row, rectify: true}
              - {column: role, erasure: delete-row, rectify: true}
          orders:
            primary_key: id
            holds: record
            label: {en: "Orders", nl: "Bestellingen", bg: "Поръчки"}
            portable: {except: [ip_address, regulator_info]}
            transfers: []
            display:
              - {column: id, label: {en: "Order no.", nl: "Ordernummer", bg: "Номер на поръчка"}}
              - {column: customer_id, format: hidden}
              - {column: contact_id, format: hidden}
              - {column: service_number, label: {en: "Number ordered", nl: "Besteld nummer", bg: "Поръчан номер"}}
              - {column: number_type, label: {en: "Type of number", nl: "Soort nummer", bg: "Вид номер"}}
              - {column: country, label: {en: "Country", nl: "Land", bg: "Държава"}}
              - {column: ordered_at,
                 label: {en: "Ordered on", nl: "Besteld op", bg: "Поръчано на"}, format: date-time}
              - {column: ip_address, label: {en: "IP address", nl: "IP-adres", bg: "IP адрес"}}
              - {column: regulator_info,
                 label: {en: "Identification for the regulator", nl: "Identificatie voor de toezichthouder", bg: "Идентификация за регулатора"}}
              - {column: status, label: {en: "Status", nl: "Status", bg: "Статус"}}
            purpose: "Orders of service numbers: the contract, the identification the national telecom regulator
              requires, and fraud prevention (the IP address the order came from)."
            legal_basis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(c) GDPR: telecom regulation; Art. 6(1)(f)
              GDPR: legitimate interest in preventing fraud (the IP address)."
            role: controller
            recipients: ["police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "For the duration of the contract, then 7 years for tax and bookkeeping law; the IP
              address for 1 year after the order, against fraud."}
            categories: ["contract data (numbers ordered, dates, status)",
              "identification data the regulator requires (date of birth, ID document number)",
              "online identifier (IP address of the order)"]
            identifiers:
              - {column: customer_id, kind: customer}
              # An order of the subject's (placed through their contact row) teaches its IP
              # address: orders placed from that address without a contact are theirs too.
              - {column: ip_address, kind: ip, learn: true}
              - {column: service_number, kind: phone, country: {column: country}, relation: related}
            references:
              - {column: customer_id, table: customers, target: id, parent: related, children: none}
              - {column: contact_id, table: contacts, target: id, parent: none, children: owned}
            files: []
            columns:
              - {column: ip_address, erasure: retain, basis: "Art. 17(3)(e): establishment and defence of legal
                 claims (fraud prevention)", until: {days: 365, from: ordered_at}, rectify: false,
                 retention: {days: 365, from: ordered_at, then: set-null}}
              - {column: regulator_info, erasure: retain, basis: "Art. 17(3)(b): identification the national telecom
                 regulator requires while the number is assigned", until: table-retention, rectify: true}
              - {column: service_number, erasure: retain, basis: "Art. 17(3)(b): the order is the record of the
                 contract (tax and bookkeeping law)", until: table-retention, rectify: false}
              - {column: contact_id, erasure: set-null, rectify: false}
          service_numbers:
            primary_key: number
            holds: record
            label: {en: "Service numbers", nl: "Servicenummers", bg: "Сервизни номера"}
            portable: true
            transfers: []
            display:
              - {column: number, label: {en: "Number", nl: "Nummer", bg: "Номер"}}
              - {column: customer_id, format: hidden}
              - {column: forward_to, label: {en: "Forwarded to", nl: "Doorgeschakeld naar", bg: "Пренасочва към"}}
              - {column: recording_enabled,
                 label: {en: "Recording on", nl: "Opnemen aan", bg: "Записване включено"}, format: yes-no}
              - {column: recording_retention_days,
                 label: {en: "Recordings kept (days)", nl: "Opnamen bewaard (dagen)", bg: "Записите се пазят (дни)"}}
              - {column: voicemail_enabled,
                 label: {en: "Voicemail on", nl: "Voicemail aan", bg: "Гласова поща включена"}, format: yes-no}
              - {column: active_from, label: {en: "Active from", nl: "Actief vanaf", bg: "Активен от"}, format: date}
              - {column: active_until, label: {en: "Active until", nl: "Actief tot", bg: "Активен до"}, format: date}
            purpose: "The service numbers a customer holds: routing calls to the owner's phone, and the owner's
              recording and voicemail settings."
            legal_basis: "Art. 6(1)(b) GDPR: performance of the contract with the number owner."
            role: controller
            recipients: ["police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "While the number is assigned, then 7 years for tax and bookkeeping law."}
            categories: ["contract data (numbers held, dates)", "contact data (phone number calls are forwarded to)",
              "recording and voicemail settings"]
            identifiers:
              - {column: customer_id, kind: customer}
              - {column: forward_to, kind: phone, country: {via: [customer_id], column: country}}
            references:
              - {column: customer_id, table: customers, target: id, parent: related, children: none}
            files: []
            columns:
              - {column: forward_to, erasure: set-null, rectify: true}
          invoices:
            primary_key: id
            holds: record
            label: {en: "Invoices", nl: "Facturen", bg: "Фактури"}
            transfers: []
            display:
              - {column: id, label: {en: "Invoice no.", nl: "Factuurnummer", bg: "Номер на фактура"}}
              - {column: customer_id, format: hidden}
              - {column: period, label: {en: "Period", nl: "Periode", bg: "Период"}}
              - {column: issued_at, label: {en: "Issued on", nl: "Uitgegeven op", bg: "Издадена на"}, format: date}
              - {column: total_cents, label: {en: "Total", nl: "Totaal", bg: "Общо"}, format: cents}
            purpose: "Invoices for service numbers and their use."
            legal_basis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(c) GDPR: tax and bookkeeping law."
            role: controller
            recipients: ["police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "7 years after issue (tax and bookkeeping law).", days: 2555, from: issued_at,
              then: delete-row}
            categories: ["invoicing data (period, amounts)"]
            identifiers:
              - {column: customer_id, kind: customer}
            references:
              - {column: customer_id, table: customers, target: id, parent: none, children: none}
            files: []
            columns: []
          cdrs:
            primary_key: id
            holds: record
            label: {en: "Calls", nl: "Gesprekken", bg: "Обаждания"}
            portable: true
            transfers: []
            display:
              - {column: id, label: {en: "Ref.", nl: "Ref.", bg: "Реф."}}
              - {column: service_number, label: {en: "Number called", nl: "Gebeld nummer", bg: "Набран номер"}}
              - {column: caller_number,
                 label: {en: "Calling number", nl: "Nummer van de beller", bg: "Номер на обаждащия се"}}
              - {column: caller_withheld,
                 label: {en: "Number withheld", nl: "Nummer afgeschermd", bg: "Скрит номер"}, format: yes-no}
              - {column: started_at,
                 label: {en: "Date and time", nl: "Datum en tijd", bg: "Дата и час"}, format: date-time}
              - {column: duration_s, label: {en: "Duration", nl: "Duur", bg: "Продължителност"}, format: duration}
              - {column: forwarded_to, label: {en: "Forwarded to", nl: "Doorgeschakeld naar", bg: "Пренасочено към"}}
              - {column: charge_cents, label: {en: "Charge", nl: "Kosten", bg: "Такса"}, format: cents}
              - {column: invoice_id, format: hidden}
            purpose: "Call detail records: routing and invoicing calls, the owner's call history, and handling
              complaints and fraud."
            legal_basis: "Art. 6(1)(b) and (c) GDPR with Art. 6(2) of the ePrivacy Directive 2002/58/EC: traffic
              data processed for invoicing, until the bill can no longer be challenged."
            role: controller
            recipients: ["the number owner (call history; a caller who withheld their number is never shown)",
              "police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "Usage data (caller number unless withheld, date and time, duration, number forwarded
              to) is kept for invoicing: 400 days from the call; a call whose recording or voicemail is still
              kept stays without the caller's number and the number forwarded to.", days: 400, from: started_at,
              then: delete-row, while_referenced_by: [recordings, voicemails], then_referenced: pseudonymise}
            categories: ["traffic data (caller number, date and time, duration, number forwarded to)",
              "charges"]
            identifiers:
              - {column: caller_number, kind: phone, country: {prefix_of: service_number}, mask_for_others: true,
                 withheld_flag: caller_withheld}
              - {column: forwarded_to, kind: phone, country: {via: [service_number, customer_id], column: country},
                 relation: related, mask_for_others: true}
            references:
              - {column: service_number, table: service_numbers, target: number, parent: none, children: related}
              - {column: invoice_id, table: invoices, target: id, parent: none, children: none}
            files: []
            columns:
              - {column: caller_number, erasure: pseudonymise, rectify: false}
              - {column: started_at, erasure: retain, basis: "Art. 17(3)(b): invoicing and tax law",
                 until: table-retention, rectify: false}
              - {column: duration_s, erasure: retain, basis: "Art. 17(3)(b): invoicing and tax law",
                 until: table-retention, rectify: false}
              - {column: forwarded_to, erasure: retain, basis: "Art. 17(3)(b): invoicing the number owner for
                 forwarded calls", until: table-retention, rectify: false}
              - {column: charge_cents, erasure: retain, basis: "Art. 17(3)(b): invoicing and tax law",
                 until: table-retention, rectify: false}
          recordings:
            primary_key: id
            holds: record
            label: {en: "Call recordings", nl: "Gespreksopnamen", bg: "Записи на разговори"}
            transfers: []
            display:
              - {column: id, label: {en: "Ref.", nl: "Ref.", bg: "Реф."}}
              - {column: cdr_id, label: {en: "Call", nl: "Gesprek", bg: "Обаждане"}}
              - {column: file_path, format: hidden}
              - {column: recorded_at,
                 label: {en: "Recorded on", nl: "Opgenomen op", bg: "Записано на"}, format: date-time}
              - {column: duration_s, label: {en: "Duration", nl: "Duur", bg: "Продължителност"}, format: duration}
              - {column: sha256, format: hidden}
            purpose: "Call recordings made for the number owner, who switched recording on and decides how long
              they are kept; we store them on the owner's behalf."
            legal_basis: "Art. 28 GDPR: processed on behalf of the number owner, the controller, who determines
              the legal basis for recording."
            role: processor
            recipients: ["the number owner (the controller we process for)"]
            retention: {rule: "As long as the number owner set for the number, counted from the recording.",
              days_column: {via: [cdr_id, service_number], column: recording_retention_days}, from: recorded_at,
              then: delete-row}
            categories: ["voice recordings of calls (content of communications)"]
            identifiers: []
            references:
              - {column: cdr_id, table: cdrs, target: id, parent: none, children: owned}
            files:
              - {column: file_path, format: audio,
                 card: [recorded_at, {via: [cdr_id], column: service_number}, duration_s]}
            columns:
              - {column: file_path, erasure: delete-row, rectify: false}
          emails:
            primary_key: id
            holds: record
            label: {en: "E-mails", nl: "E-mails", bg: "Имейли"}
            portable: true
            transfers: []
            display:
              - {column: id, label: {en: "Ref.", nl: "Ref.", bg: "Реф."}}
              - {column: message_id, format: hidden}
              - {column: direction, label: {en: "Direction", nl: "Richting", bg: "Посока"}}
              - {column: from_addr, label: {en: "From", nl: "Van", bg: "От"}, format: mail-header}
              - {column: to_addrs, label: {en: "To", nl: "Aan", bg: "До"}, format: mail-header}
              - {column: cc_addrs, label: {en: "Cc", nl: "Cc", bg: "Копие"}, format: mail-header}
              - {column: subject, label: {en: "Subject", nl: "Onderwerp", bg: "Тема"}, format: mail-header}
              - {column: sent_at, label: {en: "Sent on", nl: "Verzonden op", bg: "Изпратено на"}, format: date-time}
              - {column: customer_id, format: hidden}
              - {column: file_path, format: hidden}
            purpose: "Correspondence with customers and callers (support, complaints), and copies of the
              voicemail notifications sent to number owners."
            legal_basis: "Art. 6(1)(b) GDPR: the contract; Art. 6(1)(f) GDPR: legitimate interest in handling
              complaints and keeping a record of correspondence."
            role: controller
            recipients: ["police, only for complaints or fraud", "network operators, only for complaints or fraud"]
            retention: {rule: "2 years after the message was sent or received.", days: 730, from: sent_at,
              then: delete-row}
            categories: ["contact data (e-mail addresses, names)", "content of correspondence",
              "voice messages attached to voicemail notifications"]
            identifiers:
              - {column: customer_id, kind: customer}
              - {column: from_addr, kind: email, address_list: true, mask_for_others: true}
              - {column: to_addrs, kind: email, address_list: true, mask_for_others: true}
              - {column: cc_addrs, kind: email, address_list: true, mask_for_others: true}
            references:
              # The customer a message is filed under is not the writer's business: a caller's
              # complaint about a number must not pull in the number owner's customer row.
              - {column: customer_id, table: customers, target: id, parent: none, children: none}
            files:
              - {column: file_path, format: email, card: [sent_at, subject]}
            columns:
              # What the subject wrote is theirs: a message from them is deleted with its file.
              # A message they only received or were copied on is also the other parties'
              # correspondence: the subject's mailboxes are redacted from the recipients (and
              # from the .eml headers), the sender and the other recipients stay.
              - {column: from_addr, erasure: delete-row, rectify: false}
              - {column: to_addrs, erasure: redact, rectify: false}
              - {column: cc_addrs, erasure: redact, rectify: false}
              - {column: subject, erasure: redact, rectify: false}
              - {column: file_path, erasure: delete-row, rectify: false}
          voicemails:
            primary_key: id
            holds: record
            label: {en: "Voice messages", nl: "Voicemailberichten", bg: "Гласови съобщения"}
            transfers: []
            display:
              - {column: id, label: {en: "Ref.", nl: "Ref.", bg: "Реф."}}
              - {column: cdr_id, label: {en: "Call", nl: "Gesprek", bg: "Обаждане"}}
              - {column: file_path, format: hidden}
              - {column: received_at,
                 label: {en: "Received on", nl: "Ontvangen op", bg: "Получено на"}, format: date-time}
              - {column: emailed_at,
                 label: {en: "E-mailed on", nl: "Gemaild op", bg: "Изпратено по имейл на"}, format: date-time}
              - {column: email_id, format: hidden}
            purpose: "Voicemail messages left for the number owner: e-mailed to the owner, then the audio is
              deleted."
            legal_basis: "Art. 28 GDPR: processed on behalf of the number owner, the controller."
            role: processor
            recipients: ["the number owner, by e-mail (the controller we process for)"]
            # The notification e-mail carries the caller's voice and number: once the voicemail row
            # is gone nothing ties it to the caller, so it is purged with the row (also_purge).
            retention: {rule: "The audio is deleted once it has been e-mailed to the number owner; the row without
              audio is kept as long as the call record, 400 days; its notification e-mail goes with it.",
              days: 400, from: received_at, then: delete-row, also_purge: [email_id]}
            categories: ["voice messages (content of communications)"]
            identifiers: []
            references:
              - {column: cdr_id, table: cdrs, target: id, parent: none, children: owned}
              - {column: email_id, table: emails, target: id, parent: owned, children: none}
            files:
              - {column: file_path, format: audio, card: [received_at, {via: [cdr_id], column: service_number}],
                 retention: {until_set: emailed_at, then: delete}}
            columns:
              - {column: file_path, erasure: delete-row, rectify: false}

        """#
}
