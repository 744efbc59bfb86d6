/// What `dsr retention audit` found as of one day (CONTRACT.md section 7).
public struct RetentionReport: Sendable {
    /// The `--as-of` day; the cutoff is 00:00 UTC of it.
    public let asOf: CalendarDate
    /// Every rule the map gives a period for, found or not, in map order.
    public let findings: [RetentionFinding]
    /// Tables whose rule is words alone: not checkable by date, never purged.
    public let notCheckable: [String]

    /// The findings with records past retention.
    public var violations: [RetentionFinding] { findings.filter { $0.count > 0 } }

    /// The findings with records counted apart: no readable start, or no period set.
    public var unset: [RetentionFinding] { findings.filter { $0.undated > 0 || $0.unsetPeriod > 0 } }
}

extension Session {
    /// The retention audit as of `asOf`: every rule of the data map checked by date in one
    /// read transaction of the operations database (GDPR Art. 5(1)(e)). Reads only.
    ///
    /// - Throws: ``StoreError`` for database failures, ``DataMapError`` for a broken map.
    public func auditRetention(asOf: CalendarDate) throws -> RetentionReport {
        try auditRetention(asOf: asOf, limit: 0)
    }

    /// ``auditRetention(asOf:)`` keeping the `limit` oldest rows of each rule for the purge
    /// (its `--max-rows`); counts are always of all rows.
    func auditRetention(asOf: CalendarDate, limit: Int) throws -> RetentionReport {
        let map = try dataMap()
        let selector = RetentionSelector(map: map, cutoff: RetentionCutoff(asOf: asOf), opener: try operations().opener)
        let findings = try readingOperations { reader, _ in
            try RetentionRule.rules(of: map).map { try selector.select($0, in: reader, limit: limit) }
        }
        return RetentionReport(asOf: asOf, findings: findings, notCheckable: RetentionRule.notCheckable(in: map))
    }
}
