import Foundation
import Testing

@testable import DSRKit

/// The letter and the page: every Art. 15(1) item in every language, escaping, no external
/// resources, and errors that name the template file and line.
@Suite struct TemplateRendererTests {
    /// Words each language's letter must contain, one entry per Art. 15(1) item.
    static let markers: [String: [String: [String]]] = [
        "en": [
            "a": ["(a) Purpose:", "Legal basis:"], "b": ["(b) Categories of personal data:"],
            "c": ["(c) Recipients:"], "d": ["(d) How long we keep it:"],
            "e": ["rectification", "erasure", "restriction of processing", "object"],
            "f": ["lodge a complaint with", "supervisory authority"],
            "g": ["WHERE THE DATA COMES FROM", "comes from you", "telephone network"],
            "h": ["no decisions about you by automated means", "profiling"],
            "15(4)": ["DATA WE HOLD FOR SOMEONE ELSE", "Voice messages: 1 record(s)"],
        ],
        "nl": [
            "a": ["(a) Doel:", "Rechtsgrond:"], "b": ["(b) Categorieën van persoonsgegevens:"],
            "c": ["(c) Ontvangers:"], "d": ["(d) Bewaartermijn:"],
            "e": ["rectificatie", "wissen", "beperking van de verwerking", "bezwaar"],
            "f": ["klacht in te", "toezichthoudende autoriteit"],
            "g": ["WAAR DE GEGEVENS VANDAAN KOMEN", "komen van u zelf", "telefoonnetwerk"],
            "h": ["uitsluitend op geautomatiseerde verwerking", "profilering"],
            "15(4)": ["GEGEVENS DIE WIJ VOOR EEN ANDER BEWAREN", "Voicemailberichten: 1 gegeven(s)"],
        ],
        "bg": [
            "a": ["а) Цел на обработването:", "Правно основание:"], "b": ["б) Категории лични данни:"],
            "c": ["в) Получатели:"], "d": ["г) Срок на съхранение:"],
            "e": [
                "право на коригиране", "право на изтриване", "право на ограничаване на обработването",
                "право на възражение",
            ],
            "f": ["да подадете жалба до", "надзорен орган"],
            "g": ["ОТКЪДЕ СА ДАННИТЕ", "предоставени от Вас", "телефонната мрежа"],
            "h": ["автоматизирано обработване", "профилиране"],
            "15(4)": ["ДАННИ, КОИТО СЪХРАНЯВАМЕ ЗА ДРУГ АДМИНИСТРАТОР", "Гласови съобщения: брой записи 1"],
        ],
    ]

    // MARK: - The letter

    @Test(arguments: TemplateFixture.languages)
    func letterCarriesEveryArticle15Item(language: String) throws {
        let document = try TemplateFixture.document(language: language)
        let letter = try TemplateRenderer.render("letter.txt", document: document, templatesDir: nil)
        for (item, words) in try #require(Self.markers[language]) {
            for word in words { #expect(letter.contains(word), "\(language) Art. 15(1)(\(item)): '\(word)'") }
        }
        // The facts themselves come from the document, table by table (Art. 15(1)(a)–(d)).
        for section in document.processing {
            #expect(letter.contains(section.title))
            #expect(letter.contains(section.purpose))
            #expect(letter.contains(section.legalBasis))
            #expect(letter.contains(section.retention))
            for value in section.categories + section.recipients { #expect(letter.contains(value)) }
        }
        #expect(letter.contains(document.controller.supervisoryAuthority))
        #expect(letter.contains(document.controller.dpoContact))
        #expect(letter.contains(document.processorNotes[0].title))
        #expect(letter.contains("R-2026-0042"))
        #expect(letter.contains(" +31681234567\n") && !letter.contains("phone:+31681234567"))
        #expect(letter.contains(document.date) && !letter.contains(document.generatedAt))
        #expect(letter.contains(TemplateFixture.transfer))
        // A plain-text letter is not HTML-escaped.
        #expect(letter.contains("Numbers & Co \"NL\" B.V."))
        #expect(!letter.contains("&amp;") && !letter.contains("&quot;") && !letter.contains("{{"))
    }

    @Test func bulgarianIsCyrillic() throws {
        let letter = try TemplateRenderer.render(
            "letter.txt", document: TemplateFixture.document(language: "bg"), templatesDir: nil)
        // The data map's purposes are English text; the letter around them must still be Bulgarian.
        #expect(Self.cyrillicShare(letter) > 0.5, "\(Self.cyrillicShare(letter))")
        for name in TemplateRenderer.templateNames {
            let prose = try #require(BuiltinTemplates.texts["bg"]?[name]).replacing(/\{\{[^}]*\}\}/, with: "")
            let share = Self.cyrillicShare(name == "index.html" ? Self.visibleText(prose) : prose)
            #expect(share > 0.9, "bg/\(name): \(share)")
        }
    }

    @Test func sectionsWithoutDataAreLeftOut() throws {
        var document = try TemplateFixture.document(language: "en")
        document.processorNotes = []
        document.processing = []
        document.requestID = nil
        let letter = try TemplateRenderer.render("letter.txt", document: document, templatesDir: nil)
        #expect(!letter.contains("SOMEONE ELSE"))
        #expect(!letter.contains("Our reference"))
        #expect(letter.contains("We found no personal data about you"))
        #expect(letter.contains("supervisory authority"))
    }

    // MARK: - The page

    @Test(arguments: TemplateFixture.languages)
    func pageEscapesEveryValue(language: String) throws {
        let page = try TemplateRenderer.render(
            "index.html", document: TemplateFixture.document(language: language), templatesDir: nil)
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!page.lowercased().contains("<script"))
        #expect(page.contains("Иван &quot;Ване&quot; Петров, Jr.") || page.contains("Иван &#34;Ване&#34; Петров, Jr."))
        #expect(page.contains("Numbers &amp; Co &quot;NL&quot; B.V."))
        #expect(!page.contains("{{"))
    }

