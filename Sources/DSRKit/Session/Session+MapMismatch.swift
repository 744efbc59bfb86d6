extension Session {
    /// Runs `body`; when the operations database refuses a statement, checks the data map
    /// against the database and, if the map names a table or column the database lacks,
    /// throws that (a ``DataMapError``, exit 65, naming the table and the map's line)
    /// instead of SQLite's message (exit 70, which says "a bug").
    ///
    /// The check costs nothing when every statement succeeds: a locate does not read the
    /// schema to be safe, it reads it to explain.
    /// - Throws: ``DataMapError``, or the original error.
    func explainingMapMismatch<T>(_ reader: any OperationsReader, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StoreError {
            guard case .sqlite = error else { throw error }
            let problems = DataMapChecker.check(try dataMap(), against: try reader.schema())
            guard problems.isEmpty else { throw DataMapError(file: try dataMapSource().name, problems: problems) }
            throw error
        }
    }
}
