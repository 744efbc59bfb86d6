import Foundation
import Testing

/// `dsr request close --outcome refused --reason …` end to end: the refusal letter (Art. 12(4))
/// is written into exports_dir and named in the output; without a reason the close is refused.
@Suite struct RefusalLetterEndToEndTests {
    let scratch: ScratchFolder
    var exports: URL { scratch.url.appending(path: "ws/exports") }

    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "12", "--calls", "1000"], in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
    }

    func dsr(_ arguments: [String]) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments + ["--config", "ws/dsr.yaml"], in: scratch.url)
    }

    func opened() throws -> String {
        let opened = try dsr(["request", "open", "--type", "erasure", "phone:+31681234567", "--json"])
        let object = try JSONSerialization.jsonObject(with: Data(opened.stdout.utf8)) as? [String: Any]
        return try #require(object?["id"] as? String)
    }

    @Test func aRefusalWritesTheLetterAndNamesItInTheJSON() throws {
        let id = try opened()
        let reason = "We could not verify your identity (Art. 12(6))."
        let closed = try dsr([
            "request", "close", id, "--outcome", "refused", "--reason", reason, "--lang", "nl", "--json",
        ])
        #expect(closed.code == 0, "\(closed.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(closed.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "closed" && object["outcome"] as? String == "refused")
        let path = try #require(object["letter"] as? String)
        #expect(path == exports.path(percentEncoded: false) + "/\(id)-refusal-letter.txt")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(((attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0) & 0o777 == 0o600)
        let letter = try String(contentsOfFile: path, encoding: .utf8)
        #expect(letter.contains("artikel 12, lid 4") && letter.contains(reason))
        #expect(letter.contains("Autoriteit Persoonsgegevens") && letter.contains("artikel 79"))
        #expect(!letter.contains("681234567"), "no identifier in the letter")
    }

    @Test func theTextOutputNamesTheLetter() throws {
        let id = try opened()
        let closed = try dsr(["request", "close", id, "--outcome", "refused", "--reason", "manifestly unfounded"])
        #expect(closed.code == 0, "\(closed.stderr)")
        #expect(closed.stdout.contains("refusal letter: ") && closed.stdout.contains("\(id)-refusal-letter.txt"))
    }

    @Test func withoutAReasonTheCloseIsRefusedAndNothingIsWritten() throws {
        let id = try opened()
        let refused = try dsr(["request", "close", id, "--outcome", "refused"])
        #expect(refused.code == 65, "\(refused.stderr)")
        #expect(refused.stderr.contains("Art. 12(4)"))
        #expect(
            (try? FileManager.default.contentsOfDirectory(atPath: exports.path(percentEncoded: false)))?.isEmpty ?? true
        )
        let shown = try dsr(["request", "show", id])
        #expect(shown.stdout.contains(" open"), "still open")
    }

    @Test func aLetterThatCannotBeWrittenLeavesTheRequestClosedAndExits73() throws {
        let id = try opened()
        try? FileManager.default.removeItem(at: exports)
        try Data().write(to: exports)
        let closed = try dsr([
            "request", "close", id, "--outcome", "refused", "--reason", "manifestly unfounded", "--json",
        ])
        #expect(closed.code == 73)
        #expect(closed.stderr.contains("the request is closed, but the refusal letter could not be written"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(closed.stdout.utf8)) as? [String: Any])
        #expect(object["status"] as? String == "closed")
        #expect(object["letter"] is NSNull && object["letter_error"] is String)
    }
}
