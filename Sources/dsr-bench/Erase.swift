// The erasure benchmark (bench/erase.sh): `dsr-bench erase CONFIG IDENTIFIER… [--scan]
// [--include-processor-data] [--forms FILE]` erases one subject in one process and prints one
// JSON object with the time it took and the plan's step counts.
//
//   erase_s  Session.erase with apply: the plan, the journal, the transaction, the audit entry,
//            the index, the files; without the residue scan unless --scan is given.
//   --scan   the erasure as `dsr erase --apply` runs it, residue scan included (erase_s covers
//            both; `residue` is the number of occurrences it found).
//   --forms FILE  afterwards, and timed apart (scan_s), DSRKit's ResidueScanner counts the
//            forms in FILE (one a line) in ops.db, its -wal and -journal and every file of the
//            state folder: the places the erasure's own scan reads, with the forms grep gets.
import DSRKit
import Foundation

/// Runs the erase mode with the arguments after `erase` and returns the exit code.
func eraseBenchmark(_ arguments: [String]) -> Int32 {
    var positional: [String] = []
    var formsFile: String?
    var index = 0
    while index < arguments.count {
        if arguments[index] == "--forms", index + 1 < arguments.count {
            formsFile = arguments[index + 1]
            index += 2
            continue
        }
        if !arguments[index].hasPrefix("--") { positional.append(arguments[index]) }
        index += 1
    }
    guard positional.count >= 2 else {
        FileHandle.standardError.write(
            Data(
                ("usage: dsr-bench erase CONFIG IDENTIFIER… [--scan] [--include-processor-data] "
                    + "[--forms FILE]\n").utf8))
        return 64
    }
    do {
        let workspace = try Workspace.load(configFile: URL(filePath: positional[0]))
        let session = Session(workspace: workspace, actor: "bench")
        let subject = try session.subject(identifiers: Array(positional.dropFirst()), request: nil)
        var options = ErasureOptions()
        options.apply = true
        options.includeProcessorData = arguments.contains("--include-processor-data")
        options.scansResidue = arguments.contains("--scan")
        let start = seconds()
        let report = try session.erase(subject, options: options)
        let elapsed = seconds() - start
        var fields = [
            "\"erase_s\": \(elapsed)", "\"scan_included\": \(options.scansResidue)",
            "\"steps\": \(report.plan.steps.count)", "\"files\": \(report.plan.files.count)",
            "\"actions\": {"
                + Dictionary(grouping: report.plan.steps, by: \.action.rawValue)
                .sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value.count)" }.joined(separator: ", ")
                + "}",
        ]
        if let residue = report.residue { fields.append("\"residue\": \(residue.found)") }
        if let formsFile {
            let (scanSeconds, found, bytes) = try scanPlaces(of: workspace, formsFile: formsFile)
            fields += ["\"scan_s\": \(scanSeconds)", "\"scan_found\": \(found)", "\"scan_bytes\": \(bytes)"]
        }
        print("{" + fields.joined(separator: ", ") + "}")
        return 0
    } catch {
        FileHandle.standardError.write(Data("dsr-bench: \(error.localizedDescription)\n".utf8))
        return 70
    }
}

/// Times ResidueScanner over the operations database, its journal files and the state folder.
/// - Returns: the seconds, the occurrences found and the bytes of the files that exist.
private func scanPlaces(of workspace: Workspace, formsFile: String) throws -> (Double, Int, Int) {
    let forms = try String(contentsOf: URL(filePath: formsFile), encoding: .utf8)
        .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    let database = workspace.operationsDB.path(percentEncoded: false)
    let places = ["", "-wal", "-journal"].map { (label: "ops.db\($0)", url: URL(filePath: database + $0)) }
    let start = seconds()
    let scanner = ResidueScanner(forms: forms)
    let found = try scanner.scan(places).found + scanner.scanFolder(workspace.stateDir, label: "state").found
    let elapsed = seconds() - start
    var bytes = 0
    var paths = places.map { $0.url.path(percentEncoded: false) }
    if let enumerator = FileManager.default.enumerator(atPath: workspace.stateDir.path(percentEncoded: false)) {
        while let relative = enumerator.nextObject() as? String {
            paths.append(workspace.stateDir.appending(path: relative).path(percentEncoded: false))
        }
    }
    for path in paths {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG { bytes += Int(info.st_size) }
    }
    return (elapsed, found, bytes)
}
