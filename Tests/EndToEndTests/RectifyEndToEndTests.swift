import Foundation
import GRDB
import Testing

/// `dsr rectify` end to end on a demo workspace (issue 11): the plan changes nothing, the
/// apply changes exactly the planned cells, locate follows the new value at once.
@Suite struct RectifyEndToEndTests {
    let workspace: DemoWorkspace
    let owner = ["email:pieter@smitinstallatie.nl", "phone:+31687654321"]

    init() throws { workspace = try DemoWorkspace() }

    func records(_ located: [String: Any], in table: String) -> Set<Int> {
        Set(
            (located["records"] as! [[String: Any]]).filter { $0["table"] as? String == table }.map {
                $0["key"] as! Int
            })
    }

    @Test func aReplacedAddressFindsTheContactAndItsOrdersAndTheOldOneFindsNothingOfIt() throws {
        let before = try workspace.json(try workspace.dsr(["locate", "--json", "email:pieter@smitinstallatie.nl"]))
        let contacts = records(before, in: "contacts")
        let orders = records(before, in: "orders")
        try #require(!contacts.isEmpty && !orders.isEmpty)
        let rowsBefore = try workspace.rows()
        let change = ["--replace", "email:pieter@smitinstallatie.nl=Pieter.Smit@Smit-Installatie.nl"]

        let plan = try workspace.json(try workspace.dsr(["rectify", "--json"] + owner + change))
        #expect(plan["applied"] as? Bool == false)
        #expect(try workspace.rows() == rowsBefore, "a plan changes nothing")
        let changes = plan["changes"] as! [[String: Any]]
        #expect(Set(changes.map { $0["key"] as! Int }) == contacts)
        #expect(changes.allSatisfy { $0["new"] as? String == "p***@smit-installatie.nl" }, "masked in JSON")
        let notChangeable = plan["not_changeable"] as! [[String: Any]]
        #expect(notChangeable.contains { $0["table"] as? String == "emails" && $0["column"] as? String == "to_addrs" })

        let applied = try workspace.dsr(
            ["rectify", "--apply", "--json", "--expect", plan["digest"] as! String] + owner + change)
        #expect(applied.code == 0, "\(applied.stderr)")
        #expect(!applied.stdout.contains("Pieter.Smit@"), "values are masked in --json")

        // Exactly the planned cells changed, written as given but trimmed.
        let rowsAfter = try workspace.rows()
        let changed = Set(rowsAfter.keys.filter { rowsAfter[$0] != rowsBefore[$0] })
        #expect(changed == Set(contacts.map { "contacts:\($0)" }))
        #expect(rowsAfter.keys.sorted() == rowsBefore.keys.sorted())
        for key in changed { #expect(rowsAfter[key]!.contains("email:\"Pieter.Smit@Smit-Installatie.nl\"")) }

        let found = try workspace.json(
            try workspace.dsr(["locate", "--json", "email:pieter.smit@smit-installatie.nl"]))
        #expect(records(found, in: "contacts") == contacts)
        #expect(records(found, in: "orders") == orders)
        let old = try workspace.json(try workspace.dsr(["locate", "--json", "email:pieter@smitinstallatie.nl"]))
        #expect(records(old, in: "contacts").isEmpty)
        #expect(records(old, in: "orders").isEmpty)
        #expect(!records(old, in: "emails").isEmpty, "the messages he was sent are records of what happened")

        // The audit entry names the values by keyed hashes only.
        let audit = try workspace.dsr(["audit", "log", "--json"])
        #expect(audit.stdout.contains("rectify.apply"))
        for plain in ["pieter@smitinstallatie.nl", "smit-installatie.nl", "Smit-Installatie"] {
            #expect(!audit.stdout.contains(plain))
        }
        #expect(try workspace.dsr(["audit", "verify"]).code == 0)
    }

    @Test(arguments: [
        ["--replace", "phone:+31687654321=+31 6 123"],
        ["--replace", "phone:+31687654321=anonymous"],
        ["--replace", "email:pieter@smitinstallatie.nl=Pieter <p@x.nl>"],
        ["--replace", "email:someone.else@example.nl=p@x.nl"],
        ["--set", "contacts.email=p@x.nl"],
        ["--set", "orders.ip_address=192.0.2.1"],
        ["--set", "cdrs.duration_s=1"],
        ["--set", "nosuchtable.x=1"],
    ])
    func aBadChangeIsRefusedWith65AndChangesNothing(change: [String]) throws {
        let before = try workspace.bytes("ops.db")
        let outcome = try workspace.dsr(["rectify", "--apply", "--yes"] + owner + change)
        #expect(outcome.code == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("nothing was changed"), "\(outcome.stderr)")
        #expect(try workspace.bytes("ops.db") == before)
    }

    @Test(arguments: [["--replace", "phone:+31687654321"], ["--replace", "customer:2=3"], ["--set", "contacts=x"]])
    func aMalformedChangeIsAUsageError(change: [String]) throws {
        let outcome = try workspace.dsr(["rectify"] + owner + change)
        #expect(outcome.code == 64, "\(outcome.stderr)")
    }

    @Test func aNewPhoneIsReadInTheRowsCountryAndStoredInE164() throws {
        // The owner's contact row reads phones in its customer's country (NL): a national
        // number is written as +31…; his numbers forward to it too.
        let applied = try workspace.json(
            try workspace.dsr(["rectify", "--apply", "--json", "--replace", "phone:+31687654321=06-1112 2233"] + owner))
        let changes = applied["changes"] as! [[String: Any]]
        #expect(Set(changes.map { $0["table"] as! String }) == ["contacts", "service_numbers"])
        let database = try DatabaseQueue(path: workspace.folder.appending(path: "ops.db").path)
        defer { try? database.close() }
        let stored = try database.read { db in
            try String.fetchAll(db, sql: "SELECT phone FROM contacts WHERE phone LIKE '%11122233'")
                + String.fetchAll(db, sql: "SELECT forward_to FROM service_numbers WHERE forward_to LIKE '%11122233'")
        }
        #expect(!stored.isEmpty)
        #expect(stored.allSatisfy { $0 == "+31611122233" })
        let found = try workspace.json(try workspace.dsr(["locate", "--json", "phone:0611122233"]))
        #expect(!records(found, in: "contacts").isEmpty)
    }

    @Test func aSetChangesTheColumnOnTheSubjectsRowsOnly() throws {
        let rowsBefore = try workspace.rows()
        let outcome = try workspace.dsr(
            ["rectify", "--apply", "--yes", "--set", "contacts.full_name=Pieter J. Smit"] + owner)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect(!outcome.stdout.contains("Pieter J. Smit"), "piped output is masked")
        let rowsAfter = try workspace.rows()
        let changed = rowsAfter.keys.filter { rowsAfter[$0] != rowsBefore[$0] }
        #expect(!changed.isEmpty)
        #expect(changed.allSatisfy { $0.hasPrefix("contacts:") && rowsAfter[$0]!.contains("Pieter J. Smit") })
    }

    @Test func aValueThatDoesNotReadBackAsWrittenRollsEverythingBack() throws {
        // Another system's trigger rewrites names: the rectification would not be what the plan said.
        let database = try DatabaseQueue(path: workspace.folder.appending(path: "ops.db").path)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER shout AFTER UPDATE OF full_name ON contacts
                    BEGIN UPDATE contacts SET full_name = upper(new.full_name) WHERE id = new.id; END
                    """)
        }
        try database.close()
        let before = try workspace.rows()
        let outcome = try workspace.dsr(
            ["rectify", "--apply", "--yes", "--set", "contacts.full_name=Pieter Smit"] + owner)
        #expect(outcome.code == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("did not read back as written"), "\(outcome.stderr)")
        #expect(try workspace.rows() == before)
    }

    @Test func anOpenRequestIsExtendedWithTheNewIdentifier() throws {
        let opened = try workspace.dsr(
            ["request", "open", "--type", "rectification", "--json"] + owner)
        let id = try workspace.json(opened)["id"] as! String
        let change = ["--replace", "email:pieter@smitinstallatie.nl=pieter@smit.example"]
        let unverified = try workspace.dsr(["rectify", "--request", id, "--apply", "--yes"] + change)
        #expect(unverified.code == 65 && unverified.stderr.contains("not verified"), "\(unverified.stderr)")
        #expect(try workspace.dsr(["request", "verify", id, "--method", "ID document seen"]).code == 0)
        let outcome = try workspace.dsr(
            [
                "rectify", "--request", id, "--apply", "--yes", "--replace",
                "email:pieter@smitinstallatie.nl=pieter@smit.example",
            ])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let shown = try workspace.json(try workspace.dsr(["request", "show", id, "--json"]))
        #expect("\(shown)".contains("pieter@smit.example"), "\(shown)")
    }
}

/// Rectification and the index on a workspace past the small-table size, where only the
/// rectification itself can tell the index about a value changed in place.
@Suite struct RectifyIndexTests {
    let workspace: DemoWorkspace
    let caller = ["phone:+31681234567", "email:sanne.bakker@example.nl"]

    init() throws {
        workspace = try DemoWorkspace(calls: 60000)
        // A map whose call records may be rectified, so a large table changes in place.
        try workspace.useDataMap {
            $0.replacingOccurrences(
                of: "{column: caller_number, erasure: pseudonymise, rectify: false}",
                with: "{column: caller_number, erasure: pseudonymise, rectify: true}")
        }
        #expect(try workspace.dsr(["locate", "--json"] + caller).code == 0)  // builds the index
    }

    func calls(_ arguments: [String]) throws -> Set<Int> {
        let located = try workspace.json(try workspace.dsr(["locate", "--json"] + arguments))
        return Set(
            (located["records"] as! [[String: Any]]).filter { $0["table"] as? String == "cdrs" }.map {
                $0["key"] as! Int
            })
    }

    @Test func theIndexLearnsTheNewValueInTheSameRun() throws {
        let theirs = try calls(["phone:+31681234567"])
        try #require(theirs.count > 5)
        let outcome = try workspace.dsr(
            ["rectify", "--apply", "--yes", "--replace", "phone:+31681234567=+31622233344"] + caller)
        #expect(outcome.code == 0, "\(outcome.stderr)")
        #expect(try calls(["phone:+31622233344"]) == theirs)
        #expect(try calls(["--scan", "phone:+31622233344"]) == theirs)
        #expect(try calls(["phone:+31681234567"]).isEmpty)
    }

    @Test func aCrashBeforeTheIndexLearnsIsFinishedByTheNextCommand() throws {
        let theirs = try calls(["phone:+31681234567"])
        try workspace.shortBusyTimeout()
        // Another process holds index.db's write lock past the busy timeout, as a crash between
        // the operations commit and the index's would leave it.
        let failed = try workspace.whileLocked("state/index.db", for: 3) {
            try workspace.dsr(["rectify", "--apply", "--yes", "--replace", "phone:+31681234567=+31622233344"] + caller)
        }
        #expect(failed.code == 75, "\(failed.stderr)")
        let state = try DatabaseQueue(path: workspace.folder.appending(path: "state/state.db").path)
        let pending = try state.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM index_repairs") ?? 0 }
        #expect(pending == 1, "the journal keeps what the index must learn")
        let next = try workspace.dsr(["request", "list"])
        #expect(next.code == 0, "\(next.stderr)")
        #expect(next.stderr.contains("updated the index for 1 interrupted rectification"))
        let left = try state.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM index_repairs") ?? 0 }
        try state.close()
        #expect(left == 0)
        #expect(try calls(["phone:+31622233344"]) == theirs)
    }
}
