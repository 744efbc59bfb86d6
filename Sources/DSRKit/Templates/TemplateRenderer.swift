import Foundation
import Mustache

/// Renders the export's cover letter and page (issue 5, section 4) and the response letters and
/// notices (issue 11, section 4) from mustache templates.
///
/// Templates come from `templates_dir` in dsr.yaml, a copy of `templates/` the DPO edited, laid
/// out as `<dir>/<language>/<name>`; without one, from the copies built into the binary.
/// Values are HTML-escaped in `index.html`, written as they are in `letter.txt`.
public enum TemplateRenderer {
    /// The templates of the access export.
    public static let templateNames = ["letter.txt", "portability.txt", "index.html"]

    /// Renders `name` ("letter.txt" or "index.html") in `document.language` from `templatesDir`
    /// (a DPO's edited copy) or the built-in templates.
    ///
    /// - Throws: ``TemplateError``: `.missingLanguage` / `.missingTemplate` naming the path looked at;
    ///   `.syntax` / `.unknownField` naming the template file and line.
    public static func render(_ name: String, document: ExportDocument, templatesDir: URL?) throws -> String {
        try render(name, language: document.language, model: TemplateContext(document), templatesDir: templatesDir)
    }

    /// Renders `name` in `language` with `model`, from `templatesDir` or the built-in templates;
    /// a tag naming a field that `Model` does not have is refused.
    ///
    /// - Throws: ``TemplateError`` as ``render(_:document:templatesDir:)``;
    ///   `.unknownTemplateName` when `Model` does not render `name`.
    static func render<Model: TemplateModel>(
        _ name: String, language: String, model: Model, templatesDir: URL?
    ) throws -> String {
        guard Model.templateNames.contains(name) else {
            throw TemplateError.unknownTemplateName(name, known: Model.templateNames)
        }
        let source = try load(name, language: language, templatesDir: templatesDir)
        let html = name.hasSuffix(".html")
        // Compiled once per text: a bulk run writes hundreds of letters from the same few
        // templates, and parsing one cost more than rendering it (an edited file is new text).
        // The model's type stands for the fields the template was checked against.
        let key = "\(Model.self)\u{0}\(html)\u{0}\(source.path)\u{0}\(source.text)"
        let template = try compiled.template(key) {
            try compile(source.text, file: source.path, html: html, fields: Model.fieldNames)
        }
        return template.render(model)
    }

    private static let compiled = CompiledTemplates()

    /// Templates compiled so far in this process, by what they were compiled from.
    private final class CompiledTemplates: @unchecked Sendable {
        private let lock = NSLock()
        private var templates: [String: MustacheTemplate] = [:]

        func template(_ key: String, compile: () throws -> MustacheTemplate) throws -> MustacheTemplate {
            if let known = lock.withLock({ templates[key] }) { return known }
            let template = try compile()
            lock.withLock { templates[key] = template }
            return template
        }
    }

    // MARK: - Loading

    /// The text of a template and how messages name it.
    private struct Source {
        let text: String
        let path: String
    }

    private static func load(_ name: String, language: String, templatesDir: URL?) throws -> Source {
        guard let dir = templatesDir else {
            let path = "\(BuiltinTemplates.name):templates/\(language)/\(name)"
            guard let texts = BuiltinTemplates.texts[language] else {
                throw TemplateError.missingLanguage(
                    language: language, path: "\(BuiltinTemplates.name):templates/\(language)/",
                    available: BuiltinTemplates.languages)
            }
            guard let text = texts[name] else { throw TemplateError.missingTemplate(path: path) }
            return Source(text: text, path: path)
        }
        let languageDir = dir.appending(path: language, directoryHint: .isDirectory)
        var isFolder: ObjCBool = false
        // A language is a folder name; `..` or a `/` in it must not reach outside templates_dir.
        guard Self.isLanguageName(language),
            FileManager.default.fileExists(atPath: languageDir.path(percentEncoded: false), isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw TemplateError.missingLanguage(
                language: language, path: languageDir.path(percentEncoded: false), available: languages(in: dir))
        }
        let file = languageDir.appending(path: name)
        let path = file.path(percentEncoded: false)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemplateError.missingTemplate(path: path)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw TemplateError.notText(path: path) }
        return Source(text: text, path: path)
    }

    private static func isLanguageName(_ language: String) -> Bool {
        !language.isEmpty && language.count <= 16
            && language.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || $0 == "-" || $0 == "_")
            }
    }

    private static func languages(in dir: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path(percentEncoded: false))) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            let path = dir.appending(path: name).path(percentEncoded: false)
            return isLanguageName(name) && FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
                && isFolder.boolValue
        }.sorted()
    }

    // MARK: - Compiling

    /// Parses a template and checks what mustache itself lets through.
    static func compile(_ text: String, file: String, html: Bool, fields: Set<String>) throws -> MustacheTemplate {
        let tags = TemplateTags(text)
        let template: MustacheTemplate
        do {
            // Plain text must never be HTML-escaped, even when an edited letter lost its pragma;
            // a standalone pragma line renders as nothing.
            template = try MustacheTemplate(
                string: html || tags.declaresTextContent ? text : "{{% CONTENT_TYPE: TEXT}}\n" + text)
        } catch let error as MustacheTemplate.ParserError {
            throw syntaxError(error, tags: tags, file: file, shifted: !html && !tags.declaresTextContent)
        }
        if html, let tag = tags.unescapedOutput {
            throw TemplateError.syntax(
                file: file, line: tag.line,
                problem: "values in index.html must be HTML-escaped: use {{name}}, not {{{name}}}, {{&name}} "
                    + "or another CONTENT_TYPE")
        }
        if let (tag, name) = tags.unknownField(known: fields) {
            throw TemplateError.unknownField(file: file, line: tag.line, name: name)
        }
        return template
    }

    private static func syntaxError(
        _ error: MustacheTemplate.ParserError, tags: TemplateTags, file: String, shifted: Bool
    ) -> TemplateError {
        let line = error.context.lineNumber - (shifted ? 1 : 0)
        guard let problem = error.error as? MustacheTemplate.Error else {
            return .syntax(file: file, line: line, problem: "\(error.error)")
        }
        switch problem {
        case .expectedSectionEnd:
            guard let open = tags.unclosedSection else {
                return .syntax(file: file, line: line, problem: "a section is never closed")
            }
            return .syntax(
                file: file, line: open.line,
                problem: "section '\(open.body)' is never closed (add {{/\(open.body)}})")
        case .sectionCloseNameIncorrect:
            return .syntax(file: file, line: line, problem: "this closing tag does not match the open section")
        case .unfinishedName:
            return .syntax(file: file, line: line, problem: "a tag is not finished (missing }} or a bad name)")
        case .invalidSetDelimiter:
            return .syntax(file: file, line: line, problem: "bad set-delimiter tag")
        case .invalidConfigVariableSyntax, .unrecognisedConfigVariable:
            return .syntax(file: file, line: line, problem: "unknown {{% … }} setting (CONTENT_TYPE: TEXT or HTML)")
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return .syntax(file: file, line: line, problem: "bad template inheritance block")
        }
    }
}
