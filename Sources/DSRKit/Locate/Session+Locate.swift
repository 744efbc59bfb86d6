/// Options of a locate run.
public struct LocateOptions: Sendable {
    /// Also scan the text of e-mail files for mentions of the subject (`--deep`).
    public var deep: Bool
    /// Use dsr's identifier index (default); false normalises every stored value instead.
    public var useIndex: Bool

    /// Creates options.
    public init(deep: Bool = false, useIndex: Bool = true) {
        self.deep = deep
        self.useIndex = useIndex
    }
}

extension Session {
    /// Finds every record and file tied to `subject` (`dsr locate`), and records the search
    /// in the audit trail. The operations database is only read.
    ///
    /// - Throws: ``LocateError``, ``StoreError``, ``WorkspaceError``, data map errors.
    public func locate(_ subject: Subject, options: LocateOptions = .init()) throws -> LocateResult {
        let result = try readingOperations { reader, fingerprint in
            try locate(subject.identifiers, options: options, reader, fingerprint)
        }
        try recording(LocateAudit.record(for: result, request: subject.request?.id, hasher: hasher())) {}
        return result
    }

    /// The same search without its audit entry, for the in-process benchmark (`dsr-bench`)
    /// only: every command that shows or uses what it finds goes through ``locate(_:options:)``.
    ///
    /// - Throws: as ``locate(_:options:)``.
    package func locateUnaudited(_ subject: Subject, options: LocateOptions = .init()) throws -> LocateResult {
        try readingOperations { reader, fingerprint in
            try locate(subject.identifiers, options: options, reader, fingerprint)
        }
    }

    /// Locates inside a read transaction the caller holds (an export reads the rows it
    /// found in the same transaction); refreshes the index first when it is used.
    ///
    /// - Throws: ``LocateError``, ``StoreError``, data map errors.
    func locate(
        _ identifiers: [SubjectIdentifier], options: LocateOptions, _ reader: any OperationsReader,
        _ fingerprint: OperationsFingerprint
    ) throws -> LocateResult {
        guard !identifiers.isEmpty else { throw SessionError.noIdentifiers }
        return try explainingMapMismatch(reader) {
            try locateChecked(identifiers, options: options, reader, fingerprint)
        }
    }

    private func locateChecked(
        _ identifiers: [SubjectIdentifier], options: LocateOptions, _ reader: any OperationsReader,
        _ fingerprint: OperationsFingerprint
    ) throws -> LocateResult {
        let map = try dataMap()
        guard options.useIndex else {
            return try run(
                identifiers, finder: ScanFinder(map: map, defaultCountry: defaultCountry), .scan, options, reader)
        }
        let index = try index()
        try index.refresh(reader, fingerprint: fingerprint)
        let finder = IndexFinder(index: index, map: map, defaultCountry: defaultCountry)
        return try index.lookingUp { try run(identifiers, finder: finder, .index, options, reader) }
    }

    private func run(
        _ identifiers: [SubjectIdentifier], finder: RowFinder, _ method: LocateMethod, _ options: LocateOptions,
        _ reader: any OperationsReader
    ) throws -> LocateResult {
        let map = try dataMap()
        let files = fileResolver()
        var state = try Locator(map: map, finder: finder, defaultCountry: defaultCountry).locate(identifiers, reader)
        var result = try LocateReport(map: map, files: files).result(
            from: &state, finder: finder, method: method, reader)
        if options.deep {
            result.mentions = try MentionScanner(map: map, files: files).scan(
                for: result.subjectIdentifiers, located: result.records, defaultCountry: defaultCountry, reader)
        }
        return result
    }
}
