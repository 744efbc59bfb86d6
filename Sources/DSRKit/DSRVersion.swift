/// The version of dsr, printed by `dsr --version` and recorded in exports.
public enum DSRVersion {
    /// Semantic version of this build.
    public static let current = "0.1.0"
}
