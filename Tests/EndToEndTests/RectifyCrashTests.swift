import Foundation
import Testing

/// `dsr rectify --apply` killed with SIGKILL at a random moment (issue 11): the operations
/// database holds either none or all of the rectification, and once the next command has run
/// the index finds exactly the calls that state holds, under the new value and the old.
@Suite struct RectifyCrashTests {
    static let trials = 8
    static let caller = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
    static let change = ["--replace", "phone:+31681234567=+31622233344"]

    let workspace: DemoWorkspace

    init() throws {
        // Past the small-table size, with call records that may be rectified: only the
        // rectification's own index update (or its journal) keeps the index right.
        workspace = try DemoWorkspace(calls: 60000)
        try workspace.useDataMap {
            $0.replacingOccurrences(
                of: "{column: caller_number, erasure: pseudonymise, rectify: false}",
                with: "{column: caller_number, erasure: pseudonymise, rectify: true}")
        }
        #expect(try workspace.dsr(["locate", "--json"] + Self.caller).code == 0)  // builds the index
    }

    /// A copy of the workspace as it is now, named `name`, beside it.
    func copy(_ name: String) throws -> URL {
        let folder = workspace.scratch.url.appending(path: name)
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: workspace.folder, to: folder)
        return folder
    }

    func arguments(_ arguments: [String], _ folder: URL) -> [String] {
        arguments + ["--config", "\(folder.lastPathComponent)/dsr.yaml"]
    }

    /// The call records `identifier` finds, through the index or (`--scan`) by reading every row.
    func calls(_ identifier: String, scan: Bool, in folder: URL) throws -> Set<Int> {
        let outcome = try DSRProcess.run(
            arguments(["locate", "--json"] + (scan ? ["--scan"] : []) + [identifier], folder),
            in: workspace.scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let located = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        return Set(
            (located["records"] as! [[String: Any]]).filter { $0["table"] as? String == "cdrs" }.map {
                $0["key"] as! Int
            })
    }

    @Test func aKilledRectificationIsAllOrNothingAndTheIndexFollows() throws {
        let untouched = try workspace.rows()
        let reference = try copy("reference")
        let start = Date()
        let done = try DSRProcess.run(
            arguments(["rectify", "--apply", "--yes"] + Self.caller + Self.change, reference), in: workspace.scratch.url
        )
        let full = Date().timeIntervalSince(start)
        #expect(done.code == 0, "\(done.stderr)")
        let expected = try DemoWorkspace.rows(in: reference)
        #expect(expected != untouched)

        let theirs = try calls("phone:+31681234567", scan: true, in: workspace.folder)
        try #require(!theirs.isEmpty)
        #expect(try calls("phone:+31622233344", scan: true, in: reference) == theirs)

        var (none, all, killed) = (0, 0, 0)
        for trial in 0..<Self.trials {
            let folder = try copy("trial-\(trial)")
            // Kills spread over the run, most of them late: the commit comes near its end.
            let outcome = try DSRProcess.execute(
                DSRProcess.binary, arguments(["rectify", "--apply", "--yes"] + Self.caller + Self.change, folder),
                in: workspace.scratch.url, timeout: full * Double(trial + 3) / Double(Self.trials))
            if outcome == nil { killed += 1 }
            let rows = try DemoWorkspace.rows(in: folder)
            let rectified: Bool
            if rows == untouched {
                (none, rectified) = (none + 1, false)
            } else if rows == expected {
                (all, rectified) = (all + 1, true)
            } else {
                Issue.record("trial \(trial): the operations database holds part of the rectification")
                continue
            }
            // The next command finishes what the kill left; the index then finds what the rows hold.
            #expect(
                try calls("phone:+31622233344", scan: false, in: folder) == (rectified ? theirs : []), "trial \(trial)")
            #expect(
                try calls("phone:+31681234567", scan: false, in: folder) == (rectified ? [] : theirs), "trial \(trial)")
            try? FileManager.default.removeItem(at: folder)
        }
        print(
            "RectifyCrashTests: \(killed) of \(Self.trials) killed; \(none) untouched, \(all) fully rectified; "
                + String(format: "uninterrupted %.0f ms", full * 1000))
        #expect(none + all == Self.trials)
    }
}
