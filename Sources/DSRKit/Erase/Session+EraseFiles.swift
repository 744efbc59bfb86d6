import Foundation

extension Session {
    /// Finishes the index and the files of erasures whose operations changes committed before
    /// a crash (the journal's `committed` phase): every command's session does this first, so
    /// a crash between the commit and the unlink never leaves a deleted row's file or index
    /// entries behind for long.
    /// Entries that did not commit are `dsr erase --resume`'s (and `dsr status` names them).
    ///
    /// - Parameter letters: called for an entry whose letter was due and may not have been
    ///   written (the plan carried out, the person, the language), before the entry goes.
    /// - Returns: how many entries were finished.
    /// - Throws: ``StoreError``, ``WorkspaceError``.
    public func finishCommittedErasures(letters: (ErasurePlan, Subject, Language) -> Void = { _, _, _ in }) throws
        -> Int
    {
        guard FileManager.default.fileExists(atPath: workspace.stateDatabase.path(percentEncoded: false)) else {
            return 0
        }
        let committed = try state().journal().filter { $0.phase == "committed" }
        for entry in committed {
            let identifiers = try entry.identifiers.map {
                try SubjectIdentifier.parse($0, defaultCountry: defaultCountry)
            }
            try forgetWhatIsGone(entry)
            try finishFiles(entry, subject: Set(identifiers))
            if let applied = try appliedErasure(of: entry), let language = applied.letterLanguage {
                let request = try entry.requestID.map { try register().show($0) }
                letters(applied.plan, Subject(identifiers: identifiers, request: request), language)
            }
            try state().write { db in try state().deleteJournal(entry.id, db) }
        }
        if !committed.isEmpty { try state().checkpoint() }
        return committed.count
    }

    /// Step 5: deletes the files of deleted rows and rewrites the messages of redacted rows,
    /// after the operations database committed. A file is deleted only where no row names it
    /// any more (a resumed entry whose commit never happened deletes nothing), never through
    /// a symbolic link, and never outside the files root; those are reported, not touched.
    ///
    /// - Returns: the files refused, and the stored paths of rewritten messages whose body still
    ///   mentions the subject (the body is not rewritten: the DPO reads those).
    @discardableResult
    func finishFiles(_ entry: ErasureJournalEntry, subject: Set<SubjectIdentifier>) throws
        -> (refused: [FileRefusal], mentioning: [String])
    {
        var mentioning: [String] = []
        let resolver = fileResolver()
        var refused: [FileRefusal] = []
        // One pass over each file column involved (not one search per file): which of the
        // paths to delete does a row still name?
        let deleting = entry.files.filter { $0.action == ErasureFile.Action.delete.rawValue }
        let named: Set<String> = try readingOperations { reader, _ in
            var named: Set<String> = []
            for (column, files) in Dictionary(grouping: deleting, by: { [$0.table, $0.column] }) {
                let paths = Set(files.map(\.path))
                try reader.scan(column[0], columns: [column[1]], rows: nil) { _, values in
                    if let path = values[0].storedText, paths.contains(path) {
                        named.insert(column[0] + "\u{1F}" + path)
                    }
                }
            }
            return named
        }
        for file in entry.files {
            if file.action == ErasureFile.Action.delete.rawValue, named.contains(file.table + "\u{1F}" + file.path) {
                continue
            }
            guard case .file(let url) = resolver.resolve(file.path) else {
                if case .refused(let reason) = resolver.resolve(file.path) {
                    refused.append(FileRefusal(table: file.table, reason: reason))
                }
                continue
            }
            let lexical = resolver.root.appending(path: file.path).path(percentEncoded: false)
            var info = stat()
            if lstat(lexical, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                refused.append(FileRefusal(table: file.table, reason: "a symbolic link: not followed"))
                continue
            }
            let path = url.path(percentEncoded: false)
            if file.action == ErasureFile.Action.delete.rawValue {
                guard unlink(path) == 0 || errno == ENOENT else {
                    throw WorkspaceError.cannotWrite(
                        path: "a file of \(file.table)", reason: String(cString: strerror(errno)))
                }
            } else {
                try Self.rewriteAtomically(path) { bytes in
                    MessageRedaction.rewritingAddressHeaders(bytes) {
                        Redaction.redacted($0, subject, addressList: true)
                    }
                }
                if let rewritten = FileManager.default.contents(atPath: path),
                    Redaction.mentions(String(decoding: rewritten, as: UTF8.self), subject)
                {
                    mentioning.append(file.path)
                }
            }
        }
        return (refused, mentioning)
    }

    /// Replaces the file at `path` with `transform` of its bytes: a temporary file beside it
    /// with the same mode, synced, then renamed over it, so a crash leaves one or the other.
    static func rewriteAtomically(_ path: String, _ transform: ([UInt8]) -> [UInt8]) throws {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let rewritten = transform([UInt8](data))
        guard rewritten != [UInt8](data) else { return }
        var info = stat()
        let mode = stat(path, &info) == 0 ? info.st_mode & 0o777 : 0o600
        // A fixed name beside the file: what a crash left there is replaced by the next run
        // (the journal rewrites the file again), never left to pile up with a copy of the message.
        let temporary = path + ".dsr-rewrite"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode)
        guard descriptor >= 0 else {
            throw WorkspaceError.cannotWrite(path: "a message file", reason: String(cString: strerror(errno)))
        }
        let written = rewritten.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        Foundation.close(descriptor)
        guard written == rewritten.count, synced == 0, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw WorkspaceError.cannotWrite(path: "a message file", reason: String(cString: strerror(errno)))
        }
    }
}
