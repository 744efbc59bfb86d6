import Foundation
import GRDB

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

/// Finds every record and file tied to a subject in a workspace (`dsr locate`).
public enum SubjectLocator {
    /// Locates `identifiers` in `workspace`: the operations database is opened read-only.
    ///
    /// - Throws: ``LocateError``, ``StoreError``, ``WorkspaceError``, data map errors.
    public static func locate(
        _ identifiers: [SubjectIdentifier], in workspace: Workspace, options: LocateOptions = .init()
    ) throws -> LocateResult {
        let source = try workspace.dataMapSource()
        return try locate(identifiers, in: workspace, options: options, source: source, map: try source.parse())
    }

    /// Locates with a data map the caller has already read (an export reads it once).
    static func locate(
        _ identifiers: [SubjectIdentifier], in workspace: Workspace, options: LocateOptions = .init(),
        source: DataMapSource, map: DataMap
    ) throws -> LocateResult {
        guard !identifiers.isEmpty else { throw LocateError.noIdentifiers }
        let operations = try workspace.openOperations()
        let country = workspace.configuration.defaultCountry
        let finder: RowFinder
        if options.useIndex {
            let index = try IdentifierIndex.open(workspace: workspace, source: source, map: map)
            try index.refresh(from: operations)
            finder = IndexFinder(index: index, map: map, defaultCountry: country)
        } else {
            finder = ScanFinder(map: map, defaultCountry: country)
        }
        return try operations.guardedRead { db in
            var state = try Locator(map: map, finder: finder, defaultCountry: country).locate(identifiers, db)
            var result = try LocateReport(map: map, files: FileResolver(root: workspace.filesRoot))
                .result(from: &state, finder: finder, method: options.useIndex ? "index" : "scan", db)
            if options.deep {
                result.mentions = try MentionScanner(map: map, files: FileResolver(root: workspace.filesRoot))
                    .scan(for: state.identifiers.map(\.0), located: result.records, defaultCountry: country, db)
            }
            return result
        }
    }
}
