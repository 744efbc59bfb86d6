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
}
