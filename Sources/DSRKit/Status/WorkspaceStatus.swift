import Foundation

/// A health check of a workspace: what `dsr status` reports.
public struct WorkspaceStatus: Sendable, Codable, Equatable {
    /// Rows of one table of the data map (nil when the table is absent).
    public struct TableCount: Sendable, Codable, Equatable {
        /// The table name.
        public var name: String
        /// Its row count, or nil when the table does not exist.
        public var rows: Int?
    }

    /// The configuration file the workspace was loaded from.
    public var configFile: String
    /// The operations database, resolved.
    public var operationsDB: String
    /// The files root, resolved.
    public var filesRoot: String
    /// The state dir, resolved.
    public var stateDir: String
    /// Row counts of the tables the data map in use describes, in the map's order.
    public var tables: [TableCount]
    /// Each problem found, in words a DPO can act on; empty when all is well.
    public var problems: [String]

    /// Inspects the session's workspace: everything a later command would trip on, each as a
    /// problem naming what and where — the data map (loaded, and checked against the
    /// operations database), the tables it names, the secret key, `default_country`, the
    /// state database, permissions, the files root, the controller's identity, partial exports.
    ///
    /// - Throws: ``StoreError`` when the operations database cannot be opened or is locked.
    public static func inspect(_ session: Session) throws -> WorkspaceStatus {
        let workspace = session.workspace
        var problems: [String] = []
        var loaded: (source: DataMapSource, map: DataMap)?
        do {
            loaded = (try session.dataMapSource(), try session.dataMap())
        } catch let error as DataMapError {
            problems += error.problems.map { $0.formatted(file: error.file) }
        } catch {
            problems.append(error.localizedDescription)
        }
        let (schema, tables) = try session.readingOperations { reader, _ in
            let schema = try reader.schema()
            let tables = try (loaded?.map.tables ?? []).map { table in
                TableCount(name: table.name, rows: schema.hasTable(table.name) ? try reader.count(of: table.name) : nil)
            }
            return (schema, tables)
        }
        let missing = tables.filter { $0.rows == nil }.map(\.name)
        problems += missing.map { "table \($0) of the data map is missing from the operations database" }
        if let loaded {
            // Columns and references the map names but the database lacks (its missing
            // tables are reported above, in status's own words).
            let said = Set(missing.map(DataMapChecker.missingTableMessage))
            problems += DataMapChecker.check(text: loaded.source.text, against: schema)
                .filter { !said.contains($0.message) }.map { $0.formatted(file: loaded.source.name) }
        }
        problems += permissionProblems(workspace)
        problems += stateProblems(session)
        let filesRoot = workspace.filesRoot.path(percentEncoded: false)
        if !FileManager.default.fileExists(atPath: filesRoot) {
            problems.append("files root \(filesRoot) does not exist")
        }
        problems += partialExportProblems(workspace)
        return WorkspaceStatus(
            configFile: workspace.configFile.path(percentEncoded: false),
            operationsDB: workspace.operations.description,
            filesRoot: filesRoot, stateDir: workspace.stateDir.path(percentEncoded: false),
            tables: tables, problems: problems)
    }

    /// What every command that hashes, parses phone numbers or keeps state needs: a key that
    /// loads, a `default_country` the phone tables know, a state database that opens; and
    /// what every export needs, the controller's identity. Missing files are reported by
    /// ``permissionProblems(_:)``, so only files that exist are opened here (opening a missing
    /// `state.db` would create it).
    static func stateProblems(_ session: Session) -> [String] {
        let workspace = session.workspace
        let config = workspace.configFile.path(percentEncoded: false)
        var problems: [String] = []
        func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path(percentEncoded: false)) }
        if exists(workspace.secretKeyFile) {
            do { _ = try session.hasher() } catch { problems.append(error.localizedDescription) }
        }
        if PhoneCountry.named(session.defaultCountry) == nil {
            problems.append(
                "default_country \(session.defaultCountry) in \(config) is not a country whose phone numbers dsr"
                    + " can read; use the ISO 3166 code of a country in dsr's phone table, such as NL or BG")
        }
        if exists(workspace.stateDatabase) {
            do {
                let interrupted = try session.state().journal().count
                if interrupted > 0 {
                    problems.append(
                        "\(interrupted) erasure(s) were interrupted before their files were done;"
                            + " run `dsr erase --resume` to finish them")
                }
            } catch { problems.append(error.localizedDescription) }
        }
        let empty = workspace.configuration.controller.emptyKeys
        if !empty.isEmpty {
            problems.append(
                "\(empty.joined(separator: ", ")) in \(config) \(empty.count == 1 ? "is" : "are") empty;"
                    + " fill in who the controller is before `dsr export`")
        }
        return problems
    }

    /// Partial archives left in the exports dir by killed exports: complete copies of a
    /// person's data that nobody was sent (the next export removes them).
    ///
    /// A name dsr chose (`.<request id or time>-access.zip.partial-<pid>`) is shown; a name
    /// given with `--output` may hold personal data, so those are only counted.
    static func partialExportProblems(_ workspace: Workspace) -> [String] {
        let folder = workspace.exportsDir
        let path = folder.path(percentEncoded: false)
        let leftovers = PartialExports.leftovers(in: folder)
        let own = leftovers.filter(PartialExports.isOwnName)
        let advice = "it holds personal data; delete it, or run `dsr export`, which removes it"
        var problems = own.map {
            "\(folder.appending(path: $0).path(percentEncoded: false)) is a partial export left by a killed export: \(advice)"
        }
        let others = leftovers.count - own.count
        if others > 0 {
            let files = others == 1 ? "1 other partial export" : "\(others) other partial exports"
            problems.append(
                "\(files) left by a killed export in \(path) (named with --output, so not shown here):"
                    + " they hold personal data; delete them, or run `dsr export`, which removes them")
        }
        return problems
    }

    /// The state dir must be 0700 and the key 0600: they hold what ties the audit trail together.
    static func permissionProblems(_ workspace: Workspace) -> [String] {
        let checks: [(URL, Int)] = [
            (workspace.stateDir, 0o700), (workspace.secretKeyFile, 0o600), (workspace.stateDatabase, 0o600),
        ]
        return checks.compactMap { url, expected in
            let path = url.path(percentEncoded: false)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
            else {
                // A key lost beside a state.db that outlived it: a new one would cut the trail off.
                if url == workspace.secretKeyFile,
                    FileManager.default.fileExists(atPath: workspace.stateDatabase.path(percentEncoded: false))
                {
                    return "\(path) is missing; restore it from your backup of the state dir"
                        + " (`dsr init --force --new-key` makes a new one, but earlier audit entries"
                        + " can then no longer be found by identifier)"
                }
                return "\(path) is missing; run `dsr init`"
            }
            guard mode & 0o777 == expected else {
                return "\(path) has mode \(String(mode & 0o777, radix: 8)), expected \(String(expected, radix: 8))"
            }
            return nil
        }
    }
}
