import Foundation
import Testing

/// Two dsr processes appending to the audit trail at the same time leave one unbroken
/// chain: every entry there, numbered 1...N without gaps, and `dsr audit verify` passes.
@Suite struct AuditConcurrencyTests {
    let workspace: AuditWorkspace
    init() throws { workspace = try AuditWorkspace() }

    /// Starts `/bin/sh -c SCRIPT` in the scratch folder with `$DSR` set to the binary; the
    /// caller waits. Output goes to files so that a full pipe can never stall the child.
    func start(_ script: String, name: String) throws -> (process: Process, log: URL) {
        let log = workspace.scratch.url.appending(path: "\(name).log")
        _ = FileManager.default.createFile(atPath: log.path(percentEncoded: false), contents: nil)
        let process = Process()
        process.executableURL = URL(filePath: "/bin/sh")
        process.arguments = ["-c", script]
        process.currentDirectoryURL = workspace.scratch.url
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "DSR_CONFIG")
        environment["DSR"] = DSRProcess.binary.path(percentEncoded: false)
        environment["DSR_ACTOR"] = name
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, log)
    }

    /// A loop of 15 runs of `COMMAND` with `$i` from 10 to 24, stopping at the first failure.
    static func loop(_ command: String) -> String {
        """
        i=10
        while [ $i -le 24 ]; do
            "$DSR" \(command) --config ws/dsr.yaml || { echo "failed at $i"; exit 1; }
            i=$((i + 1))
        done
        """
    }

    /// Runs both scripts at once and expects both to succeed.
    func runTogether(_ first: String, _ second: String) throws {
        let one = try start(first, name: "one")
        let two = try start(second, name: "two")
        one.process.waitUntilExit()
        two.process.waitUntilExit()
        for (run, name) in [(one, "one"), (two, "two")] {
            let log = try String(contentsOf: run.log, encoding: .utf8)
            #expect(run.process.terminationStatus == 0, "\(name): \(log)")
        }
    }

    /// Expects one intact chain of exactly `count` entries numbered 1...count.
    func expectOneChain(of count: Int) throws {
        let (code, report) = try workspace.verify()
        #expect(code == 0, "\(report)")
        #expect(report["entries"] as? Int == count)
        #expect(try workspace.storedSeqs() == Array(1...count))
        let entries = try workspace.entries()
        #expect(entries.map { $0["seq"] as? Int } == Array(1...count))
        for (entry, next) in zip(entries, entries.dropFirst()) {
            #expect(next["previous_hash"] as? String == entry["hash"] as? String, "link \(entry["seq"]!)")
        }
        #expect(report["head"] as? String == "\(count):\(entries.last?["hash"] as? String ?? "")")
    }

    @Test func twoProcessesOpeningRequestsLeaveOneChainAndDistinctIDs() throws {
        #expect(try workspace.storedSeqs().isEmpty, "the demo starts with an empty trail")
        try runTogether(
            Self.loop("request open --type access phone:+316123410$i --actor one"),
            Self.loop("request open --type access phone:+316123420$i --actor two"))
        try expectOneChain(of: 30)
        let actors = try workspace.entries().map { $0["actor"] as? String ?? "?" }
        #expect(actors.filter { $0 == "one" }.count == 15 && actors.filter { $0 == "two" }.count == 15)
        let list = try JSONSerialization.jsonObject(with: Data(try workspace.must(["request", "list", "--json"]).utf8))
        let ids = (list as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(ids.count == 30 && Set(ids).count == 30, "\(ids)")
        #expect(Set(ids.map { String($0.suffix(4)) }) == Set((1...30).map { String(format: "%04d", $0) }))
    }

    @Test func aProcessOpeningRequestsAndOneLocatingLeaveOneChain() throws {
        try runTogether(
            Self.loop("request open --type access phone:+316123430$i --actor one"),
            Self.loop("locate phone:+31681234567 --actor two > /dev/null"))
        try expectOneChain(of: 30)
        let actions = try workspace.entries().map { $0["action"] as? String ?? "?" }
        #expect(actions.filter { $0 == "request.open" }.count == 15 && actions.filter { $0 == "locate" }.count == 15)
    }
}
