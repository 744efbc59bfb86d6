import Foundation

/// One purge run as its committed batches left it: what its audit entry will say. Saved in
/// state.db with each batch's commit (``StateDatabase/savePurgeRun(_:_:)``), so a crash
/// between batches loses nothing the audit trail must show.
struct PurgeRun: Codable, Equatable {
    let id: String
    let startedAt: String
    let asOf: String
    var maxRows = 0
    /// Per rule, in the rules' order: the counts at the run's first selection, then what
    /// the batches purged and blocked.
    var counts: [PurgeCount] = []
    /// Per rule: records of the first selection's count that batches purged (not the rows
    /// kept only for references, which that count never had).
    var purgedCounted: [Int] = []
    /// The committed batches' plan digests, in order.
    var digests: [String] = []
    var residue = ResidueReport(places: [])

    var batches: Int { digests.count }

    init(id: String, startedAt: String, asOf: CalendarDate) {
        self.id = id
        self.startedAt = startedAt
        self.asOf = asOf.description
    }

    /// The run saved in `row`.
    ///
    /// - Throws: ``StateError/corruptRow(table:row:column:)`` when the progress text is not a run's.
    init(_ row: PurgeRunRow) throws {
        do {
            self = try JSONDecoder().decode(PurgeRun.self, from: Data(row.progress.utf8))
        } catch {
            throw StateError.corruptRow(table: "purge_runs", row: row.id, column: "progress")
        }
    }

    /// The row state.db keeps.
    ///
    /// - Throws: what the encoder throws.
    func row() throws -> PurgeRunRow {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return PurgeRunRow(
            id: id, startedAt: startedAt, progress: String(decoding: try encoder.encode(self), as: UTF8.self))
    }

    /// Adds what one committed batch did: per part, the rule's index, the planner's count and
    /// the number of records the batch's check found past retention.
    mutating func add(_ parts: [(rule: Int, count: PurgeCount, checked: Int)], digest: String) {
        if purgedCounted.count < counts.count { purgedCounted = Array(repeating: 0, count: counts.count) }
        for part in parts where counts.indices.contains(part.rule) {
            counts[part.rule].purged += part.count.purged
            counts[part.rule].blocked += part.count.blocked
            purgedCounted[part.rule] += part.checked - part.count.left
        }
        digests.append(digest)
    }

    /// One batch's parts as ``add(_:digest:)`` takes them: per part checked (the rule's index
    /// and what the batch's check found), the planner's count of the same rule. The planner
    /// reports only the rules that found something, in its own order, so they are matched by
    /// rule, never by position; a part without a count did nothing.
    static func parts(_ checked: [(Int, RetentionFinding)], _ counts: [PurgeCount]) -> [(
        rule: Int, count: PurgeCount, checked: Int
    )] {
        checked.compactMap { rule, finding in
            counts.first { $0.table == finding.table && $0.column == finding.column && $0.scope == finding.scope }
                .map { (rule, $0, finding.count) }
        }
    }

    /// Sets what is left per rule: only the held records when the run reached the end of
    /// what was past retention, else also those the cap kept it from.
    mutating func settle(capped: Bool) {
        for index in counts.indices {
            let purged = purgedCounted.indices.contains(index) ? purgedCounted[index] : 0
            counts[index].left =
                capped ? max(counts[index].blocked, counts[index].left - purged) : counts[index].blocked
        }
    }

    /// The run's one `retention.purge` audit entry: counts per rule, never a value.
    func auditRecord(interrupted: Bool) -> AuditRecord {
        var rules: [String: AuditValue] = [:]
        for count in counts where count.purged > 0 || count.blocked > 0 || count.left > 0 {
            rules[count.table + (count.column.map { ".\($0)" } ?? "")] = .map([
                "purged": .int(Int64(count.purged)), "blocked": .int(Int64(count.blocked)),
                "left": .int(Int64(count.left)),
            ])
        }
        var details: [String: AuditValue] = [
            "as_of": .text(asOf), "rules": .map(rules), "max_rows": .int(Int64(maxRows)),
            "batches": .int(Int64(batches)), "residue": .int(Int64(residue.found)),
        ]
        // One batch: its plan's digest; several: the digest of their digests, in order.
        if digests.count == 1 {
            details["digest"] = .text(digests[0])
        } else if !digests.isEmpty {
            details["digest"] = .text(Digests.sha256Hex(Data(digests.joined(separator: "\n").utf8)))
        }
        if interrupted { details["interrupted"] = .bool(true) }
        return AuditRecord(action: .retentionPurge, requestID: nil, subjects: [], details: details)
    }
}

/// What one selection window found, cut into batches: per rule (rules that keep other rows
/// first, as ``PurgePlanner/referencingFirst(_:)``), its oldest rows, then the rows that wait
/// on references.
struct PurgeWork {
    /// A rule's rows within one batch.
    struct Part {
        let rule: Int
        var numbers: [Int64]
    }

    private let items: [(rule: Int, number: Int64)]

    init(_ findings: [RetentionFinding], rules: [RetentionRule]) {
        let keepers = Set(findings.flatMap(\.source.whileReferencedBy))
        let order =
            findings.indices.filter { keepers.contains(findings[$0].table) }
            + findings.indices.filter { !keepers.contains(findings[$0].table) }
        var items: [(rule: Int, number: Int64)] = []
        for index in order {
            items += findings[index].rows.map { (index, $0.number) }
            items += findings[index].waiting.map { (index, $0.number) }
        }
        self.items = items
    }

    /// The items in consecutive batches of at most `size`, each grouped by rule in order.
    func batches(of size: Int) -> [[Part]] {
        var batches: [[Part]] = []
        var start = 0
        while start < items.count {
            var parts: [Part] = []
            for item in items[start..<min(items.count, start + size)] {
                if parts.last?.rule == item.rule {
                    parts[parts.count - 1].numbers.append(item.number)
                } else {
                    parts.append(Part(rule: item.rule, numbers: [item.number]))
                }
            }
            batches.append(parts)
            start += size
        }
        return batches
    }
}

/// What the batches since the last residue scan erased: the stored texts to look for.
struct PurgeResidue {
    private(set) var erasedTexts: Set<String> = []
    /// Records those batches purged.
    private(set) var records = 0

    var isEmpty: Bool { erasedTexts.isEmpty }

    mutating func add(_ batch: PlannedErasure, records: Int) {
        erasedTexts.formUnion(batch.erasedTexts)
        self.records += records
    }
}
