import DSRDemo
import Foundation
import Testing

@testable import DSRKit

/// Which steps of a plan share a statement: consecutive like steps only, the plan's order kept.
@Suite struct ErasureStepBatchTests {
    @Test func consecutiveLikeStepsShareABatchAndTheOrderIsKept() {
        let steps = [
            ErasureStep(table: "recordings", key: .integer(1), action: .deleteRow),
            ErasureStep(table: "recordings", key: .integer(2), action: .deleteRow),
            ErasureStep(table: "recordings", key: .integer(3), action: .retain, basis: "Art. 17(3)(b)"),
            ErasureStep(table: "recordings", key: .integer(4), action: .deleteRow),
            ErasureStep(table: "calls", key: .integer(7), column: "caller", action: .setNull),
            ErasureStep(table: "calls", key: .integer(8), column: "caller", action: .setNull),
            ErasureStep(table: "calls", key: .integer(8), column: "forwarded_to", action: .setNull),
            ErasureStep(table: "calls", key: .integer(9), column: "caller", action: .pseudonymise),
            ErasureStep(table: "calls", key: .integer(10), column: "caller", action: .held),
            ErasureStep(table: "calls", key: .integer(11), column: "caller", action: .pseudonymise),
        ]
        #expect(
            ErasureStepBatch.batches(of: steps) == [
                ErasureStepBatch(
                    table: "recordings", action: .deleteRow, column: nil, keys: [.integer(1), .integer(2), .integer(4)]),
                ErasureStepBatch(table: "calls", action: .setNull, column: "caller", keys: [.integer(7), .integer(8)]),
                ErasureStepBatch(table: "calls", action: .setNull, column: "forwarded_to", keys: [.integer(8)]),
                ErasureStepBatch(
                    table: "calls", action: .pseudonymise, column: "caller", keys: [.integer(9), .integer(11)]),
            ])
    }

    @Test func aRedactionStandsAloneAndARepeatedKeyStartsAnotherBatch() {
        let steps = [
            ErasureStep(table: "mail", key: .text("a"), column: "recipients", action: .redact),
            ErasureStep(table: "mail", key: .text("b"), column: "recipients", action: .redact),
            ErasureStep(table: "calls", key: .integer(1), column: "caller", action: .setNull),
            ErasureStep(table: "calls", key: .integer(1), column: "caller", action: .setNull),
        ]
        #expect(
            ErasureStepBatch.batches(of: steps) == [
                ErasureStepBatch(table: "mail", action: .redact, column: "recipients", keys: [.text("a")]),
                ErasureStepBatch(table: "mail", action: .redact, column: "recipients", keys: [.text("b")]),
                ErasureStepBatch(table: "calls", action: .setNull, column: "caller", keys: [.integer(1)]),
                ErasureStepBatch(table: "calls", action: .setNull, column: "caller", keys: [.integer(1)]),
            ])
    }

    /// Carried out, each step must change exactly its one row: a key that names none (the
    /// row went) or several (a map whose `primary_key` is not unique) rolls the whole plan back.
    @Test func aKeyNamingNoRowOrSeveralRollsThePlanBack() throws {
        let dir = try TemporaryDirectory()
        _ = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 10, calls: 1000, seed: 3), force: false)
        let session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo")
        var map = try session.dataMap()
        let store = try session.operations()
        let callers = try store.read { reader in
            try (1...4).map { try reader.record(in: "cdrs", primaryKey: "id", key: .integer($0))?["caller_number"] }
        }
        func attempt(_ steps: [ErasureStep]) -> (any Error)? {
            do {
                try store.write { writer in try session.run(steps, map: map, token: "erased:t", subject: [], writer) }
                return nil
            } catch { return error }
        }
        let absent = attempt([
            ErasureStep(table: "cdrs", key: .integer(1), column: "caller_number", action: .setNull),
            ErasureStep(table: "cdrs", key: .integer(2), column: "caller_number", action: .setNull),
            ErasureStep(table: "cdrs", key: .integer(999_999), column: "caller_number", action: .setNull),
        ])
        #expect(
            absent?.localizedDescription.contains("cdrs 999999 changed while the erasure ran") == true,
            "\(String(describing: absent))")

        // The calls' service number as their key: one key, many rows.
        let number = try #require(
            try store.read { reader in try reader.record(in: "cdrs", primaryKey: "id", key: .integer(3)) }?[
                "service_number"]?.storedText)
        let index = try #require(map.tables.firstIndex { $0.name == "cdrs" })
        map.tables[index].primaryKey = "service_number"
        let several = attempt([
            ErasureStep(table: "cdrs", key: .text(number), column: "caller_number", action: .setNull)
        ])
        #expect(
            several?.localizedDescription.contains("names more than one row: the data map's primary_key of cdrs")
                == true,
            "\(String(describing: several))")
        let after = try store.read { reader in
            try (1...4).map { try reader.record(in: "cdrs", primaryKey: "id", key: .integer($0))?["caller_number"] }
        }
        #expect(after == callers, "nothing was changed")
    }
}
