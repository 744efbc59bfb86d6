import Foundation
import Testing

/// Long jobs draw one overwritten progress line on stderr when it is a terminal, and nothing
/// when it is piped or the output is `--json` (issue 13: the first locate on a large
/// workspace builds the index for a minute, and should not do so in silence).
@Suite struct ProgressEndToEndTests {
    /// What every drawn reading starts with: back to the line's start, the line cleared.
    static let redraw = "\r\u{1B}[2K"

    let scratch: ScratchFolder

    /// 30,000 calls: the index build reads about 94,000 values, well over the meter's first
    /// 0.2 s in a debug build, and in a release build too.
    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "40", "--calls", "30000"], in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
    }

    @Test func theFirstLocateAndARebuildShowProgressOnATerminalOnly() throws {
        let config = ["--config", "ws/dsr.yaml"]
        // The demo leaves the index unbuilt: the first locate builds it.
        let locate = try PseudoTerminal.run(["locate", "phone:+31681234567"] + config, in: scratch.url)
        #expect(locate.code == 0, "\(locate.stderr)")
        #expect(locate.stderr.contains(Self.redraw + "building the index  ["), "\(locate.stderr.debugDescription)")
        #expect(locate.stderr.contains(" values  "))
        #expect(locate.stderr.hasSuffix(Self.redraw), "the line is cleared at the end")
        #expect(!locate.stdout.contains("\u{1B}"), "stdout, not a terminal, gets no progress")
        #expect(!locate.stdout.isEmpty)

        let shown = try PseudoTerminal.run(["index", "rebuild"] + config, in: scratch.url)
        #expect(shown.code == 0, "\(shown.stderr)")
        #expect(shown.stderr.contains(Self.redraw + "building the index  ["))
        #expect(shown.stdout.hasPrefix("Index built from scratch."))

        let piped = try DSRProcess.run(["index", "rebuild"] + config, in: scratch.url)
        #expect(piped.code == 0, "\(piped.stderr)")
        #expect(piped.stderr.isEmpty, "piped: \(piped.stderr.debugDescription)")

        let json = try PseudoTerminal.run(["index", "rebuild", "--json"] + config, in: scratch.url)
        #expect(json.code == 0, "\(json.stderr)")
        #expect(json.stderr.isEmpty, "--json on a terminal: \(json.stderr.debugDescription)")
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(document?["cleared"] as? Bool == true)

        // Nothing left to do: no line drawn, not even one cleared.
        let quiet = try PseudoTerminal.run(["index", "refresh"] + config, in: scratch.url)
        #expect(quiet.code == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr.debugDescription)")
    }

    @Test func aBulkRunShowsItsRowsOnATerminalOnly() throws {
        let config = ["--config", "ws/dsr.yaml"]
        #expect(try DSRProcess.run(["index", "rebuild"] + config, in: scratch.url).code == 0)
        func file(_ name: String, _ prefix: String) throws -> String {
            let lines = (0..<120).map {
                #"{"ref": "\#(prefix)-\#($0)", "action": "locate", "identifiers": ["phone:+31681234567"]}"#
            }
            try lines.joined(separator: "\n").write(
                to: scratch.url.appending(path: name), atomically: true, encoding: .utf8)
            return name
        }
        let shown = try PseudoTerminal.run(["bulk", try file("a.jsonl", "a")] + config, in: scratch.url)
        #expect(shown.code == 0, "\(shown.stderr)")
        #expect(shown.stderr.contains(Self.redraw + "bulk requests  ["), "\(shown.stderr.debugDescription)")
        #expect(shown.stderr.contains("/120 rows"))
        #expect(shown.stderr.hasSuffix(Self.redraw), "the line is cleared at the end")

        let piped = try DSRProcess.run(["bulk", try file("b.jsonl", "b")] + config, in: scratch.url)
        #expect(piped.code == 0, "\(piped.stderr)")
        #expect(piped.stderr.isEmpty, "piped: \(piped.stderr.debugDescription)")
        #expect(piped.stdout.contains("120 done"))
    }
}
