import Foundation
import Testing

@testable import DSRKit

/// Fixed facts for the letter tests: a workspace that says who the controller is, over an
/// empty operations database (nothing to read), a subject with a request, and one of each
/// outcome built on the built-in data map's tables.
struct LetterFixture {
    let dir: TemporaryDirectory
    let session: Session

    static let languages: [Language] = [.english, .dutch, .bulgarian]
    /// 2026-05-28T20:26:40Z: 28 May in Amsterdam.
    static let now = Date(timeIntervalSince1970: 1_780_000_000)
    static let authority = "Autoriteit Persoonsgegevens"

    init(dir: TemporaryDirectory, session: Session) {
        self.dir = dir
        self.session = session
    }

    init() throws {
        dir = try TemporaryDirectory()
        try dir.write("", to: "ops.db")
        let controller = ControllerSettings(
            name: "Numbers & Co B.V.", address: "Postbus 1, 2500 AA Den Haag", email: "privacy@numbers.example",
            dpoContact: "J. Jansen, DPO", supervisoryAuthority: Self.authority)
        try WorkspaceInitializer.create(in: dir.url, settings: .init(controller: controller), force: false)
        session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo", now: Self.now)
    }

    /// A workspace whose dsr.yaml leaves the controller empty, as `dsr init` makes it.
    static func withoutController() throws -> (TemporaryDirectory, Session) {
        let dir = try TemporaryDirectory()
        try dir.write("", to: "ops.db")
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        let session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo", now: now)
        return (dir, session)
    }

    static let phone = "+31681234567"
    static let email = "sanne.bakker@example.nl"

    static func subject() throws -> Subject {
        let day = try #require(CalendarDate(iso: "2026-05-04"))
        let request = Request(
            id: "DSR-2026-0042", type: .erasure, status: .open, received: day, due: day.addingMonths(1),
            openedAt: "2026-05-04T09:00:00Z", subjects: [])
        return Subject(
            identifiers: [
                try SubjectIdentifier.parse("phone:" + phone, defaultCountry: "NL"),
                try SubjectIdentifier.parse("email:" + email, defaultCountry: "NL"),
            ], request: request)
    }

    static let police = "police, only for complaints or fraud"
    static let operators = "network operators, only for complaints or fraud"
    static let owner =
        "the number owner (call history; a caller who withheld their number is never shown)"

    /// Two calls deleted with their recording file, a contact pseudonymised, an order's IP kept
    /// until two different dates, a contact's phone held, a recording held as processor.
    static let erasurePlan = ErasurePlan(
        steps: [
            ErasureStep(table: "recordings", key: .integer(7), action: .deleteRow),
            ErasureStep(table: "cdrs", key: .integer(11), column: "caller_number", action: .pseudonymise),
            ErasureStep(
                table: "cdrs", key: .integer(11), column: "started_at", action: .retain,
                basis: "Art. 17(3)(b): invoicing and tax law", until: "2027-06-30"),
            ErasureStep(table: "contacts", key: .integer(3), column: "email", action: .setNull),
            ErasureStep(
                table: "orders", key: .integer(5), column: "ip_address", action: .retain,
                basis: "Art. 17(3)(e): establishment and defence of legal claims (fraud)", until: "2027-03-01"),
            ErasureStep(
                table: "orders", key: .integer(6), column: "ip_address", action: .retain,
                basis: "Art. 17(3)(e): establishment and defence of legal claims (fraud)", until: "2027-04-15"),
            ErasureStep(
                table: "contacts", key: .integer(4), column: "phone", action: .held,
                basis: "legal hold H-3: police request 2026-117", until: "2026-12-31"),
        ],
        files: [
            ErasureFile(
                table: "recordings", key: .integer(7), column: "file_path", path: "recordings/2026/03/7.wav",
                action: .delete, format: .audio)
        ],
        processorHeld: [ProcessorHeldRecord(table: "recordings", key: .integer(9), controller: nil)],
        notify: [police, owner], related: [])

    static let rectification = RectificationFacts(
        changes: [.init(table: "contacts", column: "email", records: 2, newValue: "s.bakker@example.org")],
        notChangeable: [
            .init(
                table: "emails", column: "from_addr", records: 3,
                reason: "an e-mail header records the message as it was sent")
        ],
        recipients: [police])

    static func restriction(informed: Bool = false) throws -> RestrictionFacts {
        RestrictionFacts(
            id: "RST-2026-0003", reason: "you contest the accuracy of your data (Art. 18(1)(a))",
            since: try #require(CalendarDate(iso: "2026-05-10")), until: CalendarDate(iso: "2026-07-10"),
            informedOn: informed ? CalendarDate(iso: "2026-05-20") : nil, tables: ["cdrs", "contacts"],
            recipients: [police, operators])
    }

    static func refusedRequest() throws -> Request {
        let day = try #require(CalendarDate(iso: "2026-05-04"))
        return Request(
            id: "DSR-2026-0043", type: .access, status: .open, received: day, due: day.addingMonths(1),
            openedAt: "2026-05-04T09:00:00Z", subjects: [])
    }
    static let refusalReason = "The request repeats one we answered on 2 May 2026 (Art. 12(5))."

    /// Every outcome rendered in `language`.
    func rendered(_ language: Language) throws -> [LetterOutcome: RenderedLetters] {
        let subject = try Self.subject()
        return [
            .erasure: try session.erasureLetter(Self.erasurePlan, for: subject, language: language),
            .rectification: try session.rectificationLetter(Self.rectification, for: subject, language: language),
            .restriction: try session.restrictionLetter(
                Self.restriction(), lifted: false, for: subject, language: language),
            .restrictionLifted: try session.restrictionLetter(
                Self.restriction(informed: true), lifted: true, for: subject, language: language),
            .refusal: try session.refusalLetter(
                for: Self.refusedRequest(), reason: Self.refusalReason, language: language),
        ]
    }
}
