import DSRKit
import Foundation
import GRDB
import Testing

@testable import DSRDemo

/// The mess CONTRACT.md promises is there, planted subjects and decoys exist, and the
/// output is deterministic.
@Suite("Demo content")
struct DemoContentTests {
    @Test func messIsPresent() throws {
        let fixture = try DemoFixture.make()
        defer { fixture.remove() }
        try fixture.open().read { db in
            for spelling in DemoPlantedCallPlan.withheldSpellings {
                let count =
                    if let spelling {
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM cdrs WHERE caller_withheld = 1 AND caller_number = ?",
                            arguments: [spelling])
                    } else {
                        try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM cdrs WHERE caller_withheld = 1 AND caller_number IS NULL")
                    }
                #expect((count ?? 0) > 0, "withheld spelling \(spelling ?? "NULL")")
            }
            let restricted = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM cdrs WHERE caller_withheld = 1 AND caller_number GLOB '*[0-9]*'")
            #expect((restricted ?? 0) > 0)
            #expect(
                try Int.fetchOne(db, sql: "SELECT count(*) FROM recordings WHERE file_path = '../../etc/passwd'") == 1)
            let ips = try String.fetchAll(db, sql: "SELECT ip_address FROM orders WHERE ip_address IS NOT NULL")
            #expect(ips.contains { $0.lowercased().hasPrefix("::ffff:") && $0.contains(".") })
            #expect(ips.contains { $0.hasPrefix("0:0:0:0:0:ffff:") })
            #expect(ips.contains { $0.contains("::") && !$0.contains(".") })
            #expect(ips.contains { $0.uppercased() == $0 && $0.contains(":") && $0.contains { "ABCDEF".contains($0) } })
            let callers = Set(try String.fetchAll(db, sql: "SELECT caller_number FROM cdrs WHERE caller_withheld = 0"))
            let sanne = DemoPlanted.sanne
            for form in DemoPhoneForm.allCases {
                #expect(callers.contains(sanne.text(form)), "form \(form)")
            }
            #expect(callers.contains("+31 (0)6-81234567"))
            #expect(callers.contains("0888 912 345"))
            let headers = try String.fetchAll(
                db, sql: "SELECT from_addr || ' ' || to_addrs || ' ' || ifnull(cc_addrs, '') FROM emails")
            #expect(headers.contains { $0.contains("undisclosed-recipients:;") })
            #expect(headers.contains { $0.contains("=?UTF-8?B?") })
            #expect(headers.contains { $0.contains("=?UTF-8?Q?") })
            #expect(headers.contains { $0.contains("=?windows-1251?B?") })
            #expect(headers.contains { $0.contains("\"de Vries, Jan\" <Jan.deVries@Example.NL>") })
            let emailed = try Int.fetchOne(
                db,
                sql:
                    "SELECT count(*) FROM voicemails WHERE file_path IS NULL AND email_id IS NOT NULL AND emailed_at IS NOT NULL"
            )
            let kept = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM voicemails WHERE file_path IS NOT NULL AND email_id IS NULL")
            #expect((emailed ?? 0) > 0 && (kept ?? 0) > 0)
            let unrecorded = try Int.fetchOne(
                db,
                sql:
                    "SELECT count(*) FROM recordings r JOIN cdrs c ON c.id = r.cdr_id JOIN service_numbers s ON s.number = c.service_number WHERE s.recording_enabled = 0"
            )
            #expect(unrecorded == 0)
            let unordered = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM cdrs a JOIN cdrs b ON b.id = a.id + 1 WHERE b.started_at < a.started_at")
            #expect(unordered == 0)
        }
    }

    @Test func plantedSubjectsAndDecoysExist() throws {
        let fixture = try DemoFixture.make()
        defer { fixture.remove() }
        let subjects = fixture.report.subjects
        #expect(subjects.map(\.label) == DemoPlanted.labels)
        try fixture.open().read { db in
            for subject in subjects {
                #expect(!subject.expectedRecords.isEmpty, "\(subject.label)")
                for (table, keys) in subject.expectedRecords.merging(subject.relatedRecords, uniquingKeysWith: +) {
                    let column = table == "service_numbers" ? "number" : "id"
                    for key in keys {
                        let found = try Int.fetchOne(
                            db, sql: "SELECT count(*) FROM \(table) WHERE \(column) = ?",
                            arguments: [table == "service_numbers" ? key : Int(key)!])
                        #expect(found == 1, "\(subject.label) \(table) \(key)")
                    }
                }
            }
            let callerCalls = subjects[DemoPlanted.caller].expectedRecords["cdrs"] ?? []
            #expect((60...100).contains(callerCalls.count))
            for decoy in DemoPlanted.decoyCallers {
                #expect(
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM cdrs WHERE caller_number = ?", arguments: [decoy])!
                        > 0, "\(decoy)")
            }
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM service_numbers WHERE number = ?",
                    arguments: [DemoPlanted.decoyServiceNumber]) == 1)
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM contacts WHERE email = ?", arguments: [DemoPlanted.decoyMail]) == 1)
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM emails WHERE to_addrs LIKE ?",
                    arguments: ["%" + DemoPlanted.decoyMail + "%"]) == 1)
            #expect(
                try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM orders WHERE ip_address = ?", arguments: [DemoPlanted.decoyIPv6])
                    == 1)
            // Decoy rows are nobody's.
            // "0681234567" is the decoy only on a BG number; on an NL number it is Sanne.
            let decoyCalls = try String.fetchAll(
                db,
                sql: """
                    SELECT CAST(id AS TEXT) FROM cdrs WHERE caller_number IN \
                    ('+31681234568', '+32681234567', '+359888912346') \
                    OR (caller_number = '0681234567' AND service_number LIKE '+359%')
                    """)
            #expect(decoyCalls.count == 8)
            for subject in subjects {
                #expect(Set(decoyCalls).isDisjoint(with: subject.expectedRecords["cdrs"] ?? []))
            }
        }
    }

    @Test func plantedSubjectsSurviveTheMinimumSize() throws {
        let fixture = try DemoFixture.make(DemoOptions(customers: 10, calls: 1000, seed: 3))
        defer { fixture.remove() }
        #expect(fixture.report.subjects.count == DemoPlanted.count)
        let callerCalls = fixture.report.subjects[DemoPlanted.caller].expectedRecords["cdrs"] ?? []
        #expect(callerCalls.count == 84)
        #expect(Set(callerCalls).count == callerCalls.count)
    }

    @Test func sameOptionsGiveIdenticalBytes() throws {
        let first = try DemoFixture.make()
        let second = try DemoFixture.make()
        defer {
            first.remove()
            second.remove()
        }
        #expect(try Data(contentsOf: first.database) == Data(contentsOf: second.database))
        let paths = first.filePaths()
        #expect(paths == second.filePaths())
        for path in paths {
            #expect(
                try Data(contentsOf: first.files.appending(path: path))
                    == Data(contentsOf: second.files.appending(path: path)), "\(path)")
        }
        #expect(first.report.subjects == second.report.subjects)
        let other = try DemoFixture.make(DemoOptions(customers: 20, calls: 3000, seed: 43))
        defer { other.remove() }
        #expect(try Data(contentsOf: first.database) != Data(contentsOf: other.database))
    }
}
