extension Session {
    /// `dsr index refresh` and `dsr index rebuild`: brings the identifier index up to date
    /// now (locate does this itself; cron can do it ahead of time so locate stays fast).
    ///
    /// - Throws: ``StoreError``, ``WorkspaceError``, data map errors.
    public func refreshIndex(rebuild: Bool) throws -> IndexRefresh {
        let index = try index()
        return try readingOperations { reader, fingerprint in
            try explainingMapMismatch(reader) { try index.refresh(reader, fingerprint: fingerprint, rebuild: rebuild) }
        }
    }
}
