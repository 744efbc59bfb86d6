/// The shipped templates, built into the binary so that `dsr` works without the repository's
/// `templates/` folder (`templates_dir: builtin`).
///
/// The texts are byte-for-byte copies of `templates/<lang>/`, written by `templates/embed.sh`;
/// a test compares them with the files so they cannot drift apart.
public enum BuiltinTemplates {
    /// How messages name the built-in templates instead of a folder.
    public static let name = "builtin"

    /// The languages shipped.
    public static let languages = ["en", "nl", "bg"]

    /// Every shipped template: language → file name → text.
    public static let texts: [String: [String: String]] = ["en": en, "nl": nl, "bg": bg]
}
