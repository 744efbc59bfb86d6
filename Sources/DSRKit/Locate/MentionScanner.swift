import Foundation

/// `locate --deep`: reads the text of every e-mail file the data map names and reports
/// mentions of the subject's phone numbers (in any form) and e-mail addresses.
///
/// Mentions are reported apart from records: a message that names someone in its body is
/// not theirs the way a message they sent is, but a DPO answering Art. 15 should look at it.
struct MentionScanner {
    let map: DataMap
    let files: FileResolver

    /// Digit runs that may be phone numbers: an optional `+`, then digits with the usual
    /// separators, at least 7 digits in all.
    private static let phonePattern = try! NSRegularExpression(
        pattern: #"(?<![\w+])\+?(?:\(0\)|[0-9])(?:[0-9 ()./-]|\(0\)){5,22}[0-9](?![0-9])"#)
    private static let emailPattern = try! NSRegularExpression(
        pattern:
            #"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+"#
    )

    /// Scans every e-mail file for `identifiers`; `located` marks records already found.
    func scan(
        for identifiers: [SubjectIdentifier], located: [LocatedRecord], defaultCountry: String,
        _ operations: any OperationsReader
    ) throws -> [Mention] {
        let wanted = Set(identifiers.filter { $0.kind == .phone || $0.kind == .email })
        guard !wanted.isEmpty else { return [] }
        let locatedRows = Set(located.map(\.record.row))
        var mentions: [Mention] = []
        for table in map.tables {
            for column in table.files where column.format == .email {
                try operations.scan(table.name, columns: [table.primaryKey, column.column], rows: nil) { _, values in
                    guard case .text(let path) = values[1], case .file(let url) = files.resolve(path),
                        let key = RecordKey(values[0]),
                        let bytes = FileManager.default.contents(atPath: url.path(percentEncoded: false))
                    else { return }
                    let found = Self.identifiers(in: MessageText.textParts(of: [UInt8](bytes)), country: defaultCountry)
                    let record = RecordReference(table: table.name, key: key)
                    for identifier in found.intersection(wanted).sorted(by: { $0.canonical < $1.canonical }) {
                        mentions.append(
                            Mention(
                                table: table.name, key: key, path: path, identifier: identifier.canonical,
                                recordLocated: locatedRows.contains(record)))
                    }
                }
            }
        }
        return mentions
    }

    /// Every phone number and e-mail address that reads cleanly in `texts`.
    static func identifiers(in texts: [String], country: String) -> Set<SubjectIdentifier> {
        var found = Set<SubjectIdentifier>()
        for text in texts {
            let range = NSRange(text.startIndex..., in: text)
            for match in phonePattern.matches(in: text, range: range) {
                guard let span = Range(match.range, in: text),
                    let number = try? PhoneNumber.parse(String(text[span]), context: country)
                else { continue }
                found.insert(.phone(number))
            }
            for match in emailPattern.matches(in: text, range: range) {
                guard let span = Range(match.range, in: text),
                    let address = try? EmailAddress.parse(String(text[span]))
                else { continue }
                found.insert(.email(address))
            }
        }
        return found
    }
}
