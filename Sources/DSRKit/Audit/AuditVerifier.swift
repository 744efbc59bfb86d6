import GRDB

/// Checks the audit trail's hash chain and names the first place it breaks.
public enum AuditVerifier {
    /// The kinds of tampering a broken chain shows.
    public enum Damage: String, Sendable, Codable, Equatable {
        /// An entry's content no longer matches its hash.
        case altered
        /// An entry is missing: a gap in the sequence, or a link to an entry that is gone.
        case removed
        /// An entry was added that the chain does not lead through.
        case inserted
        /// Entries are out of order: an entry links to one that comes after it.
        case reordered
        /// Entries after the kept head are gone (`--head`).
        case truncated
        /// The entry at the kept head has another hash: history was rewritten (`--head`).
        case rewritten
    }

    /// The outcome of a check.
    public struct Report: Sendable, Codable, Equatable {
        /// Whether the whole chain (and the head, when given) is intact.
        public var intact: Bool
        /// Entries checked.
        public var entries: Int
        /// The first bad sequence number, when broken.
        public var firstBadSeq: Int64?
        /// What happened there.
        public var damage: Damage?
        /// The newest `SEQ:HASH`, when the trail is not empty.
        public var head: String?
    }

    /// Walks the chain in sequence order; with `head` (`SEQ:HASH` kept elsewhere) also
    /// checks that the entry is still there with the same hash.
    ///
    /// - Throws: GRDB errors; ``AuditError/badHead(_:)`` for a head that is not `SEQ:HASH`.
    static func verify(head: String? = nil, _ db: Database) throws -> Report {
        let entries = try AuditLog.entries(db)
        var report = Report(intact: true, entries: entries.count, head: try AuditLog.head(db))
        if let damage = chainDamage(entries) {
            report.intact = false
            (report.firstBadSeq, report.damage) = (damage.seq, damage.kind)
            return report
        }
        if let head {
            let parts = head.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, let seq = Int64(parts[0]), parts[1].count == 64 else {
                throw AuditError.badHead(head)
            }
            if seq == 0, parts[1] == AuditEntry.genesis { return report }  // kept while the trail was empty
            guard let kept = entries.first(where: { $0.seq == seq }) else {
                report.intact = false
                (report.firstBadSeq, report.damage) = (min(seq, (entries.last?.seq ?? 0) + 1), .truncated)
                return report
            }
            if kept.hash != parts[1] {
                report.intact = false
                (report.firstBadSeq, report.damage) = (seq, .rewritten)
            }
        }
        return report
    }

    /// The first break of the chain, if any.
    static func chainDamage(_ entries: [AuditEntry]) -> (seq: Int64, kind: Damage)? {
        var previous = AuditEntry.genesis
        var expected: Int64 = 1
        for (index, entry) in entries.enumerated() {
            let next = index + 1 < entries.count ? entries[index + 1] : nil
            let contentIntact = entry.computedHash == entry.hash
            let linked = entry.previousHash == previous
            if entry.seq != expected, contentIntact, linked {
                return (expected, .removed)  // a missing sequence number
            }
            if !linked {
                // It links to an entry that comes later: entries were swapped.
                if entries[(index + 1)...].contains(where: { $0.hash == entry.previousHash }) {
                    return (entry.seq, .reordered)
                }
                // A copy of the entry before it: the copy was added.
                if index >= 1, entry.hash == entries[index - 1].hash { return (entry.seq, .inserted) }
                // A genuine entry (intact, or intact under the number it had) that links to
                // the entry before the previous one: the previous one was added.
                if index >= 2, entry.previousHash == entries[index - 2].hash, contentIntact || wasRenumbered(entry) {
                    return (entries[index - 1].seq, .inserted)
                }
                // The chain goes around it (or it hangs off the end): it was added.
                if next?.previousHash == previous || (next == nil && !contentIntact) {
                    return (entry.seq, .inserted)
                }
                if entry.seq != expected { return (expected, .removed) }
                // It had another number when it was written and links to an entry that is
                // gone: entries before it were removed and the rest renumbered.
                if !contentIntact, wasRenumbered(entry) { return (entry.seq, .removed) }
                return (entry.seq, contentIntact ? .removed : .altered)
            }
            if !contentIntact {
                // Its content does not match its hash; if the next entry links past it, it
                // was slipped in rather than changed.
                return (entry.seq, next?.previousHash == previous ? .inserted : .altered)
            }
            if entry.seq != expected { return (expected, .removed) }
            previous = entry.hash
            expected = entry.seq + 1
        }
        return nil
    }

    /// Whether `entry` matches its hash under another sequence number than it has now:
    /// entries were removed or added before it and the rest renumbered.
    static func wasRenumbered(_ entry: AuditEntry, within distance: Int64 = 64) -> Bool {
        (-distance...distance).contains { shift in
            var original = entry
            original.seq = entry.seq + shift
            return shift != 0 && original.seq > 0 && original.computedHash == entry.hash
        }
    }
}

/// Problems with the audit trail: a command's input, or an entry that cannot be recorded.
public enum AuditError: DSRError, Equatable {
    /// `--head` is not `SEQ:HASH`.
    case badHead(String)
    /// An entry's details could not be encoded as JSON (a bug); nothing was appended.
    case detailsNotEncodable(action: AuditAction)

    public var kind: FailureKind {
        switch self {
        case .badHead: .usage
        case .detailsNotEncodable: .internalError
        }
    }

    public var errorDescription: String? {
        switch self {
        case .badHead: "--head must be SEQ:HASH as printed by `dsr audit head` (a number, a colon, 64 hex digits)"
        case .detailsNotEncodable(let action):
            "the details of a \(action.rawValue) audit entry could not be encoded as JSON; nothing was recorded"
        }
    }
}
