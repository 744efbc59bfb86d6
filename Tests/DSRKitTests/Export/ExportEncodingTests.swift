import Foundation
import Testing

@testable import DSRKit

/// `data/*.csv` cells are neutralised against formula injection (OWASP "CSV Injection"), while
/// `data/*.json` keeps every value exact.
@Suite struct ExportEncodingTests {
    /// OWASP: a cell starting with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`; quoting
    /// (RFC 4180) comes after. Text that looks like a number (`-42`, `+31…`) is text and is
    /// prefixed too; numbers stored as integers or reals stay numbers.
    @Test(arguments: [
        (ExportValue.text("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\""),
        (.text("=1+1"), "'=1+1"),
        (.text("+31703111050"), "'+31703111050"),
        (.text("-42"), "'-42"),
        (.text("@SUM(A1)"), "'@SUM(A1)"),
        (.text("\tcmd"), "'\tcmd"),
        (.text("\rcmd"), "\"'\rcmd\""),
        (.text("-1,5"), "\"'-1,5\""),
        (.text("jan@example.nl"), "jan@example.nl"),
        (.text("a=b"), "a=b"),
        (.text(""), ""),
        (.text("plain, with comma"), "\"plain, with comma\""),
        (.integer(-42), "-42"),
        (.real(-1.5), "-1.5"),
        (.null, ""),
    ])
    func csvCell(value: ExportValue, expected: String) {
        let table = ExportTable(name: "t", columns: ["c"], rows: [[value]])
        #expect(String(decoding: ExportEncoding.csv(table), as: UTF8.self) == "c\r\n" + expected + "\r\n")
    }

    @Test func csvDocumentNeutralisesAndJSONStaysExact() throws {
        let table = ExportTable(
            name: "contacts", columns: ["id", "phone", "note"],
            rows: [[.integer(-7), .text("+31703111050"), .text("=cmd|' /C calc'!A0")]])
        let csv = String(decoding: ExportEncoding.csv(table), as: UTF8.self)
        #expect(csv == "id,phone,note\r\n-7,'+31703111050,'=cmd|' /C calc'!A0\r\n")
        let json = try JSONSerialization.jsonObject(with: ExportEncoding.json(table)) as? [[String: Any]]
        #expect(json?.first?["phone"] as? String == "+31703111050")
        #expect(json?.first?["note"] as? String == "=cmd|' /C calc'!A0")
        #expect(json?.first?["id"] as? Int == -7)
    }
}
