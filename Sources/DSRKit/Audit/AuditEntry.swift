import Crypto
import Foundation

/// One entry of the audit trail: what was done, by whom, for which request and subjects.
///
/// It never holds personal data: subjects are keyed hashes of canonical identifiers
/// (HMAC-SHA-256 with the workspace secret), details are counts and row keys (files
/// too: by table and key, never by path).
/// Entries form a hash chain: each entry's hash covers its content and the previous
/// entry's hash, so changing, removing, inserting or reordering entries breaks the chain.
public struct AuditEntry: Sendable, Codable, Equatable {
    /// Position in the trail, from 1, without gaps.
    public var seq: Int64
    /// UTC time, ISO 8601 with milliseconds (`2026-11-29T14:05:09.123Z`).
    public var at: String
    /// Who ran the command (`--actor`, `$DSR_ACTOR`, or the OS user).
    public var actor: String
    /// The request the action belongs to, if any.
    public var requestID: String?
    /// What was done, as stored: `locate`, `request.open`, `request.close`, ...
    ///
    /// It stays the stored text rather than an ``AuditAction``: the hash covers these
    /// bytes, so a tampered or unknown action must still be read, hashed and reported by
    /// the verifier as `altered` at its entry, not fail the whole read or turn into
    /// another action. ``knownAction`` is the typed view.
    public var action: String
    /// Keyed hashes of the subject's canonical identifiers.
    public var subjects: [String]
    /// A JSON object with counts, keys and paths; never personal values.
    public var details: String
    /// The hash of the previous entry (64 zeros for the first).
    public var previousHash: String
    /// SHA-256 over ``canonicalContent`` and ``previousHash``.
    public var hash: String

    /// The action as dsr knows it; nil for a stored text that no dsr writes.
    public var knownAction: AuditAction? { AuditAction(rawValue: action) }

    /// The hash the first entry links to.
    public static let genesis = String(repeating: "0", count: 64)

    /// The bytes the hash covers: a fixed-order encoding of every field but the hash.
    ///
    /// Field order and escaping are fixed here rather than left to an encoder's settings,
    /// because a verifier years from now must produce exactly the same bytes.
    public var canonicalContent: String {
        let fields: [(String, String)] = [
            ("seq", String(seq)), ("at", at), ("actor", actor), ("request", requestID ?? ""), ("action", action),
            ("subjects", subjects.joined(separator: ",")), ("details", details), ("previous", previousHash),
        ]
        return fields.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "\n")
    }

    /// SHA-256 of the canonical content, lower-case hex.
    public var computedHash: String { Digests.sha256Hex(Array(canonicalContent.utf8)) }

    /// Newlines and backslashes escaped so that fields cannot run into one another.
    static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 10 || $0 == 13 }) else { return value }
        return value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }
}