    @Test(arguments: TemplateFixture.languages)
    func pageShowsTablesAudioAndFiles(language: String) throws {
        let document = try TemplateFixture.document(language: language)
        let page = try TemplateRenderer.render("index.html", document: document, templatesDir: nil)
        // One table of records per table section, besides the summary of categories.
        #expect(page.components(separatedBy: "<table class=\"records\">").count - 1 == document.tables.count)
        #expect(page.contains(#"<audio controls preload="none" src="files/recordings/2026/03/7.wav"></audio>"#))
        #expect(page.contains(#"href="files/emails/2026/03/12%20complaint%231.eml""#))
        for file in document.files { #expect(page.contains(#"href="\#(TemplateContext.href(file.path))""#)) }
        for category in document.processing.flatMap(\.categories) { #expect(page.contains("<tr><td>\(category)</td>")) }
        #expect(page.contains(document.controller.supervisoryAuthority))
        #expect(page.contains(document.processorNotes[0].title))
        #expect(page.contains("<th scope=\"col\">Name</th>"))
        // The narrow layout shows each value under its heading; context rows are marked.
        #expect(page.contains(#"<td data-label="Name">&lt;script&gt;"#))
        #expect(page.contains(#"<tr class="context"><td data-label="Ref.">2</td>"#))
        #expect(page.contains("<dt>Number called</dt><dd>+31800200123</dd>"))
        #expect(page.contains(TemplateFixture.transfer))
        #expect(page.contains(document.timeZone))
    }

    @Test func categoriesGroupTheTablesThatHoldThem() throws {
        var document = try TemplateFixture.document(language: "en")
        document.processing[3].categories.append(document.processing[2].categories[0])
        let grouped = TemplateContext(document).categories
        #expect(grouped.count == Set(document.processing.flatMap(\.categories)).count)
        #expect(grouped.first { $0.name == document.processing[2].categories[0] }?.tables == ["Calls", "Recordings"])
        let page = try TemplateRenderer.render("index.html", document: document, templatesDir: nil)
        #expect(page.contains("<td>Calls, Recordings</td>"))
    }

    @Test(arguments: TemplateFixture.languages)
    func pageHasNoExternalResources(language: String) throws {
        var document = try TemplateFixture.document(language: language)
        // Paths are archive paths; even hostile ones must stay relative links.
        document.files += [
            FileItem(path: "https://cdn.example/x.wav", label: "x", format: "audio"),
            FileItem(path: "//cdn.example/y.wav", label: "y", format: "audio"),
            FileItem(path: "javascript:alert(1)", label: "z", format: "email"),
        ]
        document.audio = document.files
        let page = try TemplateRenderer.render("index.html", document: document, templatesDir: nil)
        let references = page.matches(of: /(?i)\b(src|href|poster|action|data|srcset)\s*=\s*"([^"]*)"/)
        #expect(!references.isEmpty)
        for reference in references {
            let target = String(reference.output.2)
            #expect(target.wholeMatch(of: /[A-Za-z][A-Za-z0-9+.\-]*:.*/) == nil, "scheme in \(target)")
            #expect(!target.hasPrefix("//"), "network path \(target)")
        }
        let lowered = page.lowercased()
        // Hostile paths may show as text (in <code>); they must never be fetched.
        for marker in ["url(", "@import", "<link", "<script", "<iframe", "<img", "<object", "<embed"] {
            #expect(!lowered.contains(marker), "\(language): \(marker)")
        }
    }

    @Test func hrefEncodesEverythingButUnreservedAndSlash() {
        #expect(TemplateContext.href("files/recordings/2026/03/7.wav") == "files/recordings/2026/03/7.wav")
        #expect(TemplateContext.href("files/a b#c?d.eml") == "files/a%20b%23c%3Fd.eml")
        #expect(TemplateContext.href("https://x/y") == "https%3A//x/y")
        #expect(TemplateContext.href("//x/y") == "/x/y")
        #expect(TemplateContext.href("files/Иван.eml") == "files/%D0%98%D0%B2%D0%B0%D0%BD.eml")
    }

    // MARK: - A DPO's templates

    @Test func editedTemplatesAreUsed() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "nl"), withIntermediateDirectories: true)
        try folder.write("{{% CONTENT_TYPE: TEXT}}\nBeste {{controller.name}},\n", to: "nl/letter.txt")
        let letter = try TemplateRenderer.render(
            "letter.txt", document: TemplateFixture.document(language: "nl"), templatesDir: folder.url)
        #expect(letter == "Beste Numbers & Co \"NL\" B.V.,\n")
    }

    @Test func aLetterWithoutThePragmaIsStillPlainText() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "en"), withIntermediateDirectories: true)
        try folder.write("Dear {{controller.name}},\n{{#processing}\n", to: "en/letter.txt")
        // Line numbers count the DPO's file, not the pragma dsr adds in front of it.
        let error = try Self.error(rendering: "letter.txt", language: "en", from: folder)
        #expect(error == .syntax(file: folder.path("en/letter.txt"), line: 2, problem: error.problem))
        try folder.write("Dear {{controller.name}},\n", to: "en/letter.txt")
        let letter = try TemplateRenderer.render(
            "letter.txt", document: TemplateFixture.document(language: "en"), templatesDir: folder.url)
        #expect(letter == "Dear Numbers & Co \"NL\" B.V.,\n")
    }

    @Test func anUnclosedSectionNamesTheFileAndTheLineItOpens() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "bg"), withIntermediateDirectories: true)
        try folder.write(
            "{{% CONTENT_TYPE: TEXT}}\n{{controller.name}}\n{{#processing}}\n{{title}}\n\nКрай\n", to: "bg/letter.txt")
        let error = try Self.error(rendering: "letter.txt", language: "bg", from: folder)
        let file = folder.path("bg/letter.txt")
        #expect(
            error == .syntax(file: file, line: 3, problem: "section 'processing' is never closed (add {{/processing}})")
        )
        #expect(error.kind == .badData)
        #expect(error.description.hasPrefix("\(file):3: "))
    }

    @Test func aMismatchedCloseNamesItsLine() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "en"), withIntermediateDirectories: true)
        try folder.write("<p>\n{{#processing}}\n{{title}}\n{{/tables}}\n</p>\n", to: "en/index.html")
        let error = try Self.error(rendering: "index.html", language: "en", from: folder)
        #expect(error.description.hasPrefix("\(folder.path("en/index.html")):4: "))
    }

    @Test func anUnknownFieldNamesItsLine() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "en"), withIntermediateDirectories: true)
        try folder.write("{{% CONTENT_TYPE: TEXT}}\n{{controller.name}}\n\n{{controler.email}}\n", to: "en/letter.txt")
        let error = try Self.error(rendering: "letter.txt", language: "en", from: folder)
        #expect(error == .unknownField(file: folder.path("en/letter.txt"), line: 4, name: "controler.email"))
    }

    @Test func unescapedOutputIsRefusedInThePage() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "en"), withIntermediateDirectories: true)
        for (text, line) in [
            ("<p>\n{{{controller.name}}}</p>\n", 2), ("<p>{{&controller.name}}</p>\n", 1),
            ("\n\n{{% CONTENT_TYPE: TEXT}}\n<p>{{controller.name}}</p>\n", 3),
        ] {
            try folder.write(text, to: "en/index.html")
            let error = try Self.error(rendering: "index.html", language: "en", from: folder)
            #expect(error.description.hasPrefix("\(folder.path("en/index.html")):\(line): "), "\(error)")
        }
    }

    @Test func aMissingLanguageNamesThePath() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "en"), withIntermediateDirectories: true)
        for language in ["fr", "../en"] {
            let error = try Self.error(rendering: "letter.txt", language: language, from: folder)
            let path = folder.url.appending(path: language, directoryHint: .isDirectory).path(percentEncoded: false)
            #expect(error == .missingLanguage(language: language, path: path, available: ["en"]))
            #expect(error.kind == .missingInput)
            #expect(error.description.contains(path))
        }
        var document = try TemplateFixture.document(language: "en")
        document.language = "fr"
        #expect {
            try TemplateRenderer.render("letter.txt", document: document, templatesDir: nil)
        } throws: { error in
            (error as? TemplateError)?.description.contains("builtin:templates/fr/") == true
        }
    }

    @Test func aMissingTemplateNamesThePath() throws {
        let folder = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: folder.url.appending(path: "nl"), withIntermediateDirectories: true)
        let error = try Self.error(rendering: "index.html", language: "nl", from: folder)
        #expect(error == .missingTemplate(path: folder.path("nl/index.html")))
        #expect(error.kind == .missingInput)
    }

    // MARK: - Built-in copies

    @Test func embeddedTemplatesEqualTheFiles() throws {
        let root = TemplateFixture.repository.appending(path: "templates")
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: root.path(percentEncoded: false))
            .filter { !$0.contains(".") }
        #expect(Set(onDisk) == Set(BuiltinTemplates.languages))
        #expect(Set(BuiltinTemplates.texts.keys) == Set(BuiltinTemplates.languages))
        for language in BuiltinTemplates.languages {
            let files = try FileManager.default.contentsOfDirectory(
                atPath: root.appending(path: language).path(percentEncoded: false))
            let shipped = TemplateRenderer.templateNames + LetterOutcome.templateNames
            #expect(Set(files) == Set(shipped), "\(language)")
            for name in shipped {
                let file = try Data(contentsOf: root.appending(path: "\(language)/\(name)"))
                let embedded = Data((BuiltinTemplates.texts[language]?[name] ?? "").utf8)
                #expect(
                    embedded == file,
                    "templates/\(language)/\(name) differs from the binary's copy: run templates/embed.sh")
            }
        }
    }

    @Test func theShippedTemplatesRenderFromTheFolderToo() throws {
        let root = TemplateFixture.repository.appending(path: "templates")
        for language in BuiltinTemplates.languages {
            let document = try TemplateFixture.document(language: language)
            for name in TemplateRenderer.templateNames {
                let fromFolder = try TemplateRenderer.render(name, document: document, templatesDir: root)
                #expect(fromFolder == (try TemplateRenderer.render(name, document: document, templatesDir: nil)))
            }
        }
    }

    // MARK: - Helpers

    static func error(rendering name: String, language: String, from folder: TemporaryDirectory) throws -> TemplateError
    {
        var document = try TemplateFixture.document(language: language)
        document.language = language
        do {
            _ = try TemplateRenderer.render(name, document: document, templatesDir: folder.url)
        } catch let error as TemplateError {
            return error
        }
        Issue.record("rendering \(language)/\(name) did not fail")
        throw CancellationError()
    }

    /// The share of letters that are Cyrillic (U+0400–U+04FF).
    static func cyrillicShare(_ text: String) -> Double {
        let letters = text.unicodeScalars.filter(\.properties.isAlphabetic)
        let cyrillic = letters.filter { (0x0400...0x04FF).contains($0.value) }
        return letters.isEmpty ? 0 : Double(cyrillic.count) / Double(letters.count)
    }

    /// An HTML page's text without its tags and its style sheet.
    static func visibleText(_ html: String) -> String {
        html.replacing(/(?s)<style>.*<\/style>/, with: "").replacing(/<[^>]*>/, with: " ")
    }
}

extension TemplateError {
    /// The problem text of a syntax error, to compare the rest of it.
    fileprivate var problem: String {
        if case .syntax(_, _, let problem) = self { return problem }
        return ""
    }
}
