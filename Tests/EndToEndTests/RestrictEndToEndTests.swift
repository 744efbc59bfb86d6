import Foundation
import Testing

/// `dsr restrict` end to end (issue 11, Art. 18): the check answers for every form of a
/// number and for numbers learnt through locate, an erasure of a restricted person changes
/// nothing and says why, and the lift follows Art. 18(3).
@Suite struct RestrictEndToEndTests {
    let demo: DemoScratch

    init() throws { demo = try DemoScratch() }

    /// Sanne Bakker, the demo's caller, and every way her number is written.
    static let caller = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
    static let callerForms = ["0681234567", "+31681234567", "+31 6 8123 4567", "0031681234567", "06-81234567"]

    func restrict(_ arguments: [String]) throws -> String {
        let outcome = try demo.dsr(["restrict", "--reason", "disputes the accuracy of her data", "--json"] + arguments)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        return try #require(try demo.json(outcome)["id"] as? String)
    }

    @Test func theCheckAnswersForEveryFormOfTheNumberAndNotForOneDigitOff() throws {
        #expect(try demo.dsr(["restrict", "check", "0681234567"]).code == 0, "not restricted yet")
        let id = try restrict(["phone:+31681234567"])
        let year = ISO8601DateFormatter().string(from: Date()).prefix(4)
        #expect(id == "R-\(year)-0001")
        for form in Self.callerForms {
            let outcome = try demo.dsr(["restrict", "check", form])
            #expect(outcome.code == 1, "\(form): \(outcome.stderr)")
            #expect(outcome.stdout.contains(id) && !outcome.stdout.contains("681234567"), "the id, never the number")
        }
        #expect(try demo.dsr(["restrict", "check", "+31681234568"]).code == 0)
        #expect(try demo.dsr(["restrict", "check", "0681234568"]).code == 0)
        let json = try demo.json(try demo.dsr(["restrict", "check", "--json", "+31 6 8123 4567"]))
        #expect(json["restricted"] as? Bool == true && json["restrictions"] as? [String] == [id])
        // dsr keeps the restriction as keyed hashes: the number is in no byte of state.db.
        for path in ["state/state.db", "state/state.db-wal"] {
            guard let data = try? Data(contentsOf: demo.folder.appending(path: path)) else { continue }
            #expect(data.range(of: Data("1681234567".utf8)) == nil, "\(path) holds the number")
        }
    }

    @Test func aRestrictionByEmailCoversThePhoneLearntThroughLocate() throws {
        // Pieter Smit is a contact: his mobile is learnt from his contact row.
        let outcome = try demo.dsr(["restrict", "email:pieter@smitinstallatie.nl", "--reason", "objects"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("inform the recipients (Art. 19)"))
        #expect(try demo.dsr(["restrict", "check", "06-87654321"]).code == 1)
        #expect(try demo.dsr(["restrict", "check", "phone:+31687654322"]).code == 0)
        let located = try demo.json(try demo.dsr(["locate", "--json", "email:pieter@smitinstallatie.nl"]))
        let restrictions = try #require(located["restrictions"] as? [[String: Any]])
        #expect(restrictions.count == 1 && restrictions[0]["until"] is NSNull && restrictions[0]["since"] is String)
        #expect(located["holds"] as? [Any] != nil)
    }

    @Test func anErasureOfARestrictedPersonLeavesEveryRowAndFileAndSaysWhy() throws {
        let id = try restrict(["email:sanne.bakker@example.nl"])
        let dump = try demo.dump()
        let files = try demo.files()
        let applied = try demo.dsr(["erase", "--apply", "--yes", "--include-processor-data"] + Self.caller)
        #expect(applied.code == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("held") && applied.stdout.contains(id), "\(applied.stdout)")
        #expect(try demo.dump() == dump, "every row as it was")
        #expect(try demo.files() == files, "every file as it was")
        let plan = try demo.json(try demo.dsr(["erase", "--json"] + Self.caller))
        let steps = try #require(plan["steps"] as? [[String: Any]])
        #expect(!steps.isEmpty && steps.allSatisfy { $0["action"] as? String == "held" })
        #expect(steps.allSatisfy { ($0["basis"] as? String)?.hasPrefix("restriction \(id) (Art. 18)") == true })
        #expect((plan["files"] as? [Any])?.isEmpty == true)
        // The override erases, and the audit log records it (without the reason's text).
        let overridden = try demo.dsr(["erase", "--apply", "--yes", "--override-restriction"] + Self.caller)
        #expect(overridden.code == 0, "\(overridden.stderr)")
        #expect(try demo.dump() != dump)
        let entry = try #require(try demo.audit().last { $0.action == "erase.apply" })
        #expect(entry.details.contains("\"override_restriction\":true") && entry.details.contains(id))
        #expect(try demo.audit().allSatisfy { !$0.details.contains("disputes the accuracy") })
    }

    @Test func aLiftNeedsTheDayThePersonWasToldAndThenTheCheckIsClear() throws {
        let id = try restrict(["phone:+31681234567"])
        let missing = try demo.dsr(["restrict", "lift", id])
        #expect(missing.code == 64, "\(missing.stderr)")
        let future = try demo.dsr(["restrict", "lift", id, "--informed-on", "2999-01-01"])
        #expect(future.code == 65 && future.stderr.contains("Art. 18(3)"), "\(future.stderr)")
        #expect(try demo.dsr(["restrict", "lift", id, "--informed-on", "2026-13-01"]).code == 64)
        #expect(try demo.dsr(["restrict", "check", "0681234567"]).code == 1, "still in force")
        let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        let lifted = try demo.dsr(["restrict", "lift", id, "--informed-on", today, "--json"])
        #expect(lifted.code == 0, "\(lifted.stderr)")
        #expect(try demo.json(lifted)["informed_on"] as? String == today)
        #expect(try demo.dsr(["restrict", "check", "0681234567"]).code == 0)
        let list = try demo.list(try demo.dsr(["restrict", "list", "--json"]))
        #expect(list.count == 1 && list[0]["status"] as? String == "lifted" && list[0]["id"] as? String == id)
        let again = try demo.dsr(["restrict", "lift", id, "--informed-on", today])
        #expect(again.code == 65 && again.stderr.contains("lifted already"), "\(again.stderr)")
        #expect(try demo.dsr(["restrict", "lift", "R-2026-0999", "--informed-on", today]).code == 65)
        #expect(try demo.dsr(["audit", "verify"]).code == 0)
    }
}
