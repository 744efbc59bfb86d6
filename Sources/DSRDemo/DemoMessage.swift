import DSRKit

/// One e-mail of the demo: its `emails` row values and its RFC 5322 file.
///
/// Header values are written unfolded on one line, so the row's raw `from_addr`,
/// `to_addrs`, `cc_addrs` and `subject` are byte-equal to the file's header values.
struct DemoMessage {
    /// A WAV attachment.
    struct Attachment {
        var filename: String
        var wav: [UInt8]
    }

    var direction: String
    var from: String
    var to: String
    var cc: String?
    var subject: String?
    var sentAt: Int
    var customerId: Int?
    var body: String
    /// The voicemail whose notification this is (index into the voicemail list).
    var voicemail: Int?
    /// Seed and length of the attached voice, when this is a voicemail notification.
    var voiceSeed: UInt64?
    var voiceMilliseconds = 0
    /// Planted subjects this e-mail belongs to (by index), and those it is related to.
    var subjects: [Int] = []
    /// Order key among e-mails sent in the same second.
    var sequence = 0

    /// Message-ID for the e-mail with this row id.
    func messageId(id: Int) -> String {
        let domain = direction == "in" ? "mail.example.net" : "telvora.example"
        return "<\(voiceSeed == nil ? "msg" : "vm").\(id).\(sentAt + 1_735_689_600)@\(domain)>"
    }

    /// The .eml bytes (CRLF line endings) for the row with this id.
    func render(id: Int) -> [UInt8] {
        var lines: [String] = [
            "Message-ID: " + messageId(id: id),
            "Date: " + DemoCalendar.rfc5322(sentAt),
            "From: " + from,
            "To: " + to,
        ]
        if let cc { lines.append("Cc: " + cc) }
        if let subject { lines.append("Subject: " + subject) }
        lines.append("MIME-Version: 1.0")
        guard let voiceSeed else {
            lines.append("Content-Type: text/plain; charset=UTF-8")
            lines.append("Content-Transfer-Encoding: 8bit")
            lines.append("")
            lines.append(contentsOf: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            return Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        }
        let boundary = "=_telvora_vm_\(id)_\(voiceSeed % 1_000_000)"
        let wav = DemoWAV.make(seed: voiceSeed, milliseconds: voiceMilliseconds)
        lines += [
            "Content-Type: multipart/mixed; boundary=\"\(boundary)\"",
            "",
            "This is a multi-part message in MIME format.",
            "--" + boundary,
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ]
        lines.append(contentsOf: body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        lines += [
            "--" + boundary,
            "Content-Type: audio/wav; name=\"voicemail-\(id).wav\"",
            "Content-Transfer-Encoding: base64",
            "Content-Disposition: attachment; filename=\"voicemail-\(id).wav\"",
            "",
        ]
        var text = lines.joined(separator: "\r\n") + "\r\n"
        text += DemoMIME.base64Lines(wav)
        text += "--" + boundary + "--\r\n"
        return Array(text.utf8)
    }
}
