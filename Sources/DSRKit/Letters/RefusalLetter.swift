/// What `refusal.txt` shows (Art. 12(4)): which request, received when, why it is refused,
/// and the person's remedies (Art. 77, 79).
struct RefusalLetter: TemplateModel {
    static let templateNames = [LetterOutcome.refusal.templateName]

    let language: String
    let requestID: String?
    let date: String
    let controller: ControllerInfo
    /// The day the request was received: Art. 12(4)'s month runs from it.
    let received: String
    /// The reasons, in the DPO's words (`--reason`).
    let reason: String
    let isAccess, isPortability, isErasure, isRectification, isRestriction, isObjection: Bool

    init(_ request: Request, reason: String, head: LetterHead) {
        language = head.language.rawValue
        requestID = head.requestID
        date = head.date
        controller = head.controller
        received = head.dates.day(request.received)
        self.reason = reason
        isAccess = request.type == .access
        isPortability = request.type == .portability
        isErasure = request.type == .erasure
        isRectification = request.type == .rectification
        isRestriction = request.type == .restriction
        isObjection = request.type == .objection
    }

    static let fieldNames: Set<String> = {
        let day = CalendarDate(year: 2026, month: 1, day: 1)!
        return collectFieldNames(
            from: RefusalLetter(
                Request(
                    id: "", type: .access, status: .open, received: day, due: day, openedAt: "", subjects: []),
                reason: "", head: .sample))
    }()
}
