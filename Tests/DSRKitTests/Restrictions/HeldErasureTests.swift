import DSRDemo
import Foundation
import GRDB
import Testing

@testable import DSRKit

/// Erasure respects legal holds and restrictions, on a demo workspace with the clock set
/// (the command line cannot set it): before a hold's date its records are held, after it the
/// same erasure erases them.
@Suite struct HeldErasureTests {
    let dir: TemporaryDirectory
    let workspace: Workspace
    /// The day the hold is added: 2026-05-28.
    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let caller = ["phone:+31681234567", "email:sanne.bakker@example.nl"]

    init() throws {
        dir = try TemporaryDirectory()
        _ = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 12, calls: 1500, seed: 7), force: false)
        workspace = try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml"))
    }

    func session(days: Int) -> Session {
        Session(workspace: workspace, actor: "dpo", now: Self.start.addingTimeInterval(Double(days) * 86_400))
    }

    func erase(_ identifiers: [String], days: Int, apply: Bool, override: Bool = false) throws -> ErasureReport {
        let session = session(days: days)
        defer { session.close() }
        var options = ErasureOptions()
        options.apply = apply
        options.includeProcessorData = true
        options.overrideRestriction = override
        return try session.erase(try session.subject(identifiers: identifiers, request: nil), options: options)
    }

    @Test func aHoldKeepsTheCallerRecordsUntilItsDateAndThenTheSameErasureErasesThem() throws {
        let adding = session(days: 0)
        let hold = try adding.hold(
            try adding.subject(identifiers: ["phone:+31681234567"], request: nil), basis: "police request 2026/0193",
            until: CalendarDate.today(clock: Self.start).adding(days: 10))
        adding.close()
        // Before the date (its last day included): the calls and their recordings and voicemails are held.
        let before = try erase(Self.caller, days: 10, apply: false).plan
        let held = before.steps.filter { $0.action == .held }
        let heldTables = Set(held.map(\.table))
        #expect(heldTables.isSuperset(of: ["cdrs", "recordings", "voicemails"]), "\(heldTables)")
        #expect(held.allSatisfy { $0.basis == "legal hold \(hold.id): police request 2026/0193" && $0.column == nil })
        #expect(held.allSatisfy { $0.until == hold.until.description })
        let heldKeys = Set(held.map { "\($0.table):\($0.key)" })
        #expect(
            !before.steps.contains { $0.action != .held && heldKeys.contains("\($0.table):\($0.key)") },
            "a held record has one step only")
        #expect(!before.files.contains { heldKeys.contains("\($0.table):\($0.key)") }, "its files stay")
        #expect(before.steps.contains { $0.table == "emails" && $0.action == .deleteRow }, "the rest is erased")
        // After the date the hold stops by itself (`hold list` shows it expired), and the same
        // erasure erases those records.
        let listing = session(days: 11)
        let register = try listing.limitsRegister()
        #expect(try register.legalHolds().map { $0.status(on: register.today) } == [.expired])
        listing.close()
        let after = try erase(Self.caller, days: 11, apply: true)
        #expect(!after.plan.steps.contains { $0.action == .held })
        #expect(after.residue?.found == 0)
        let changed = Set(after.plan.steps.filter(\.changes).map { "\($0.table):\($0.key)" })
        #expect(heldKeys.filter { !$0.hasPrefix("emails:") }.isSubset(of: changed))
    }

    @Test func aRestrictionHoldsEveryRecordOfThePersonAndAnOverrideErasesThem() throws {
        let adding = session(days: 0)
        let restriction = try adding.restrict(
            try adding.subject(identifiers: ["email:sanne.bakker@example.nl"], request: nil), reason: "disputes",
            until: nil)
        adding.close()
        let database = dir.url.appending(path: "ops.db")
        let before = try Data(contentsOf: database)
        let report = try erase(Self.caller, days: 1, apply: true)
        #expect(!report.plan.steps.isEmpty && report.plan.steps.allSatisfy { $0.action == .held })
        #expect(report.plan.files.isEmpty && !report.plan.changesAnything)
        #expect(report.plan.steps.allSatisfy { $0.basis == "restriction \(restriction.id) (Art. 18): disputes" })
        #expect(try Data(contentsOf: database) == before, "nothing changed")
        // With the override the same erasure erases, and the audit entry says so.
        let overridden = try erase(Self.caller, days: 1, apply: true, override: true)
        #expect(!overridden.plan.steps.contains { $0.action == .held } && overridden.plan.changesAnything)
        let reading = session(days: 1)
        defer { reading.close() }
        let entry = try #require(try reading.auditTrail().entries().last { $0.knownAction == .eraseApply })
        #expect(entry.details.contains("\"override_restriction\":true"))
        #expect(entry.details.contains(restriction.id))
    }
}
