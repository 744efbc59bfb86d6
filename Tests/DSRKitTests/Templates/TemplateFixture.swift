import Foundation
import Testing

@testable import DSRKit

/// Export documents for the template tests, filled from the built-in data map as the export
/// engine fills them, with contact names that must be escaped in HTML.
enum TemplateFixture {
    static let languages = ["en", "nl", "bg"]

    static let scriptName = "<script>alert(1)</script>"
    static let quotedName = "Иван \"Ване\" Петров, Jr."

    /// The supervisory authority as each language names it.
    static let authority = [
        "en": "Dutch Data Protection Authority (Autoriteit Persoonsgegevens)",
        "nl": "Autoriteit Persoonsgegevens",
        "bg": "Комисия за защита на личните данни",
    ]

    /// Who the voicemails' controller is, as the engine words it per language.
    static let numberOwner = [
        "en": "the owner of number +31 800 020 0123",
        "nl": "de houder van nummer +31 800 020 0123",
        "bg": "притежателят на номер +31 800 020 0123",
    ]

    private static let titles = [
        "en": [
            "contacts": "Contact details", "orders": "Orders", "cdrs": "Calls", "recordings": "Recordings",
            "emails": "E-mails", "voicemails": "Voice messages",
        ],
        "nl": [
            "contacts": "Contactgegevens", "orders": "Bestellingen", "cdrs": "Gesprekken", "recordings": "Opnamen",
            "emails": "E-mails", "voicemails": "Voicemailberichten",
        ],
        "bg": [
            "contacts": "Данни за контакт", "orders": "Поръчки", "cdrs": "Разговори", "recordings": "Записи",
            "emails": "Имейли", "voicemails": "Гласови съобщения",
        ],
    ]

    /// The tables whose facts the letter shows: a contact who ordered, called, was recorded and
    /// left a voice message (held as processor, so listed in a processor note rather than included).
    static let processedTables = ["contacts", "orders", "cdrs", "recordings", "emails", "voicemails"]

    static func document(language: String) throws -> ExportDocument {
        let map = try BuiltinDataMap.map()
        let title = { (table: String) in titles[language]?[table] ?? table }
        let processing = try processedTables.map { name in
            let table = try #require(map.table(name))
            return ProcessingSection(
                table: name, title: title(name), purpose: table.purpose, legalBasis: table.legalBasis,
                role: table.role.rawValue, recipients: table.recipients, categories: table.categories,
                retention: table.retention.rule, recordCount: 2)
        }
        let recording = FileItem(
            path: "files/recordings/2026/03/7.wav", label: "2026-03-01T14:05:09Z, +31 70 311 1050", format: "audio")
        let mail = FileItem(path: "files/emails/2026/03/12 complaint#1.eml", label: "Complaint", format: "email")
        return ExportDocument(
            language: language, requestID: "R-2026-0042", generatedAt: "2026-04-02T09:30:00Z",
            controller: ControllerInfo(
                name: "Numbers & Co \"NL\" B.V.", address: "Laan van Meerdervoort 1, 2517 AA Den Haag",
                email: "privacy@numbers.example", dpoContact: "dpo@numbers.example",
                supervisoryAuthority: authority[language] ?? ""),
            subjectIdentifiers: ["phone:+31681234567", "email:jan@example.nl"],
            processing: processing,
            tables: [
                TableSection(
                    table: "contacts", title: title("contacts"), columns: ["id", "full_name", "email", "phone"],
                    rows: [
                        ["1", scriptName, "jan@example.nl", "+31 6 81234567"],
                        ["2", quotedName, "ivan@example.bg", "+359 2 4928571"],
                    ]),
                TableSection(
                    table: "cdrs", title: title("cdrs"), columns: ["id", "started_at", "duration_s"],
                    rows: [["7", "2026-03-01T14:05:09Z", "63"]]),
            ],
            audio: [recording], files: [recording, mail],
            processorNotes: [ProcessorNote(table: "voicemails", count: 1, controller: numberOwner[language] ?? "")],
            filesLeftOut: [
                LeftOutFile(label: "Recordings 7", isMissing: true, isRefused: false),
                LeftOutFile(label: "Recordings 9", isMissing: false, isRefused: true),
            ])
    }

    /// The repository's root, found from this file.
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
