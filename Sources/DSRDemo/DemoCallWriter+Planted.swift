import DSRKit

extension DemoCallWriter {
    /// Inserts one planted call at its id and notes its recording or voicemail.
    ///
    /// - Throws: the SQLite error of a failed insert.
    func writePlanted(
        _ call: DemoPlantedCall, when: Int, month: Int, started: DemoBytes, insert: RawStatement
    ) throws {
        let service = world.services[call.service]
        insert.bind(call.id)
        insert.bind(service.number)
        insert.bind(call.caller)
        insert.bind(call.withheld ? 1 : 0)
        insert.bind(started)
        insert.bind(call.duration)
        insert.bind(call.forwardedForm.flatMap { service.forwardPhone?.text($0) })
        let rate = service.type == "premium" ? 150 : nil
        insert.bind(rate.map { call.duration * $0 / 60 })
        insert.bind(world.invoice(customerId: service.customerId, month: month))
        try insert.step()
        let kind: DemoMediaCall.Kind
        switch call.media {
        case .none: return
        case .recording: kind = .recording
        case .voicemailEmailed, .voicemailKept: kind = .voicemail
        }
        appendMedia(
            DemoMediaCall(
                cdrId: call.id, startedAt: when, duration: call.duration, service: call.service,
                caller: call.withheld ? nil : call.caller, kind: kind,
                emailed: call.media == .voicemailEmailed, subject: call.subject, planted: true))
    }
}
