import Foundation

/// Builds the access export archive (GDPR Art. 15 and 20) for a subject.
///
/// The archive is written under a temporary name in the same folder (mode 0600) and
/// linked under its final name only when complete, so no half-written archive ever exists there;
/// one audit entry records the request, the counts and the manifest's SHA-256.
public enum Exporter {
    /// Writes the export for `subject` (`dsr export`): locates the subject and reads the
    /// rows to export in one read transaction, so the rows exported are the rows located.
    ///
    /// - Throws: ``ExportError``, ``RequestError``, ``ArchiveError``, ``TemplateError``, ``StoreError``.
    public static func export(_ subject: Subject, options: ExportOptions, in session: Session) throws -> ExportReport {
        let missing = session.workspace.configuration.controller.emptyKeys
        guard missing.isEmpty else {
            throw ExportError.controllerMissing(
                keys: missing, configFile: session.workspace.configFile.path(percentEncoded: false))
        }
        let kind = options.kind ?? (subject.request?.type == .portability ? .portability : .access)
        if let request = subject.request, !options.force { try ready(request, for: kind) }
        let map = try session.dataMap()
        let (result, tables, plan, cards) = try session.readingOperations { reader, fingerprint in
            try session.explainingMapMismatch(reader) {
                let result = try session.locate(subject.identifiers, options: LocateOptions(), reader, fingerprint)
                var tableReader = ExportTableReader(
                    map: map, defaultCountry: session.defaultCountry, subject: Set(result.subjectIdentifiers))
                tableReader.portableOnly = kind == .portability
                let tables = try tableReader.tables(for: result, reader)
                let plan = ExportFilePlan(
                    map: map, result: result, includeProcessorData: options.includeProcessorData,
                    portableOnly: kind == .portability)
                let cards = try FileCardReader(map: map).cards(for: plan.included, reader)
                return (result, tables, plan, cards)
            }
        }
        // Art. 18 restricts processing, not access: the export is made and names the restrictions.
        let restrictions = try session.limitsInForce(on: result.subjectIdentifiers).restrictions.map {
            LocatedRestriction(id: $0.id, since: $0.since, until: $0.until?.description)
        }
        let workspace = session.workspace
        let now = session.now
        let source = try session.dataMapSource()
        let final = try outputURL(workspace, options, kind: kind, requestID: subject.request?.id, now)
        guard options.overwrite || !FileManager.default.fileExists(atPath: final.path(percentEncoded: false)) else {
            throw ExportError.outputExists(final.path(percentEncoded: false))
        }
        let folder = final.deletingLastPathComponent()
        PartialExports.sweep(folder)
        let partial = folder.appending(path: PartialExports.name(for: final))
        try? FileManager.default.removeItem(at: partial)
        defer { try? FileManager.default.removeItem(at: partial) }

        var manifest = ExportManifest(requestID: subject.request?.id, generatedAt: AuditLog.timestamp(now))
        let writer = try ArchiveWriter(url: partial, format: options.format, password: options.password)
        // The page, the letter, two files a table, the records' files and the manifest: an
        // export with thousands of recordings takes minutes, counted on a terminal.
        let progress = session.meter(
            task: "writing the export", unit: "files", total: 3 + 2 * tables.count + plan.included.count)
        defer { progress.finish() }
        func add(_ path: String, _ data: Data, compress: Bool = true) throws {
            try writer.add(path: path, data: data, compress: compress, modified: now)
            manifest.add(path: path, size: data.count, sha256: Digests.sha256Hex(data))
            progress.advance()
        }
        let document = ExportDocumentBuilder(
            workspace: workspace, map: map, result: result, tables: tables, plan: plan, cards: cards,
            options: options, kind: kind, requestID: subject.request?.id, now: now
        ).document()
        let templates = templatesDir(workspace)
        try add(
            "index.html",
            Data(try TemplateRenderer.render("index.html", document: document, templatesDir: templates).utf8))
        // A portability export has its own letter (Art. 20); the archive names it letter.txt either way.
        let letter = kind == .portability ? "portability.txt" : "letter.txt"
        try add(
            "letter.txt", Data(try TemplateRenderer.render(letter, document: document, templatesDir: templates).utf8))
        for table in tables {
            try add("data/\(table.name).json", try ExportEncoding.json(table))
            try add("data/\(table.name).csv", ExportEncoding.csv(table))
        }
        let resolver = FileResolver(root: workspace.filesRoot)
        let subjectIdentifiers = Set(result.subjectIdentifiers)
        for file in plan.included {
            guard case .file(let url) = resolver.resolve(file.path) else {
                progress.advance()
                continue
            }
            if file.format == .email {
                // Art. 15(4): the copy names no one but the subject in its address headers.
                guard let original = FileManager.default.contents(atPath: url.path(percentEncoded: false)) else {
                    throw ExportError.unreadableFile(table: file.table, key: file.key.forMessages)
                }
                try add(
                    "files/" + file.path,
                    Data(MessageRedaction.redact([UInt8](original), keeping: subjectIdentifiers)))
                continue
            }
            let digest = try writer.add(
                path: "files/" + file.path, contentsOf: url, compress: file.format != .audio, modified: nil)
            manifest.add(path: "files/" + file.path, size: Int(digest.size), sha256: digest.sha256)
            progress.advance()
        }
        let manifestData = try manifest.encoded(
            dataMapDigest: Digests.sha256Hex(Array(source.text.utf8)))
        try writer.add(path: "manifest.json", data: manifestData, compress: true, modified: now)
        try writer.finish()
        progress.finish()
        // What the archive holds, per table (a portability export holds fewer tables than were located).
        let counts = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.rows.count) })
        let manifestHash = Digests.sha256Hex(manifestData)
        let record = AuditRecord(
            action: .export, requestID: subject.request?.id,
            subjects: try session.auditSubjects(result.subjectIdentifiers),
            details: [
                "records": .map(counts.mapValues { .int(Int64($0)) }), "manifest_sha256": .text(manifestHash),
                "format": .text(options.format.rawValue), "encrypted": .bool(options.password != nil),
                "include_processor_data": .bool(options.includeProcessorData), "forced": .bool(options.force),
                "overwrote": .bool(options.overwrite), "files_left_out": .int(Int64(plan.unusable.count)),
                "files": .int(Int64(plan.included.count)), "language": .text(options.language.rawValue),
                "kind": .text(kind.rawValue),
            ])
        let finalPath = final.path(percentEncoded: false)
        // With --overwrite the old archive is set aside and put back if anything fails, so that
        // an archive exists under the final name exactly when its audit entry does.
        var setAside: String?
        if options.overwrite, FileManager.default.fileExists(atPath: finalPath) {
            let aside = folder.appending(path: PartialExports.name(for: final) + "-old").path(percentEncoded: false)
            guard rename(finalPath, aside) == 0 else {
                throw WorkspaceError.cannotWrite(path: finalPath, reason: String(cString: strerror(errno)))
            }
            setAside = aside
        }
        var appeared = false
        do {
            try session.recording(record) {
                // The archive appears under its final name inside the audit entry's transaction.
                // link(2) never replaces an existing file; with --overwrite the old one is aside.
                let result =
                    options.overwrite
                    ? rename(partial.path(percentEncoded: false), finalPath)
                    : link(partial.path(percentEncoded: false), finalPath)
                guard result == 0 else {
                    if errno == EEXIST { throw ExportError.outputExists(finalPath) }
                    throw WorkspaceError.cannotWrite(path: finalPath, reason: String(cString: strerror(errno)))
                }
                appeared = true
            }
        } catch {
            // The entry was not committed: neither is the archive.
            if appeared { unlink(finalPath) }
            if let setAside { rename(setAside, finalPath) }
            throw error
        }
        if let setAside { unlink(setAside) }
        var report = ExportReport(
            path: final.path(percentEncoded: false), kind: kind, manifestSHA256: manifestHash,
            entries: manifest.files.count + 1,
            records: counts, processorFilesLeftOut: plan.leftOut.count,
            filesLeftOut: plan.unusable.map { FileLeftOut(table: $0.table, key: $0.key, status: $0.status) })
        report.restrictions = restrictions
        return report
    }

    /// An export answers a verified, open request of its own kind (else `--force`).
    private static func ready(_ request: Request, for kind: ExportKind) throws {
        let fits = kind == .access ? request.type == .access : request.type == .portability
        guard fits else {
            throw ExportError.requestNotReady(
                id: request.id, reason: "it is a \(request.type.rawValue) request; this is a \(kind.rawValue) export")
        }
        guard request.verifiedAt != nil else {
            throw ExportError.requestNotReady(
                id: request.id, reason: "the subject's identity is not verified (Art. 12(6))")
        }
        guard request.status == .open else {
            throw ExportError.requestNotReady(id: request.id, reason: "it is closed")
        }
    }

    static func templatesDir(_ workspace: Workspace) -> URL? {
        workspace.configuration.templatesDir == "builtin"
            ? nil : FilePaths.resolve(workspace.configuration.templatesDir, against: workspace.folder)
    }

    static func outputURL(
        _ workspace: Workspace, _ options: ExportOptions, kind: ExportKind, requestID: String?, _ now: Date
    ) throws -> URL {
        if let output = options.output { return output }
        let stamp = requestID ?? AuditLog.timestamp(now).replacingOccurrences(of: ":", with: "")
        try WorkspaceInitializer.makeDirectory(workspace.exportsDir, mode: 0o700)
        return workspace.exportsDir.appending(path: "\(stamp)-\(kind.rawValue).\(options.format.rawValue)")
    }
}
