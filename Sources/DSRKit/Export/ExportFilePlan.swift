import Foundation

/// Which located files go into the archive.
///
/// Data held as processor (recordings and voicemails on an owner's numbers, CONTRACT.md
/// section 1) is the number owner's to give out: it is included when the subject reached
/// it as that owner (related context), and for a caller only with `--include-processor-data`;
/// otherwise it is listed and the letter names the owner as the controller to ask.
struct ExportFilePlan {
    /// Files to copy into `files/`, byte for byte.
    var included: [LocatedFile] = []
    /// Processor-held files left out.
    var leftOut: [LocatedFile] = []
    /// Files that would be included but are missing, or whose path leaves the files root.
    var unusable: [LocatedFile] = []

    /// - Parameter portableOnly: a portability export: only files of columns Art. 20(1) covers.
    init(map: DataMap, result: LocateResult, includeProcessorData: Bool, portableOnly: Bool = false) {
        // A record reached from a processor-held record (a voicemail's notification e-mail,
        // which carries the same voice and the owner's mailbox) is processor-held too.
        let processorTables = Set(map.tables.filter { $0.role == .processor }.map(\.name))
        let reachedFromProcessor = result.rows(reachedFrom: processorTables)
        for file in result.files {
            if portableOnly, map.table(file.table)?.portability.includes(file.record.column ?? "") != true { continue }
            let processor = map.table(file.table)?.role == .processor || reachedFromProcessor.contains(file.record.row)
            if processor, file.relation == .subject, !includeProcessorData {
                if file.status == .ok { leftOut.append(file) }
            } else if file.status == .ok {
                included.append(file)
            } else {
                unusable.append(file)
            }
        }
    }
}

/// `manifest.json`: every file with its size and SHA-256, and what produced the archive.
struct ExportManifest {
    struct File: Encodable {
        var path: String
        var size: Int
        var sha256: String
    }

    var requestID: String?
    var generatedAt: String
    private(set) var files: [File] = []

    init(requestID: String?, generatedAt: String) {
        self.requestID = requestID
        self.generatedAt = generatedAt
    }

    mutating func add(path: String, size: Int, sha256: String) {
        files.append(File(path: path, size: size, sha256: sha256))
    }

    func encoded(dataMapDigest: String) throws -> Data {
        struct Document: Encodable {
            var request_id: String?
            var generated_at: String
            var dsr_version: String
            var data_map_sha256: String
            var files: [File]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(
            Document(
                request_id: requestID, generated_at: generatedAt, dsr_version: DSRVersion.current,
                data_map_sha256: dataMapDigest, files: files))
    }
}
