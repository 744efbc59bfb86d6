import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The audit trail on a temporary workspace: append inside the caller's transaction, read,
/// head, and the hash chain's check.
@Suite struct AuditTrailTests {
    let temporary: TemporaryWorkspace
    let state: StateDatabase
    let trail: AuditTrail

    init() throws {
        temporary = try TemporaryWorkspace()
        state = try temporary.state()
        trail = AuditTrail(state: state)
    }

    @Test func detailsAreWrittenAsJSONEncoderWritesThem() throws {
        let details: [String: AuditValue] = [
            "records": .int(-3), "path": .text("exports/a/b \"c\"\\ \u{1}\n\t é ✓"), "applied": .bool(true),
            "files": .list([.text("x/y"), .int(Int64.max), .map([:]), .list([])]),
            "nested": .map(["b": .int(Int64.min), "a": .text(""), "B": .bool(false), "é": .text("</script>")]),
            "": .list([.map(["z": .int(0)])]),
        ]
        let written = AuditValue.json(details)
        let expected = try AuditValue.encoderJSON(details, of: .locate)
        #expect(written == expected, "\(written)\n\(expected)")
        #expect(AuditValue.json([:]) == (try AuditValue.encoderJSON([:], of: .locate)))
    }

    /// Appends three entries: two of request DSR-2026-0001, one without a request.
    func appendThree() throws -> [AuditEntry] {
        let records = [
            AuditRecord(action: .requestOpen, requestID: "DSR-2026-0001", subjects: ["aa", "bb"]),
            AuditRecord(action: .locate, subjects: ["cc"], details: ["records": .int(3)]),
            AuditRecord(action: .requestClose, requestID: "DSR-2026-0001", subjects: ["aa", "bb"]),
        ]
        return try records.enumerated().map { offset, record in
            try state.write { db in
                try trail.append(record, actor: "dpo", at: TemporaryWorkspace.time(Double(offset) * 86_400), in: db)
            }
        }
    }

    @Test func appendedEntriesChainAndReadBack() throws {
        let appended = try appendThree()
        #expect(appended.map(\.seq) == [1, 2, 3])
        #expect(appended[0].previousHash == AuditEntry.genesis)
        #expect(appended[1].previousHash == appended[0].hash)
        #expect(appended[1].details == #"{"records":3}"#)
        #expect(appended[0].at == "2026-03-01T12:00:00.000Z")
        #expect(try trail.entries() == appended)
        #expect(try trail.head() == "3:\(appended[2].hash)")
        #expect(try trail.verify() == .init(intact: true, entries: 3, head: "3:\(appended[2].hash)"))
    }

    @Test func entriesFilterByRequestTimeAndSubject() throws {
        _ = try appendThree()
        #expect(try trail.entries(request: "DSR-2026-0001").map(\.seq) == [1, 3])
        #expect(try trail.entries(since: "2026-03-02").map(\.seq) == [2, 3])
        #expect(try trail.entries(about: ["cc"]).map(\.seq) == [2])
        #expect(try trail.entries(about: ["bb", "zz"]).map(\.seq) == [1, 3])
        #expect(try trail.entries(about: ["zz"]).isEmpty)
    }

    @Test func anEmptyTrailHasNoHeadAndVerifies() throws {
        #expect(try trail.head() == nil)
        #expect(try trail.verify().intact)
        #expect(try trail.verify(head: "0:" + AuditEntry.genesis).intact)
    }

    @Test func anAppendBelongsToItsTransaction() throws {
        struct Refusal: Error {}
        #expect(throws: Refusal.self) {
            try state.write { db in
                try trail.append(AuditRecord(action: .export), actor: "dpo", at: TemporaryWorkspace.time(), in: db)
                throw Refusal()
            }
        }
        #expect(try trail.entries().isEmpty, "rolled back with the effect it recorded")
    }

    @Test func anAlteredEntryIsNamed() throws {
        _ = try appendThree()
        try state.write { db in
            try db.execute(sql: "UPDATE audit_log SET details = ? WHERE seq = ?", arguments: [#"{"records":4}"#, 2])
        }
        let report = try trail.verify()
        #expect(!report.intact)
        #expect(report.firstBadSeq == 2)
        #expect(report.damage == .altered)
    }

    @Test func theStoredActionTextIsTheEnumsRawValue() throws {
        let appended = try appendThree()
        #expect(appended.map(\.action) == ["request.open", "locate", "request.close"])
        #expect(appended.map(\.knownAction) == [.requestOpen, .locate, .requestClose])
        let stored = try state.read { db in try String.fetchAll(db, sql: "SELECT action FROM audit_log ORDER BY seq") }
        #expect(stored == ["request.open", "locate", "request.close"])
    }

    @Test func anUnknownStoredActionIsReadAsStoredAndReportedAsAltered() throws {
        _ = try appendThree()
        try state.write { db in
            try db.execute(sql: "UPDATE audit_log SET action = ? WHERE seq = ?", arguments: ["request.teleport", 2])
        }
        let entries = try trail.entries()
        #expect(entries.map(\.action) == ["request.open", "request.teleport", "request.close"], "nothing remapped")
        #expect(entries[1].knownAction == nil)
        let report = try trail.verify()
        #expect(!report.intact)
        #expect(report.firstBadSeq == 2)
        #expect(report.damage == .altered)
    }

    @Test func aKeptHeadNoticesATruncatedTrail() throws {
        let appended = try appendThree()
        let kept = "3:\(appended[2].hash)"
        try state.write { db in try db.execute(sql: "DELETE FROM audit_log WHERE seq = ?", arguments: [3]) }
        #expect(try trail.verify().intact, "the rest of the chain is intact")
        let report = try trail.verify(head: kept)
        #expect(!report.intact)
        #expect(report.damage == .truncated)
        #expect(throws: AuditError.badHead("3")) { try trail.verify(head: "3") }
    }
}
