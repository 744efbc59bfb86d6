import Foundation

/// Headless Chromium (Debian's `chromium`, installed by `make deps`) run as a child process.
enum Chromium {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `$CHROMIUM`, else `chromium` or `chromium-browser` on `PATH`, else nil.
    static let executable: URL? = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["CHROMIUM"] { return URL(filePath: explicit) }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return URL(filePath: folder).appending(path: name)
            }
        }
        return nil
    }()

    /// Whether Chromium is there; says so loudly on stderr, once, when it is not, because a
    /// test disabled by a trait is easy to miss in the summary.
    static let isAvailable: Bool = {
        if let executable, FileManager.default.isExecutableFile(atPath: executable.path(percentEncoded: false)) {
            return true
        }
        FileHandle.standardError.write(
            Data("BrowserEndToEndTests SKIPPED: chromium not installed; run `make deps` as root\n".utf8))
        return false
    }()

    /// The longest one rendering may take before Chromium is killed.
    static let timeout: TimeInterval = 60

    /// Renders `page` headless and returns the DOM Chromium serialised after the load event.
    ///
    /// A fresh profile under `scratch` keeps runs independent of each other and of `$HOME`.
    /// - Throws: ``Failure`` when Chromium cannot start, exits with an error or outlives ``timeout``.
    static func dumpDOM(of page: URL, width: Int = 1280, height: Int = 1200, scratch: URL) throws -> String {
        guard let executable else { throw Failure(description: "chromium not installed; run `make deps` as root") }
        let profile = scratch.appending(path: "chromium-profile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            "--user-data-dir=\(profile.path(percentEncoded: false))", "--window-size=\(width),\(height)",
            "--dump-dom", page.absoluteString,
        ]
        // Chromium writes the DOM to stdout, chatter to stderr.
        guard let outcome = try DSRProcess.execute(executable, arguments, in: nil, timeout: timeout) else {
            throw Failure(description: "chromium did not finish rendering \(page.lastPathComponent) in \(timeout) s")
        }
        let dom = outcome.stdout
        guard outcome.code == 0, !dom.isEmpty else {
            throw Failure(
                description: "chromium exited with \(outcome.code) on \(page.lastPathComponent): \(outcome.stderr)")
        }
        return dom
    }

    // MARK: - Measuring a page at phone width

    /// What the measuring script saw in the page: widths in CSS pixels.
    struct Measurement: Decodable {
        struct Table: Decodable {
            /// The id or text of the heading above the table (titles only, never a cell).
            var label: String
            var width: Int
            /// The width of the table's parent box: what the reader sees without scrolling it.
            var room: Int
        }
        struct Outlier: Decodable {
            var element: String
            var right: Int
        }
        var phase: String
        var scrollWidth: Int
        var clientWidth: Int
        var innerWidth: Int
        var textLength: Int
        var tables: [Table]
        /// The element, outside any scrolling box, whose right edge sticks out furthest.
        var outlier: Outlier?
    }

    /// Renders `page` in a `width`-pixel-wide viewport and returns what it measured.
    ///
    /// Chromium lays a headless window out at no less than 500 px whatever `--window-size`
    /// says, so the page is measured in an iframe of `width` px (a real viewport: media
    /// queries see `width`). A test-only copy of the page carries a script before `</body>`
    /// that measures on load and posts the numbers to the frame page, which keeps them in an
    /// element that `--dump-dom` prints.
    /// - Throws: ``Failure`` when Chromium fails or the script reported nothing.
    static func measure(_ page: URL, width: Int, scratch: URL) throws -> Measurement {
        let html = try String(contentsOf: page, encoding: .utf8)
        guard let end = html.range(of: "</body>", options: .backwards) else {
            throw Failure(description: "\(page.lastPathComponent) has no </body>")
        }
        let folder = page.deletingLastPathComponent()
        let copy = folder.appending(path: "dsr-measured-\(UUID().uuidString).html")
        let frame = folder.appending(path: "dsr-measure-frame-\(UUID().uuidString).html")
        try html.replacingCharacters(in: end, with: measuringScript + "</body>").write(
            to: copy, atomically: true, encoding: .utf8)
        try framePage(copy.lastPathComponent, width: width).write(to: frame, atomically: true, encoding: .utf8)
        defer {
            try? FileManager.default.removeItem(at: copy)
            try? FileManager.default.removeItem(at: frame)
        }
        let dom = try dumpDOM(of: frame, width: max(width, 500), scratch: scratch)
        let pattern = try Regex(#"<script type="application/json" id="dsr-measure">([^<]*)</script>"#)
        guard let match = dom.firstMatch(of: pattern), let json = match.output[1].substring, !json.isEmpty
        else { throw Failure(description: "the measuring script in \(page.lastPathComponent) reported nothing") }
        let measurement = try JSONDecoder().decode(Measurement.self, from: Data(json.utf8))
        guard measurement.phase == "load" else {
            throw Failure(description: "the page was measured before its load event (\(measurement.phase))")
        }
        return measurement
    }

    private static func framePage(_ source: String, width: Int) -> String {
        """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8">
        <style>html, body { margin: 0; } iframe { border: 0; width: \(width)px; height: 1200px; }</style>
        </head><body><iframe src="\(source)"></iframe>
        <script type="application/json" id="dsr-measure"></script>
        <script>
        window.addEventListener("message", function (event) {
          document.getElementById("dsr-measure").textContent = event.data;
        });
        </script></body></html>
        """
    }

    /// Measures the page it sits in, inline and again on load, keeps the JSON in an element of
    /// its own and posts it to the parent frame. `<` is escaped so the JSON can never end the `<script>` element holding it.
    private static let measuringScript = #"""
        <script>
        (function () {
          function label(table, index) {
            for (var node = table; node; node = node.parentElement) {
              for (var s = node.previousElementSibling; s; s = s.previousElementSibling) {
                if (/^H[1-6]$/.test(s.tagName)) return s.id || s.textContent.trim();
              }
            }
            return "table " + (index + 1);
          }
          function clipped(element) {
            for (var node = element.parentElement; node && node !== document.body; node = node.parentElement) {
              if (getComputedStyle(node).overflowX !== "visible") return true;
            }
            return false;
          }
          function describe(element) {
            var name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "");
            if (typeof element.className === "string" && element.className) name += "." + element.className;
            var section = element.closest("section");
            return section && section.id ? name + " in #" + section.id : name;
          }
          function measure(phase) {
            var root = document.documentElement;
            var tables = Array.prototype.map.call(document.querySelectorAll("table"), function (t, i) {
              return { label: label(t, i), width: t.scrollWidth, room: t.parentElement.clientWidth };
            });
            var outlier = null;
            Array.prototype.forEach.call(document.body.querySelectorAll("*"), function (element) {
              var right = Math.ceil(element.getBoundingClientRect().right + window.scrollX);
              if (right > (outlier ? outlier.right : root.clientWidth) && !clipped(element)) {
                outlier = { element: describe(element), right: right };
              }
            });
            var result = JSON.stringify({ phase: phase, scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
              innerWidth: window.innerWidth, textLength: document.body.innerText.trim().length, tables: tables,
              outlier: outlier }).replace(/</g, "\\u003c");
            var kept = document.getElementById("dsr-measure");
            if (!kept) {
              kept = document.createElement("script");
              kept.type = "application/json";
              kept.id = "dsr-measure";
              document.body.appendChild(kept);
            }
            kept.textContent = result;
            if (window.parent !== window) window.parent.postMessage(result, "*");
          }
          measure("inline");
          window.addEventListener("load", function () { measure("load"); });
        })();
        </script>

        """#
}
