import Foundation

/// What every letter and notice starts with: who writes, when, and under which reference.
struct LetterHead {
    /// `en`, `nl` or `bg`.
    let language: Language
    /// The request answered, when there is one ("Our reference").
    let requestID: String?
    /// The request id, or `dsr-YYYYMMDDTHHMMSSZ` of the moment the letter was made: what a
    /// recipient quotes to ask for the full identifiers, and how the files' names begin.
    let reference: String
    /// Today in the letter's language and the workspace's time zone (`1 maart 2026`).
    let date: String
    /// Who we are.
    let controller: ControllerInfo
    /// Dates in the letter's language.
    let dates: LetterDates

    /// The head of a letter made by `session` now.
    ///
    /// - Throws: ``LetterError/controllerMissing(keys:configFile:)`` while dsr.yaml does not
    ///   say who the controller is: a letter must.
    init(_ session: Session, language: Language, requestID: String?) throws {
        let workspace = session.workspace
        let settings = workspace.configuration.controller
        guard settings.emptyKeys.isEmpty else {
            throw LetterError.controllerMissing(
                keys: settings.emptyKeys, configFile: workspace.configFile.path(percentEncoded: false))
        }
        self.language = language
        self.requestID = requestID
        // The workspace's `time_zone` was checked when dsr.yaml was read.
        dates = LetterDates(
            language: language, timeZone: TimeZone(identifier: workspace.configuration.timeZone) ?? .gmt)
        reference = requestID ?? "dsr-" + Self.stamp(session.now)
        date = dates.today(session.now)
        controller = ControllerInfo(
            name: settings.name, address: settings.address, email: settings.email, dpoContact: settings.dpoContact,
            supervisoryAuthority: settings.supervisoryAuthority)
    }

    /// `20260301T140509Z`: the moment in UTC to the second, as a file name may hold it.
    static func stamp(_ moment: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withYear, .withMonth, .withDay, .withTime, .withTimeZone]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter.string(from: moment)
    }

    private init(
        language: Language, requestID: String?, reference: String, date: String, controller: ControllerInfo
    ) {
        self.language = language
        self.requestID = requestID
        self.reference = reference
        self.date = date
        self.controller = controller
        dates = LetterDates(language: language, timeZone: .gmt)
    }

    /// A head with every field set, for collecting the templates' field names.
    static let sample = LetterHead(
        language: .english, requestID: "", reference: "", date: "",
        controller: ControllerInfo(name: "", address: "", email: "", dpoContact: "", supervisoryAuthority: ""))
}

/// Dates as the export's letter writes them: `1 March 2026`, `1 maart 2026`, `1 март 2026 г.`.
struct LetterDates {
    private let formatter: ValueFormatter

    init(language: Language, timeZone: TimeZone) {
        formatter = ValueFormatter(language: language, timeZone: timeZone)
    }

    /// The day of `moment` in the workspace's time zone.
    func today(_ moment: Date) -> String { formatter.date(moment) }

    /// A calendar day (a deadline, an end of retention): the same day in every time zone.
    func day(_ date: CalendarDate) -> String {
        Timestamp(date.description).map { formatter.date($0, shifted: false) } ?? date.description
    }

    /// A `YYYY-MM-DD` text of a plan; shown as stored when it is not a date.
    func day(_ text: String) -> String {
        CalendarDate(iso: text).map(day) ?? text
    }
}

/// A subject identifier as letters and notices show it: masked (`+31 6 *****678`), so that an
/// erasure letter does not write the erased identifiers back to disk, with its kind for the
/// wording.
struct MaskedIdentifier {
    let kind, value: String
    let isEmail, isPhone, isIP, isCustomer: Bool

    init(_ identifier: SubjectIdentifier) {
        kind = identifier.kind.rawValue
        value = identifier.masked
        isEmail = identifier.kind == .email
        isPhone = identifier.kind == .phone
        isIP = identifier.kind == .ip
        isCustomer = identifier.kind == .customer
    }
}

/// A table a letter or notice names, with how many of the person's records it concerns.
struct TableCount {
    /// The table's title in the letter's language (`Gesprekken`).
    let title: String
    let records: Int
    /// False where the count is not known (a restriction covers the tables, not counted rows).
    let hasRecords: Bool

    init(title: String, records: Int?) {
        self.title = title
        self.records = records ?? 0
        hasRecords = records != nil
    }
}
