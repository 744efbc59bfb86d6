import Foundation
import GRDB
import Testing

/// A demo workspace made once with `dsr demo --json`, whose planted subjects are the oracle.
// Immutable after init; `[String: Any]` is not Sendable by type only.
final class LocateFixture: @unchecked Sendable {
    static let shared = Result { try LocateFixture() }

    let scratch: ScratchFolder
    let subjects: [[String: Any]]
    var config: String { scratch.url.appending(path: "ws/dsr.yaml").path }
    var database: String { scratch.url.appending(path: "ws/ops.db").path }

    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "30", "--calls", "8000", "--seed", "5", "--json"], in: scratch.url)
        guard outcome.code == 0,
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any],
            let report = json["report"] as? [String: Any], let subjects = report["subjects"] as? [[String: Any]]
        else { throw MediaChecks.Failure(description: "demo failed: \(outcome.stderr)") }
        self.subjects = subjects
    }

    /// Runs `dsr locate --json` and returns the parsed document.
    func locate(_ arguments: [String]) throws -> [String: Any] {
        let outcome = try DSRProcess.run(["locate", "--config", config, "--json"] + arguments, in: scratch.url)
        guard outcome.code == 0 else {
            throw MediaChecks.Failure(description: "locate: \(outcome.code) \(outcome.stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
    }

    /// Table → keys of the located records with `relation`.
    static func keys(_ result: [String: Any], relation: String) -> [String: Set<String>] {
        var keys: [String: Set<String>] = [:]
        for record in result["records"] as! [[String: Any]] where record["relation"] as? String == relation {
            keys[record["table"] as! String, default: []].insert("\(record["key"]!)")
        }
        return keys
    }

    static func expected(_ subject: [String: Any], _ field: String) -> [String: Set<String>] {
        (subject[field] as! [String: [String]]).mapValues(Set.init).filter { !$0.value.isEmpty }
    }
}

@Suite struct LocateEndToEndTests {
    let fixture: LocateFixture
    init() throws { fixture = try LocateFixture.shared.get() }

    @Test(arguments: ["index", "scan"])
    func everyPlantedSubjectGetsExactlyTheirRecords(_ method: String) throws {
        #expect(fixture.subjects.count >= 6)
        for subject in fixture.subjects {
            let label = subject["label"] as! String
            let identifiers = subject["identifiers"] as! [String]
            let result = try fixture.locate(identifiers + (method == "scan" ? ["--scan"] : []))
            #expect(result["method"] as? String == method)
            #expect(
                LocateFixture.keys(result, relation: "subject") == LocateFixture.expected(subject, "expected_records"),
                "own records of \(label)")
            #expect(
                LocateFixture.keys(result, relation: "related") == LocateFixture.expected(subject, "related_records"),
                "related records of \(label)")
        }
    }

    @Test func identitiesLearntFromAContactAreSearchedWithProvenance() throws {
        let subject = try #require(fixture.subjects.first { $0["label"] as? String == "owner-and-caller" })
        let identifiers = subject["identifiers"] as! [String]
        let email = try #require(identifiers.first { $0.hasPrefix("email:") })
        let phone = try #require(identifiers.first { $0.hasPrefix("phone:") })
        let result = try fixture.locate([email])
        let derived = (result["identifiers"] as! [[String: Any]]).first { $0["origin"] as? String == "derived" }
        #expect(derived?["kind"] as? String == "phone")
        #expect("phone:\(derived?["value"] ?? "")" == phone)
        #expect((derived?["source"] as? [String: Any])?["table"] as? String == "contacts")
        #expect(derived?["via"] as? String == email)
        let calls = (result["records"] as! [[String: Any]]).filter {
            $0["table"] as? String == "cdrs" && $0["relation"] as? String == "subject"
        }
        #expect(!calls.isEmpty)
        #expect(calls.allSatisfy { $0["via"] as? String == phone && $0["matched_on"] as? String == "caller_number" })
        #expect(LocateFixture.keys(result, relation: "subject") == LocateFixture.expected(subject, "expected_records"))
    }

    @Test func withheldCallsNeverMatchButPresentationRestrictedNumbersDo() throws {
        let caller = try #require(fixture.subjects.first { $0["label"] as? String == "caller" })
        let result = try fixture.locate(caller["identifiers"] as! [String])
        let keys = LocateFixture.keys(result, relation: "subject")["cdrs"] ?? []
        let queue = try DatabaseQueue(path: fixture.database)
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT id, caller_number, caller_withheld FROM cdrs WHERE caller_withheld = 1")
        }
        let markers = rows.filter { row in
            let value = (row["caller_number"] as String?)?.lowercased() ?? ""
            return value.isEmpty || ["anonymous", "unknown", "restricted"].contains(value)
        }
        #expect(!markers.isEmpty)
        for row in markers { #expect(!keys.contains("\(row["id"] as Int64)")) }
        let restricted = rows.filter { keys.contains("\($0["id"] as Int64)") }
        #expect(!restricted.isEmpty, "a withheld call that still carried her number is hers")
    }

    @Test func anEscapingPathIsRefusedAndAMissingFileReported() throws {
        let queue = try DatabaseQueue(path: fixture.database)
        let escaping = try queue.read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT r.id, c.caller_number FROM recordings r JOIN cdrs c ON c.id = r.cdr_id
                    WHERE r.file_path LIKE '../%' AND c.caller_withheld = 0
                    """)
        }
        let row = try #require(escaping, "the demo plants an escaping path on a call with a caller")
        let result = try fixture.locate(["phone:" + (row["caller_number"] as String)])
        let file = (result["files"] as! [[String: Any]]).first {
            $0["table"] as? String == "recordings" && "\($0["key"]!)" == "\(row["id"] as Int64)"
        }
        #expect(file?["status"] as? String == "refused")
        #expect((result["warnings"] as! [[String: Any]]).contains { $0["kind"] as? String == "refused_path" })

        let missing = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT r.id, r.file_path, c.caller_number FROM recordings r JOIN cdrs c ON c.id = r.cdr_id
                    WHERE r.file_path NOT LIKE '../%' AND c.caller_withheld = 0
                    """)
        }.first {
            !FileManager.default.fileExists(
                atPath: fixture.scratch.url.appending(path: "ws/files/" + ($0["file_path"] as String)).path)
        }
        let absent = try #require(missing, "the demo plants a recording whose file is missing")
        let second = try fixture.locate(["phone:" + (absent["caller_number"] as String)])
        #expect((second["files"] as! [[String: Any]]).contains { $0["status"] as? String == "missing" })
        #expect((second["warnings"] as! [[String: Any]]).contains { $0["kind"] as? String == "missing_file" })
    }

    @Test func deepFindsTheCallerNamedInVoicemailNotifications() throws {
        let caller = try #require(fixture.subjects.first { $0["label"] as? String == "caller" })
        let phone = try #require((caller["identifiers"] as! [String]).first { $0.hasPrefix("phone:") })
        let plain = try fixture.locate([phone])
        #expect((plain["mentions"] as! [Any]).isEmpty, "no mentions without --deep")
        let deep = try fixture.locate([phone, "--deep"])
        let mentions = deep["mentions"] as! [[String: Any]]
        #expect(!mentions.isEmpty)
        #expect(mentions.allSatisfy { $0["identifier"] as? String == phone && $0["table"] as? String == "emails" })
        #expect(LocateFixture.keys(deep, relation: "subject") == LocateFixture.keys(plain, relation: "subject"))
    }
}
