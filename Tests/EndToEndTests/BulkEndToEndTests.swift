import Foundation
import GRDB
import Testing

/// `dsr bulk` on the real binary (issue 13): each row as its single command, reruns skip,
/// killed runs go on, bad rows fail alone, and files that are not CSV or JSON Lines change nothing.
@Suite struct BulkEndToEndTests {
    let demo: DemoCopies
    var scratch: ScratchFolder { demo.scratch }
    var pristine: URL { demo.pristine }

    init() throws { demo = try DemoCopies() }

    func copy(_ name: String) throws -> URL { try demo.copy(name) }

    func dsr(_ arguments: [String], in folder: URL) throws -> DSRProcess.Outcome { try demo.dsr(arguments, in: folder) }

    func write(_ text: String, _ name: String) throws -> String {
        try text.write(to: scratch.url.appending(path: name), atomically: true, encoding: .utf8)
        return name
    }

    /// The rows of `dsr bulk --json`'s document.
    func rows(_ outcome: DSRProcess.Outcome) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        return document?["rows"] as? [[String: Any]] ?? []
    }

    /// Runs each spec as the single commands a DPO would type, in order, in `folder`.
    func runSingly(_ specs: [BulkSpec], in folder: URL) throws {
        for spec in specs {
            guard let type = spec.requestType else {
                _ = try dsr(["locate"] + spec.identifiers, in: folder)
                continue
            }
            let opened = try dsr(
                ["request", "open", "--type", type] + spec.identifiers
                    + (spec.received.map { ["--received", $0] } ?? []) + ["--channel", "bulk"], in: folder)
            guard opened.code == 0, let id = opened.stdout.split(separator: " ").first.map(String.init) else {
                continue
            }
            _ = try dsr(["request", "verify", id, "--method", "stated by the sender of the bulk file"], in: folder)
            _ = try dsr(spec.command(request: id), in: folder)
        }
    }

    @Test func everyRowOfACSVAndAJSONLinesFileEndsAsItsSingleCommand() throws {
        let specs = try BulkFixture.specs(pristine: pristine)
        #expect(specs.count == 50)
        #expect(
            Set(specs.map(\.action)) == ["locate", "access", "portability", "erasure", "rectification", "restriction"])
        let single = try copy("single")
        try runSingly(specs, in: single)
        let expected = try WorkspaceRecord(of: single)
        #expect(expected.audit.count > 100, "the single commands did their work")

        for (name, text) in [
            ("requests.jsonl", BulkFixture.jsonLines(specs)), ("requests.csv", BulkFixture.csv(specs)),
        ] {
            let folder = try copy("bulk-" + name)
            let outcome = try dsr(["bulk", try write(text, name), "--json"], in: folder)
            #expect(outcome.code == 1, "one row fails: \(outcome.stderr)")
            let rows = try rows(outcome)
            #expect(rows.count == 50)
            let bad = rows.filter { $0["status"] as? String == "failed" }
            #expect(
                rows.filter { $0["status"] as? String == "done" }.count == 49,
                "\(name): \(bad.map { $0["error"] as? String ?? "" })")
            let line = name.hasSuffix(".csv") ? 18 : 17
            #expect(bad.count == 1 && bad.first?["ref"] as? String == "BAD-1" && bad.first?["line"] as? Int == line)
            let error = bad.first?["error"] as? String ?? ""
            #expect(error.contains("line \(line)") && error.contains("identifiers"), "\(error)")
            #expect(!error.contains("12ab34"), "the error names the field, not the value")
            // One residue scan after all the applied erasures, not one per row.
            let document = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            let residue = document?["residue"] as? [String: Any]
            let erasures = specs.filter { $0.action == "erasure" && $0.apply == true }.count
            #expect(erasures > 5 && residue?["erasures"] as? Int == erasures, "\(residue ?? [:])")
            #expect(residue?["found"] is Int && residue?["places"] is [Any])
            #expect(rows.allSatisfy { $0["residue"] == nil }, "no row scans on its own")
            let record = try WorkspaceRecord(of: folder)
            let same = record == expected
            #expect(same, "\(name): \(record.differences(from: expected))")
        }
    }

    @Test func aRerunSkipsEveryRowAndChangesNothing() throws {
        let specs = try BulkFixture.specs(pristine: pristine)
        let folder = try copy("rerun")
        let file = try write(BulkFixture.jsonLines(specs), "rerun.jsonl")
        #expect(try dsr(["bulk", file], in: folder).code == 1)
        let before = try WorkspaceRecord(of: folder)
        let stateBefore = try Self.stateDump(folder)
        let again = try dsr(["bulk", file, "--json"], in: folder)
        #expect(again.code == 1, "the bad row fails again")
        let rows = try rows(again)
        #expect(rows.filter { $0["status"] as? String == "skipped" }.count == 49)
        #expect(
            rows.filter { $0["status"] as? String == "skipped" }.allSatisfy {
                ($0["ref"] as? String)?.hasPrefix("L") == true || $0["request"] is String
            })
        let same = try WorkspaceRecord(of: folder) == before
        #expect(same)
        #expect(try Self.stateDump(folder) == stateBefore, "state.db is byte-for-byte the same in its dump")
    }

    @Test func aRowWhoseContentChangedUnderItsRefFails() throws {
        let folder = try copy("changed")
        let first = try write(
            #"{"ref": "T-1", "action": "erasure", "identifiers": ["email:jan.devries@example.nl"]}"# + "\n", "a.jsonl")
        #expect(try dsr(["bulk", first], in: folder).code == 0)
        let changed = try write(
            #"{"ref": "T-1", "action": "erasure", "identifiers": ["email:jan.devries@example.nl"], "apply": true}"#
                + "\n", "b.jsonl")
        let before = try WorkspaceRecord(of: folder)
        let outcome = try dsr(["bulk", changed, "--json"], in: folder)
        #expect(outcome.code == 1)
        let error = try rows(outcome).first?["error"] as? String ?? ""
        #expect(error.contains("line 1") && error.contains("ref") && error.contains("other content"), "\(error)")
        let same = try WorkspaceRecord(of: folder) == before
        #expect(same)
    }

    @Test func filesThatAreNotCSVOrJSONLinesExit65AndChangeNothing() throws {
        let folder = try copy("refused")
        let before = try WorkspaceRecord(of: folder)
        let stateBefore = try Self.stateDump(folder)
        try Data([0x89, 0x50, 0x4E, 0x47, 0, 1, 2, 3]).write(to: scratch.url.appending(path: "image.csv"))
        let cases = [
            "image.csv",
            try write("this is not\na request file\n", "notes.jsonl"),
            try write("ref,action,colour\nT-1,locate,blue\n", "header.csv"),
            try write("ref,action,identifiers\nT-1,locate,\"phone:+31681234567\n", "open-quote.csv"),
        ]
        for file in cases {
            let outcome = try dsr(["bulk", file, "--json"], in: folder)
            #expect(outcome.code == 65, "\(file): \(outcome.code) \(outcome.stderr)")
            #expect(outcome.stderr.contains(file), "\(file): the message names the file: \(outcome.stderr)")
        }
        let header = try dsr(["bulk", "header.csv"], in: folder)
        #expect(header.stderr.contains("line 1") && header.stderr.contains("colour"), "\(header.stderr)")
        #expect(try dsr(["bulk", "missing.csv"], in: folder).code == 66)
        let same = try WorkspaceRecord(of: folder) == before
        #expect(same)
        #expect(try Self.stateDump(folder) == stateBefore)
    }

    @Test func anUnknownFieldFailsItsRowByLineAndFieldAndADryRunChangesNothing() throws {
        let folder = try copy("dry")
        let file = try write(
            [
                #"{"ref": "1", "action": "locate", "identifiers": ["phone:+31681234567"]}"#,
                #"{"ref": "2", "action": "locate", "identifiers": ["phone:+31681234567"], "colour": "blue"}"#,
                #"{"ref": "3", "action": "erase", "identifiers": ["phone:+31681234567"]}"#,
                #"{"ref": "4", "action": "locate", "identifiers": ["phone:+31681234567"], "apply": true}"#,
                #"{"ref": "1", "action": "locate", "identifiers": ["phone:+31681234567"]}"#,
                #"{"ref": "6", "action": "erasure", "identifiers": ["email:jan.devries@example.nl"], "apply": true}"#,
            ].joined(separator: "\n"), "dry.jsonl")
        let before = try WorkspaceRecord(of: folder)
        let stateBefore = try Self.stateDump(folder)
        let outcome = try dsr(["bulk", file, "--dry-run", "--json"], in: folder)
        #expect(outcome.code == 1)
        let errors = try rows(outcome).map { $0["error"] as? String ?? "" }
        #expect(errors[0] == "" && errors[5] == "")
        #expect(errors[1].contains("line 2, field colour"), "\(errors[1])")
        #expect(errors[2].contains("line 3, field action"), "\(errors[2])")
        #expect(errors[3].contains("line 4, field apply"), "\(errors[3])")
        #expect(errors[4].contains("line 5, field ref") && errors[4].contains("line 1"), "\(errors[4])")
        #expect(
            try rows(outcome).map { $0["status"] as? String } == [
                "ready", "failed", "failed", "failed", "failed", "ready",
            ])
        let same = try WorkspaceRecord(of: folder) == before
        #expect(same)
        #expect(try Self.stateDump(folder) == stateBefore)
    }

    @Test func runsKilledAtRandomMomentsDoEveryRowExactlyOnce() throws {
        let specs = try BulkFixture.specs(pristine: pristine)
        let file = try write(BulkFixture.jsonLines(specs), "killed.jsonl")
        let reference = try copy("uninterrupted")
        let start = Date()
        #expect(try dsr(["bulk", file], in: reference).code == 1)
        let full = Date().timeIntervalSince(start)
        let expected = try WorkspaceRecord(of: reference)
        for trial in 0..<3 {
            let folder = try copy("killed-\(trial)")
            var kills: [Double] = []
            // Three kills at random moments, each run going on from the last, then a run to the end.
            for _ in 0..<3 {
                let delay = Double.random(in: 0...(full / 2))
                try demo.runKilled(["bulk", file], in: folder, after: delay)
                kills.append(delay)
            }
            let last = try dsr(["bulk", file, "--json"], in: folder)
            #expect(last.code == 1, "trial \(trial): \(last.stderr)")
            let statuses = try rows(last).map { $0["status"] as? String ?? "" }
            #expect(statuses.filter { $0 == "failed" }.count == 1, "trial \(trial): only the bad row fails")
            let record = try WorkspaceRecord(of: folder)
            // Every audited step exactly once per request, whatever the kills interrupted.
            let counts = Self.stepCounts(record.audit)
            let wanted = Self.stepCounts(expected.audit)
            let differing = Set(counts.keys).union(wanted.keys).filter { counts[$0] != wanted[$0] }.sorted()
                .map { "\($0): \(counts[$0] ?? 0) ≠ \(wanted[$0] ?? 0)" }
            #expect(differing.isEmpty, "trial \(trial), kills at \(kills): the audited steps differ: \(differing)")
            let sameEnd = record.end == expected.end && record.requests == expected.requests
            #expect(sameEnd, "trial \(trial): \(record.differences(from: expected))")
            // Every letter and notice is written, once, whatever the kills interrupted: by the
            // run that finishes the change, from the plan its journal kept, finishing what a
            // killed run wrote of the set.
            let missing = Set(expected.exports.keys).subtracting(record.exports.keys)
            #expect(
                missing.isEmpty,
                "trial \(trial), kills at \(kills): missing \(missing.sorted()); written: \(record.exports.keys.filter { name in missing.contains { name.prefix(13) == $0.prefix(13) } }.sorted()); audit: \(record.audit.filter { entry in missing.contains { entry.contains($0.prefix(13)) } })"
            )
            // Only the bad row has an error: no row done says something of it was left undone.
            let told = try rows(last).filter { $0["status"] as? String == "done" }.compactMap { $0["error"] as? String }
            #expect(told.isEmpty, "trial \(trial): \(told)")
            #expect(Set(record.exports.keys).isSubset(of: expected.exports.keys), "trial \(trial)")
        }
    }

    /// How many times each action was audited for each request (locate: for each subject).
    static func stepCounts(_ audit: [String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in audit {
            let parts = entry.components(separatedBy: " | ")
            counts[parts[0] + " " + (parts[1] == "-" ? parts[2] : parts[1]), default: 0] += 1
        }
        return counts
    }

    /// `sqlite3 state.db .dump`.
    static func stateDump(_ folder: URL) throws -> String {
        let outcome = try DSRProcess.execute(
            URL(filePath: "/usr/bin/sqlite3"),
            [folder.appending(path: "state/state.db").path(percentEncoded: false), ".dump"], in: nil)
        return outcome?.stdout ?? ""
    }
}
