// The residue-scan benchmark (bench/residue-scan.sh): `dsr-bench residue PATTERNS FILE [--no-utf16]`
// counts the occurrences of the patterns (one a line) in FILE with DSRKit's ResidueScanner and
// prints the count on stdout, the time and throughput on stderr.
import DSRKit
import Foundation

/// Runs the residue mode with the arguments after `residue` and returns the exit code.
func residueBenchmark(_ arguments: [String]) -> Int32 {
    let files = arguments.filter { !$0.hasPrefix("--") }
    guard files.count == 2 else {
        FileHandle.standardError.write(Data("usage: dsr-bench residue PATTERNS FILE [--no-utf16]\n".utf8))
        return 64
    }
    do {
        let patterns = try String(contentsOf: URL(filePath: files[0]), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let scanner = ResidueScanner(forms: patterns, includeUTF16: !arguments.contains("--no-utf16"))
        let start = seconds()
        let count = try scanner.count(in: URL(filePath: files[1]))
        let elapsed = seconds() - start
        let size = (try? FileManager.default.attributesOfItem(atPath: files[1])[.size] as? Int) ?? 0
        print(count)
        FileHandle.standardError.write(
            Data("residue: \(elapsed) s, \(Double(size) / elapsed / 1e6) MB/s\n".utf8))
        return 0
    } catch {
        FileHandle.standardError.write(Data("dsr-bench: \(error.localizedDescription)\n".utf8))
        return 70
    }
}
