import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The register of restrictions and holds: ids, the rules of Art. 18(3), statuses by date,
/// and audit entries that hold keyed hashes only.
@Suite struct LimitsRegisterTests {
    let temporary: TemporaryWorkspace

    init() throws { temporary = try TemporaryWorkspace() }

    /// `2026-03-01T12:00:00Z` plus `days`.
    static func day(_ days: Int) -> Date { TemporaryWorkspace.time(Double(days) * 86_400) }

    func register(at days: Int = 0) throws -> LimitsRegister {
        LimitsRegister(state: try temporary.state(), actor: "dpo", now: Self.day(days))
    }

    func date(_ text: String) -> CalendarDate { CalendarDate(iso: text)! }

    @Test func idsCountPerYearAndRestartInTheNext() throws {
        let first = try register().restrict(hashes: ["a"], requestID: nil, reason: "r", until: nil, tables: [])
        let second = try register().restrict(hashes: ["b"], requestID: nil, reason: "r", until: nil, tables: [])
        let nextYear = try register(at: 366).restrict(
            hashes: ["c"], requestID: nil, reason: "r", until: nil, tables: [])
        #expect([first.id, second.id, nextYear.id] == ["R-2026-0001", "R-2026-0002", "R-2027-0001"])
        let hold = try register().hold(hashes: ["a"], requestID: nil, basis: "b", until: date("2026-03-01"))
        #expect(hold.id == "H-2026-0001")
    }

    @Test func aLiftNeedsTheDayThePersonWasToldWithinTheRestriction() throws {
        let restriction = try register().restrict(hashes: ["a"], requestID: nil, reason: "r", until: nil, tables: [])
        #expect(throws: RestrictionError.self) { try register().lift(restriction.id, informedOn: date("2026-03-02")) }
        #expect(throws: RestrictionError.self) { try register().lift(restriction.id, informedOn: date("2026-02-28")) }
        #expect(try register().restriction(restriction.id).liftedAt == nil, "nothing changed")
        let lifted = try register(at: 3).lift(restriction.id, informedOn: date("2026-03-02"))
        #expect(lifted.status(on: date("2026-03-04")) == .lifted && lifted.informedOn == date("2026-03-02"))
        #expect(throws: RestrictionError.self) {
            try register(at: 3).lift(restriction.id, informedOn: date("2026-03-03"))
        }
        #expect(throws: RestrictionError.unknown("R-2026-0099")) {
            try register().lift("R-2026-0099", informedOn: date("2026-03-01"))
        }
    }

    @Test func aRestrictionOrHoldAppliesThroughItsLastDayAndThenExpires() throws {
        let restriction = try register().restrict(
            hashes: ["a"], requestID: nil, reason: "r", until: date("2026-03-10"), tables: [])
        let hold = try register().hold(hashes: ["b"], requestID: nil, basis: "b", until: date("2026-03-10"))
        #expect(restriction.status(on: date("2026-03-10")) == .inForce)
        #expect(restriction.status(on: date("2026-03-11")) == .expired)
        #expect(hold.status(on: date("2026-03-10")) == .active)
        #expect(hold.status(on: date("2026-03-11")) == .expired)
        let limits = try ProcessingLimits.load(try register(), hasher: try temporary.hasher())
        #expect(limits.keeping(["b"], on: date("2026-03-10")) == .hold(hold))
        #expect(limits.keeping(["b"], on: date("2026-03-11")) == nil)
        #expect(limits.keeping(["a"], on: date("2026-03-10")) == .restriction(restriction))
        #expect(limits.keeping(["a"], on: date("2026-03-10"), overriding: [restriction.id]) == nil)
        #expect(limits.keeping(["a", "b"], on: date("2026-03-01")) == .hold(hold), "a hold comes first")
        #expect(limits.keeping(["c"], on: date("2026-03-01")) == nil)
    }

    @Test func datesBeforeTodayAndEmptyTextsAreRefused() throws {
        #expect(throws: RestrictionError.self) {
            try register().hold(hashes: ["a"], requestID: nil, basis: "b", until: date("2026-02-28"))
        }
        #expect(throws: RestrictionError.self) {
            try register().hold(hashes: ["a"], requestID: nil, basis: "  ", until: date("2026-03-28"))
        }
        #expect(throws: RestrictionError.self) {
            try register().restrict(hashes: ["a"], requestID: nil, reason: "r", until: date("2026-02-28"), tables: [])
        }
        #expect(try register().legalHolds().isEmpty && register().restrictions().isEmpty)
    }

    @Test func aReleasedHoldStopsAndEveryChangeIsAuditedWithHashesOnly() throws {
        let hold = try register().hold(
            hashes: ["h1", "h2"], requestID: nil, basis: "police case Jansen", until: date("2026-06-30"))
        let released = try register(at: 1).release(hold.id, reason: "case closed for Jansen")
        #expect(released.status(on: date("2026-03-02")) == .released)
        #expect(throws: RestrictionError.self) { try register(at: 1).release(hold.id, reason: "again") }
        let limits = try ProcessingLimits.load(try register(at: 1), hasher: try temporary.hasher())
        #expect(limits.keeping(["h1"], on: date("2026-03-02")) == nil)
        let restriction = try register().restrict(
            hashes: ["r1"], requestID: nil, reason: "Jansen disputes", until: nil, tables: ["cdrs"])
        _ = try register().lift(restriction.id, informedOn: date("2026-03-01"))
        let entries = try AuditTrail(state: try temporary.state()).entries()
        #expect(entries.compactMap(\.knownAction) == [.holdAdd, .holdRelease, .restrictAdd, .restrictLift])
        #expect(entries[0].subjects == ["h1", "h2"] && entries[2].subjects == ["r1"] && entries[3].subjects == ["r1"])
        for entry in entries { #expect(!entry.details.contains("Jansen"), "no reason text in \(entry.action)") }
    }
}
