// The in-process locate benchmark (bench/locate.sh, section 7): many locates of different
// subjects in one process, so that the lookup is measured without the process start.
//
// Usage: dsr-bench CONFIG SUBJECTS [--audited]
//   SUBJECTS: a file with one identifier per line (`phone:+31...`).
//   --audited: also append each locate's audit entry (a state-database commit each).
// Prints one JSON object: requests, records found, total seconds, median and mean per request.
//
// Also: dsr-bench residue PATTERNS FILE (Residue.swift, bench/residue-scan.sh) and
// dsr-bench erase CONFIG IDENTIFIER… (Erase.swift, bench/erase.sh).
import DSRKit
import Foundation

func seconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

let arguments = CommandLine.arguments
if arguments.count >= 2, arguments[1] == "residue" { exit(residueBenchmark(Array(arguments.dropFirst(2)))) }
if arguments.count >= 2, arguments[1] == "erase" { exit(eraseBenchmark(Array(arguments.dropFirst(2)))) }
guard arguments.count >= 3 else {
    FileHandle.standardError.write(Data("usage: dsr-bench CONFIG SUBJECTS [--audited]\n".utf8))
    exit(64)
}
let audited = arguments.dropFirst(3).contains("--audited")
do {
    let session = Session(workspace: try Workspace.load(configFile: URL(filePath: arguments[1])), actor: "bench")
    let lines = try String(contentsOf: URL(filePath: arguments[2]), encoding: .utf8)
        .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
    var times: [Double] = []
    var records = 0
    let started = seconds()
    for line in lines {
        let start = seconds()
        let subject = try session.subject(identifiers: [line], request: nil)
        let result = audited ? try session.locate(subject) : try session.locateUnaudited(subject)
        records += result.records.count
        times.append(seconds() - start)
    }
    let total = seconds() - started
    let median = times.sorted()[times.count / 2]
    print(
        "{\"requests\": \(times.count), \"records\": \(records), \"total_s\": \(total), "
            + "\"median_ms\": \(median * 1000), \"mean_ms\": \(total / Double(max(1, times.count)) * 1000)}")
} catch {
    FileHandle.standardError.write(Data("dsr-bench: \(error.localizedDescription)\n".utf8))
    exit(70)
}
