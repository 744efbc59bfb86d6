import Foundation
import Testing

/// `dsr hold` end to end (issue 11, Art. 17(3)): a hold on a caller's phone keeps the
/// calls with their recordings and voicemails out of that caller's erasure, which erases
/// the rest. (After the hold's date the same erasure erases them: HeldErasureTests, where
/// the clock can be set.)
@Suite struct HoldEndToEndTests {
    let demo: DemoScratch

    init() throws { demo = try DemoScratch() }

    static let caller = ["phone:+31681234567", "email:sanne.bakker@example.nl"]

    func addHold(until: String = "2999-12-31") throws -> String {
        let added = try demo.dsr([
            "hold", "add", "0681234567", "--basis", "police request 2026/0193", "--until", until, "--json",
        ])
        #expect(added.code == 0, "\(added.stderr)")
        return try #require(try demo.json(added)["id"] as? String)
    }

    @Test func aHeldCallersErasureKeepsTheHeldRecordsAndErasesTheRest() throws {
        let id = try addHold()
        let planned = try demo.json(try demo.dsr(["erase", "--json", "--include-processor-data"] + Self.caller))
        let steps = try #require(planned["steps"] as? [[String: Any]])
        let held = steps.filter { $0["action"] as? String == "held" }
        let heldTables = Set(held.compactMap { $0["table"] as? String })
        #expect(heldTables.isSuperset(of: ["cdrs", "recordings", "voicemails"]), "\(heldTables)")
        #expect(held.allSatisfy { $0["basis"] as? String == "legal hold \(id): police request 2026/0193" })
        #expect(held.allSatisfy { $0["until"] as? String == "2999-12-31" && $0["column"] == nil })
        let emailsErased = steps.filter { $0["table"] as? String == "emails" && $0["action"] as? String != "held" }
        #expect(!emailsErased.isEmpty, "her own e-mail is erased")
        let heldKeys = Set(held.map { "\($0["table"]!):\($0["key"]!)" })
        let dumpBefore = try demo.dump()
        let filesBefore = try demo.files()
        let applied = try demo.dsr(["erase", "--apply", "--yes", "--include-processor-data"] + Self.caller)
        #expect(applied.code == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("held, not erased") && applied.stdout.contains(id), "\(applied.stdout)")
        // The held rows are as they were; the rest changed.
        let dumpAfter = try demo.dump()
        #expect(dumpAfter != dumpBefore)
        let cdrRows = dumpBefore.split(separator: "\n").filter { $0.hasPrefix("INSERT INTO cdrs VALUES(") }
        for key in heldKeys where key.hasPrefix("cdrs:") {
            let row = cdrRows.first { $0.hasPrefix("INSERT INTO cdrs VALUES(\(key.dropFirst(5)),") }
            #expect(row.map { dumpAfter.contains($0) } == true, "\(key) unchanged")
        }
        // The held recordings' and voicemails' files stay; the erased e-mail's file is gone.
        let filesAfter = try demo.files()
        let heldPaths = try heldFiles(heldKeys)
        #expect(!heldPaths.isEmpty)
        for path in heldPaths { #expect(filesAfter[path] == filesBefore[path], "\(path) kept") }
        #expect(filesAfter.count < filesBefore.count, "the erased e-mail's file is deleted")
        // The same erasure again changes nothing more: only held steps (and retained cells) are left.
        let again = try demo.json(try demo.dsr(["erase", "--json", "--include-processor-data"] + Self.caller))
        #expect(
            (again["steps"] as? [[String: Any]])?.allSatisfy {
                ["held", "retain"].contains($0["action"] as? String ?? "")
            } == true)
    }

    @Test func aRowThatAHeldRowPointsAtIsHeldTooSoNothingIsOrphaned() throws {
        // A fraud hold on the IP address of Pieter Smit's orders 1–3; his erasure by e-mail
        // would delete contact 2, which those orders point at.
        let added = try demo.dsr(["hold", "add", "ip:198.51.100.23", "--basis", "fraud case", "--until", "2999-01-01"])
        #expect(added.code == 0, "\(added.stderr)")
        let applied = try demo.dsr(["erase", "--apply", "--yes", "--json", "email:pieter@smitinstallatie.nl"])
        #expect(applied.code == 0, "\(applied.stderr)")
        let steps = try #require(try demo.json(applied)["steps"] as? [[String: Any]])
        func action(_ table: String, _ key: Int) -> [String] {
            steps.filter { $0["table"] as? String == table && $0["key"] as? Int == key }.compactMap {
                $0["action"] as? String
            }
        }
        for key in 1...3 { #expect(action("orders", key) == ["held"], "order \(key)") }
        #expect(action("contacts", 2) == ["held"], "the contact the held orders point at stays")
        #expect(action("contacts", 3) == ["delete-row"], "the rest of him is erased")
        #expect(try demo.dump().contains("INSERT INTO contacts VALUES(2,"))
    }

    /// The files the held recordings and voicemails name.
    func heldFiles(_ keys: Set<String>) throws -> [String] {
        let located = try demo.json(try demo.dsr(["locate", "--json"] + Self.caller))
        return (located["files"] as? [[String: Any]] ?? []).compactMap { file in
            guard let table = file["table"] as? String, table != "emails",
                keys.contains("\(table):\(file["key"] ?? "")"), file["status"] as? String == "ok"
            else { return nil }
            return file["path"] as? String
        }
    }

    @Test func aReleasedHoldStopsAndTheListShowsIt() throws {
        let id = try addHold()
        let located = try demo.dsr(["locate", "0681234567"])
        #expect(located.stdout.contains("LEGAL HOLD: \(id)"), "\(located.stdout)")
        var list = try demo.list(try demo.dsr(["hold", "list", "--json"]))
        #expect(list.count == 1 && list[0]["status"] as? String == "active")
        let released = try demo.dsr(["hold", "release", id, "--reason", "the police closed the case"])
        #expect(released.code == 0, "\(released.stderr)")
        list = try demo.list(try demo.dsr(["hold", "list", "--json"]))
        #expect(list[0]["status"] as? String == "released")
        let plan = try demo.json(try demo.dsr(["erase", "--json"] + Self.caller))
        #expect((plan["steps"] as? [[String: Any]])?.contains { $0["action"] as? String == "held" } == false)
        let audit = try demo.audit()
        #expect(audit.map(\.action).filter { $0.hasPrefix("hold.") } == ["hold.add", "hold.release"])
        #expect(audit.allSatisfy { !$0.details.contains("police") }, "the basis and reason stay out of the log")
        #expect(try demo.dsr(["hold", "release", id, "--reason", "again"]).code == 65)
        #expect(try demo.dsr(["hold", "add", "0681234567", "--basis", "b", "--until", "2020-01-01"]).code == 65)
        #expect(try demo.dsr(["hold", "add", "0681234567", "--basis", "b", "--until", "31-12-2030"]).code == 64)
    }
}
