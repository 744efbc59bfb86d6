import Foundation
import GRDB
import Testing

@testable import DSRKit

@Suite struct RequestRegisterTests {
    let dir: TemporaryDirectory
    let workspace: Workspace
    let subjects: [SubjectIdentifier]

    init() throws {
        dir = try TemporaryDirectory()
        try dir.write("", to: "ops.db")
        try WorkspaceInitializer.create(in: dir.url, settings: .init(), force: false)
        workspace = try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml"))
        subjects = [
            try SubjectIdentifier.parse("email:Jan.deVries+x@Example.NL", defaultCountry: "NL"),
            try SubjectIdentifier.parse("phone:070-3111050", defaultCountry: "NL"),
        ]
    }

    /// A register whose "today" is `day` (noon UTC).
    func register(on day: String) throws -> RequestRegister {
        let date = try #require(ISO8601DateFormatter().date(from: day + "T12:00:00Z"))
        return try Session(workspace: workspace, actor: "dpo", now: date).register()
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func idsAreSequentialPerYearAndDueOneMonthAfterReceipt() throws {
        let first = try register(on: "2026-01-31").open(type: .access, subjects: subjects, received: date("2026-01-31"))
        let second = try register(on: "2026-02-01").open(type: .erasure, subjects: subjects)
        let next = try register(on: "2027-01-02").open(type: .objection, subjects: subjects)
        #expect([first.id, second.id, next.id] == ["DSR-2026-0001", "DSR-2026-0002", "DSR-2027-0001"])
        #expect(first.due == date("2026-02-28"))
        #expect(second.received == date("2026-02-01"))
        #expect(first.subjects.map(\.value) == ["jan.devries@example.nl", "+31703111050"])
    }

    @Test func anExtensionIsAllowedOnceAndOnlyWithinTheFirstMonth() throws {
        let request = try register(on: "2026-01-31").open(
            type: .access, subjects: subjects, received: date("2026-01-31"))
        let extended = try register(on: "2026-02-28").extend(request.id, reason: "many recordings")
        #expect(extended.extendedDue == date("2026-04-30"))
        #expect(extended.effectiveDue == date("2026-04-30"))
        let twice = #expect(throws: RequestError.self) {
            try register(on: "2026-03-01").extend(request.id, reason: "again")
        }
        #expect(twice?.kind == .badData)

        let late = try register(on: "2026-03-01").open(type: .access, subjects: subjects, received: date("2026-01-15"))
        let error = #expect(throws: RequestError.self) {
            try register(on: "2026-03-01").extend(late.id, reason: "late")
        }
        #expect(error?.description.contains("Art. 12(3)") == true)
        #expect(try register(on: "2026-03-01").show(late.id).extendedDue == nil, "nothing changed")
    }

    @Test func aRefusalNeedsItsReasonAndAClosedRequestStaysClosed() throws {
        let reg = try register(on: "2026-03-01")
        let request = try reg.open(type: .erasure, subjects: subjects)
        let refusal = #expect(throws: RequestError.self) { try reg.close(request.id, outcome: .refused, reason: " ") }
        #expect(refusal?.description.contains("Art. 12(4)") == true)
        #expect(try reg.show(request.id).status == .open)
        let closed = try reg.close(request.id, outcome: .refused, reason: "manifestly unfounded")
        #expect(closed.status == .closed)
        #expect(throws: RequestError.self) { try reg.close(request.id, outcome: .completed) }
        #expect(throws: RequestError.self) { try reg.verify(request.id, method: "late") }
        #expect(throws: RequestError.unknown("DSR-2026-0099")) { try reg.show("DSR-2026-0099") }
    }

    @Test func closingForgetsTheIdentifiersButKeepsTheirHashes() throws {
        let reg = try register(on: "2026-03-01")
        let request = try reg.open(type: .access, subjects: subjects)
        let hashes = request.subjects.map(\.hash)
        let kept = try reg.close(request.id, outcome: .completed, keepIdentifiersDays: 10)
        #expect(kept.subjects.map(\.value) == ["jan.devries@example.nl", "+31703111050"], "kept for 10 days")
        // Any use of the register forgets what is due: on day 10 nothing, on day 11 this one.
        #expect(try register(on: "2026-03-10").show(request.id).subjects.allSatisfy { $0.value != nil })
        #expect(try register(on: "2026-03-11").forgetDueIdentifiers() == 0, "already done when the register opened")
        let forgotten = try reg.show(request.id)
        #expect(forgotten.subjects.allSatisfy { $0.value == nil })
        #expect(forgotten.subjects.map(\.hash) == hashes)
        let trail = try AuditTrail(state: workspace.openState()).entries(request: request.id)
        #expect(trail.map(\.action) == ["request.open", "request.close", "request.forget_identifiers"])
        #expect(trail.allSatisfy { $0.subjects == hashes })
    }

    @Test func overdueAndDueSoonAreListed() throws {
        let old = try register(on: "2026-01-20").open(type: .access, subjects: subjects, received: date("2026-01-10"))
        let fresh = try register(on: "2026-02-05").open(type: .erasure, subjects: subjects)
        let reg = try register(on: "2026-02-11")
        #expect(try reg.list(overdue: true).map(\.id) == [old.id])
        #expect(try reg.list(dueWithin: 30).map(\.id) == [old.id, fresh.id])
        #expect(try reg.list(type: .erasure).map(\.id) == [fresh.id])
        #expect(try register(on: "2026-02-10").list(overdue: true).isEmpty, "due on the 10th is not overdue that day")
    }

    @Test func aReceivedDateInTheFutureIsRefusedAndNothingIsWritten() throws {
        let reg = try register(on: "2026-03-01")
        #expect(throws: RequestError.self) {
            try reg.open(type: .access, subjects: subjects, received: date("2026-03-02"))
        }
        #expect(try reg.list().isEmpty)
        #expect(try AuditTrail(state: workspace.openState()).entries().isEmpty)
    }
}
