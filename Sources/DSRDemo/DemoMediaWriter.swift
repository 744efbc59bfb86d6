import DSRKit

/// Turns the calls that left audio into `recordings`, `voicemails` and `emails` rows and
/// their files, plants the file mess (an escaping path, a missing file), and records the
/// planted subjects' rows in the ledger.
struct DemoMediaWriter {
    let world: DemoWorld
    let ledger: DemoLedger
    let files: DemoFiles
    let seed: UInt64

    /// Path that tries to leave the files root (CONTRACT.md: refused, never read).
    static let escapingPath = "../../etc/passwd"

    private func milliseconds(_ cdrId: Int) -> Int {
        500 + Int(DemoRandom.hash(seed ^ 0xA0D10, UInt64(cdrId)) % 1500)
    }

    private func note(_ call: DemoMediaCall, table: String, key: Int) {
        if let subject = call.subject { ledger.expect(subject, table, key) }
        if let owner = DemoPlantedWorld.owner(ofCustomer: world.services[call.service].customerId),
            owner != call.subject
        {
            ledger.relate(owner, table, key)
        }
    }

    /// Inserts recordings and writes their files; returns the number of rows.
    ///
    /// - Throws: SQLite or file errors.
    func writeRecordings(_ media: [DemoMediaCall], insert: RawStatement) throws -> Int {
        var id = 0
        var randomSeen = 0
        for call in media where call.kind == .recording {
            id += 1
            var path = "recordings/" + DemoCalendar.folder(call.startedAt) + "/\(id).wav"
            var hash: String?
            if !call.planted { randomSeen += 1 }
            if !call.planted && randomSeen == 2 {
                path = Self.escapingPath
            } else {
                let wav = DemoWAV.make(seed: seed ^ UInt64(call.cdrId), milliseconds: milliseconds(call.cdrId))
                hash = Digests.sha256Hex(wav)
                if call.planted || randomSeen != 4 { try files.write(wav, at: path) }
            }
            insert.bind(id)
            insert.bind(call.cdrId)
            insert.bind(path)
            insert.bind(DemoCalendar.iso(call.startedAt))
            insert.bind(call.duration)
            insert.bind(hash)
            try insert.step()
            note(call, table: "recordings", key: id)
        }
        return id
    }

    /// The voicemails (in cdr order) and the notification e-mails of those e-mailed away.
    func voicemails(_ media: [DemoMediaCall]) -> (calls: [DemoMediaCall], mails: [DemoMessage]) {
        var calls: [DemoMediaCall] = []
        var mails: [DemoMessage] = []
        for var call in media where call.kind == .voicemail {
            let service = world.services[call.service]
            let mailbox = world.voicemailMailbox[service.customerId - 1]
            if mailbox == nil { call.emailed = false }
            calls.append(call)
            guard call.emailed, let mailbox else { continue }
            var subjects: [Int] = []
            if let subject = call.subject { subjects.append(subject) }
            if let owner = DemoPlantedWorld.owner(ofCustomer: service.customerId), owner != call.subject {
                subjects.append(owner)
            }
            let shown =
                service.country.code == "NL" || service.country.code == "BE"
                ? "Nieuw voicemailbericht"
                : service.country.code == "DE"
                    ? "Neue Sprachnachricht"
                    : service.country.code == "BG" ? DemoMIME.wordB("Ново гласово съобщение") : "New voicemail"
            var message = DemoMessage(
                direction: "out", from: "\"Telvora Voicemail\" <voicemail@telvora.example>",
                to: mailbox, cc: nil, subject: shown + " " + service.number,
                sentAt: call.startedAt + call.duration + 30 + call.cdrId % 240,
                customerId: service.customerId,
                body: "Caller: \(call.caller ?? "withheld")\nReceived: "
                    + "\(DemoCalendar.iso(call.startedAt))\nDuration: \(call.duration) s\n"
                    + "Number: \(service.number)\n\nThe message is attached; Telvora no longer keeps a copy.",
                voicemail: calls.count - 1, subjects: subjects)
            message.voiceSeed = seed ^ UInt64(call.cdrId) ^ 0x7A11
            message.voiceMilliseconds = milliseconds(call.cdrId)
            mails.append(message)
        }
        return (calls, mails)
    }

    /// Inserts the e-mails (ids in send order) and writes their files; returns, per
    /// voicemail index, the id of its notification.
    ///
    /// - Throws: SQLite or file errors.
    func writeEmails(_ messages: [DemoMessage], voicemails: Int, insert: RawStatement) throws
        -> [Int?]
    {
        var order = messages
        for index in order.indices { order[index].sequence = index }
        order.sort { ($0.sentAt, $0.sequence) < ($1.sentAt, $1.sequence) }
        var emailOf = [Int?](repeating: nil, count: voicemails)
        for (offset, message) in order.enumerated() {
            let id = offset + 1
            let path = "emails/" + DemoCalendar.folder(message.sentAt) + "/\(id).eml"
            try files.write(message.render(id: id), at: path)
            insert.bind(id)
            insert.bind(message.messageId(id: id))
            insert.bind(message.direction)
            insert.bind(message.from)
            insert.bind(message.to)
            insert.bind(message.cc)
            insert.bind(message.subject)
            insert.bind(DemoCalendar.iso(message.sentAt))
            insert.bind(message.customerId)
            insert.bind(path)
            try insert.step()
            for subject in message.subjects { ledger.expect(subject, "emails", id) }
            if let voicemail = message.voicemail { emailOf[voicemail] = id }
        }
        return emailOf
    }

    /// Inserts the voicemail rows; audio of those not e-mailed stays on disk.
    ///
    /// - Throws: SQLite or file errors.
    func writeVoicemails(_ calls: [DemoMediaCall], emailOf: [Int?], mails: [DemoMessage], insert: RawStatement) throws {
        for (index, call) in calls.enumerated() {
            let id = index + 1
            var path: String?
            var emailedAt: String?
            if let email = emailOf[index], let mail = mails.first(where: { $0.voicemail == index }) {
                emailedAt = DemoCalendar.iso(mail.sentAt)
                insert.bind(id)
                insert.bind(call.cdrId)
                insert.bindNull()
                insert.bind(DemoCalendar.iso(call.startedAt + call.duration))
                insert.bind(emailedAt)
                insert.bind(email)
            } else {
                path = "voicemails/" + DemoCalendar.folder(call.startedAt) + "/\(id).wav"
                let wav = DemoWAV.make(seed: seed ^ UInt64(call.cdrId) ^ 0x7A11, milliseconds: milliseconds(call.cdrId))
                try files.write(wav, at: path!)
                insert.bind(id)
                insert.bind(call.cdrId)
                insert.bind(path)
                insert.bind(DemoCalendar.iso(call.startedAt + call.duration))
                insert.bindNull()
                insert.bindNull()
            }
            try insert.step()
            note(call, table: "voicemails", key: id)
        }
    }
}
