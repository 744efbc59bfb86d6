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

    /// A transfer outside the EU/EEA, as a map may state one (Art. 15(2)).
    static let transfer = "Speech-to-text service in the United States, under the EU-US Data Privacy Framework"

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
                retention: table.retention.rule, recordCount: 2, transfers: name == "recordings" ? [transfer] : [])
        }
        let recording = FileItem(
            path: "files/recordings/2026/03/7.wav", label: "Recordings: 1 March 2026, 15:05", format: "audio",
            details: [
                FileDetail(label: "Number called", value: "+31800200123"), FileDetail(label: "Duration", value: "1:03"),
            ])
        let mail = FileItem(path: "files/emails/2026/03/12 complaint#1.eml", label: "Complaint", format: "email")
        return ExportDocument(
            language: language, requestID: "R-2026-0042", generatedAt: "2026-04-02T09:30:00Z",
            date: "2 April 2026", timeZone: "Europe/Amsterdam",
            controller: ControllerInfo(
                name: "Numbers & Co \"NL\" B.V.", address: "Laan van Meerdervoort 1, 2517 AA Den Haag",
                email: "privacy@numbers.example", dpoContact: "dpo@numbers.example",
                supervisoryAuthority: authority[language] ?? ""),
            subjectIdentifiers: [
                SearchedIdentifier(kind: "phone", value: "+31681234567"),
                SearchedIdentifier(kind: "email", value: "jan@example.nl"),
            ],
            processing: processing,
            tables: [
                TableSection(
                    table: "contacts", title: title("contacts"), columns: ["Ref.", "Name", "E-mail", "Phone"],
                    rows: [
                        RecordRow(cells: ["1", scriptName, "jan@example.nl", "+31 6 81234567"]),
                        RecordRow(cells: ["2", quotedName, "ivan@example.bg", "+359 2 4928571"], isContext: true),
                    ]),
                TableSection(
                    table: "cdrs", title: title("cdrs"), columns: ["Ref.", "Date and time", "Duration"],
                    rows: [RecordRow(cells: ["7", "1 March 2026, 15:05", "1:03"])]),
            ],
            audio: [recording], files: [recording, mail],
            processorNotes: [ProcessorNote(table: "voicemails", title: title("voicemails"), count: 1)],
            filesLeftOut: [
                LeftOutFile(label: "Recordings 7", isMissing: true, isRefused: false),
                LeftOutFile(label: "Recordings 9", isMissing: false, isRefused: true),
            ])
    }

    /// The repository's root, found from this file.
    static let repository = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
}
