import Foundation

/// Who is acting: `--actor`, else `$DSR_ACTOR`, else the operating-system user.
public enum AuditActor {
    /// The actor name for the audit trail.
    public static func resolve(explicit: String?, environment: [String: String]) -> String {
        if let explicit, !explicit.trimmingCharacters(in: .whitespaces).isEmpty { return explicit }
        if let fromEnvironment = environment["DSR_ACTOR"], !fromEnvironment.isEmpty { return fromEnvironment }
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return environment["USER"] ?? "unknown"
    }
}
