/// Problems with the letter and page templates: a missing file or language, or a template that
/// does not parse. Messages name the template file and line, never the data rendered into it.
public enum TemplateError: DSRError, Equatable {
    /// There is no folder of templates for the language; `path` is where dsr looked.
    case missingLanguage(language: String, path: String, available: [String])
    /// The language folder exists but this template is not in it.
    case missingTemplate(path: String)
    /// The template file is not UTF-8 text.
    case notText(path: String)
    /// The template does not parse: an unclosed or mismatched section, a broken tag.
    case syntax(file: String, line: Int, problem: String)
    /// A tag names a field the data rendered does not have (a typo would print nothing).
    case unknownField(file: String, line: Int, name: String)
    /// A template name dsr does not render with the data given (a bug in the caller).
    case unknownTemplateName(String, known: [String])

    public var kind: FailureKind {
        switch self {
        case .missingLanguage, .missingTemplate: .missingInput
        case .notText, .syntax, .unknownField: .badData
        case .unknownTemplateName: .internalError
        }
    }

    public var errorDescription: String? {
        switch self {
        case .missingLanguage(let language, let path, let available):
            "no templates for language '\(language)': \(path) not found"
                + (available.isEmpty ? "" : " (available: \(available.joined(separator: ", ")))")
        case .missingTemplate(let path):
            "template not found: \(path)"
        case .notText(let path):
            "template is not UTF-8 text: \(path)"
        case .syntax(let file, let line, let problem):
            "\(file):\(line): template error: \(problem)"
        case .unknownField(let file, let line, let name):
            "\(file):\(line): template error: unknown field '\(name)' (templates/README.md lists the fields)"
        case .unknownTemplateName(let name, let known):
            "unknown template '\(name)' (this renders \(known.joined(separator: ", ")))"
        }
    }
}
