import Foundation
import Testing

/// The access export's `index.html` rendered in headless Chromium, as the person opens it.
@Suite(.enabled(if: Chromium.isAvailable, "chromium not installed; run `make deps` as root"))
struct BrowserEndToEndTests {
    let scratch: ScratchFolder
    /// The extracted archive of the demo caller, recordings included.
    let root: URL
    var page: URL { root.appending(path: "index.html") }

    init() throws {
        scratch = try ScratchFolder()
        let demo = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "12", "--calls", "3000"], in: scratch.url)
        #expect(demo.code == 0, "\(demo.stderr)")
        // The caller's recordings are processor data: without the flag the page has no <audio>.
        let exported = try DSRProcess.run(
            [
                "export", "phone:+31681234567", "email:sanne.bakker@example.nl", "--include-processor-data",
                "-o", "out.zip", "--config", "ws/dsr.yaml",
            ], in: scratch.url)
        #expect(exported.code == 0, "\(exported.stderr)")
        root = scratch.url.appending(path: "x")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let bsdtar = Process()
        bsdtar.executableURL = URL(filePath: "/usr/bin/bsdtar")
        bsdtar.arguments = ["-xf", scratch.url.appending(path: "out.zip").path, "-C", root.path]
        try bsdtar.run()
        bsdtar.waitUntilExit()
        #expect(bsdtar.terminationStatus == 0, "bsdtar")
    }

    /// The demo's `controller_name` as its dsr.yaml spells it (plain or double-quoted).
    func controllerName() throws -> String {
        let yaml = try String(contentsOf: scratch.url.appending(path: "ws/dsr.yaml"), encoding: .utf8)
        let line = try #require(yaml.split(separator: "\n").first { $0.hasPrefix("controller_name:") })
        let value = line.dropFirst("controller_name:".count).drop { $0 == " " }
        guard value.first == "\"" else {
            return String(value.prefix { $0 != "#" }).trimmingCharacters(in: .whitespaces)
        }
        var name = ""
        var escaped = false
        for character in value.dropFirst() {
            if escaped {
                name.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return name
            } else {
                name.append(character)
            }
        }
        Issue.record("controller_name has no closing quote: \(line)")
        return name
    }

    @Test func thePageIsNotBlankAndHasItsTitle() throws {
        let dom = try Chromium.dumpDOM(of: page, scratch: scratch.url)
        let title = "Your personal data at \(try controllerName())"
        #expect(Self.text(of: "title", in: dom) == title)
        #expect(Self.text(of: "h1", in: dom) == title)
        for section in ["who", "categories", "processing", "records", "audio", "files", "rights"] {
            #expect(dom.contains("<section id=\"\(section)\">"), "section #\(section) rendered")
        }
        #expect(dom.components(separatedBy: "<td").count > 100, "the record tables have their cells")
    }

    @Test func everyAudioSourceAndRelativeLinkIsAFileInTheArchive() throws {
        let dom = try Chromium.dumpDOM(of: page, scratch: scratch.url)
        let sources = try Self.matches(#"<audio\b[^>]*\ssrc="([^"]*)""#, in: dom)
        let links = try Self.matches(#"<a\b[^>]*\shref="([^"]*)""#, in: dom)
        let recordings = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".wav") }
        #expect(!recordings.isEmpty, "the demo caller's archive holds recordings")
        #expect(sources.count >= recordings.count, "an <audio> for each of the \(recordings.count) recordings")
        #expect(Self.missingTargets(of: sources + links, in: root) == [])
    }

    /// The check above must catch a broken page: here, a copy with links to files not in the archive.
    @Test func aLinkToAMissingFileIsCaught() throws {
        let html = try String(contentsOf: page, encoding: .utf8)
        let broken = html.replacingOccurrences(
            of: "</body>",
            with: #"<a href="files/recordings/no%20such.wav">x</a><audio src="files/gone.wav"></audio></body>"#)
        let copy = root.appending(path: "broken.html")
        try broken.write(to: copy, atomically: true, encoding: .utf8)
        let dom = try Chromium.dumpDOM(of: copy, scratch: scratch.url)
        let targets =
            try Self.matches(#"<audio\b[^>]*\ssrc="([^"]*)""#, in: dom)
            + Self.matches(#"<a\b[^>]*\shref="([^"]*)""#, in: dom)
        #expect(
            Self.missingTargets(of: targets, in: root) == [
                "files/gone.wav: no such file in the archive",
                "files/recordings/no%20such.wav: no such file in the archive",
            ])
    }

    @Test func atPhoneWidthTheReaderNeverScrollsSideways() throws {
        let measured = try Chromium.measure(page, width: 390, scratch: scratch.url)
        #expect(measured.innerWidth == 390, "the page was laid out at 390 px")
        #expect(measured.textLength > 1000, "the page shows its text")
        #expect(!measured.tables.isEmpty, "the page has its tables")
        let page = measured.outlier.map { ", widest: \($0.element) reaches \($0.right) px" } ?? ""
        #expect(
            measured.scrollWidth <= min(measured.innerWidth, measured.clientWidth),
            "the page is \(measured.scrollWidth) px wide in a \(measured.innerWidth) px window\(page)")
        let tooWide = measured.tables.filter { $0.width > $0.room }.sorted { $0.width > $1.width }
        if let widest = tooWide.first {
            Issue.record(
                """
                at 390 px the reader must scroll \(tooWide.count) of \(measured.tables.count) tables sideways; \
                widest: \(widest.label) is \(widest.width) px wide in a \(widest.room) px column \
                (others: \(tooWide.dropFirst().map { "\($0.label) \($0.width) px" }.joined(separator: ", ")))
                """)
        }
    }

    // MARK: - Reading the dumped DOM

    /// The first capture group of every match of `pattern`, HTML entities decoded.
    static func matches(_ pattern: String, in dom: String) throws -> [String] {
        let regex = try Regex(pattern)
        return dom.matches(of: regex).map { unescaped(String($0.output[1].substring ?? "")) }
    }

    /// The text of the first `<tag>` element (attributes allowed, no markup inside).
    static func text(of tag: String, in dom: String) -> String? {
        let pattern = try? Regex("<\(tag)\\b[^>]*>([^<]*)</\(tag)>")
        return pattern.flatMap { dom.firstMatch(of: $0) }.map { unescaped(String($0.output[1].substring ?? "")) }
    }

    /// Undoes the escaping a serialised DOM applies to text and attribute values.
    static func unescaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&nbsp;", with: "\u{A0}")
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// Every relative URL in `urls` that does not name a file inside `root`, with the reason, sorted.
    /// Fragment-only links stay in the page and links with a scheme leave it: neither is checked.
    static func missingTargets(of urls: [String], in root: URL) -> [String] {
        let base = root.standardizedFileURL.path(percentEncoded: false)
        var problems = Set<String>()
        for url in urls where !url.hasPrefix("#") && url.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.\-]*:/) == nil {
            let path = url.prefix { $0 != "#" && $0 != "?" }
            guard let decoded = path.removingPercentEncoding, !decoded.isEmpty else {
                problems.insert("\(url): not a valid relative URL")
                continue
            }
            let target = root.appending(path: decoded).standardizedFileURL.path(percentEncoded: false)
            var isFolder: ObjCBool = false
            if decoded.hasPrefix("/") || !target.hasPrefix(base + "/") {
                problems.insert("\(url): points outside the archive")
            } else if !FileManager.default.fileExists(atPath: target, isDirectory: &isFolder) || isFolder.boolValue {
                problems.insert("\(url): no such file in the archive")
            }
        }
        return problems.sorted()
    }
}
