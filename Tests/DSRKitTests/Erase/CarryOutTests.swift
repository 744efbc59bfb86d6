import DSRDemo
import Foundation
import Testing

@testable import DSRKit

/// A plan made from rows (a retention purge, a re-erasure) carried out with an erasure's
/// guarantees: one transaction, the index's own entries of each changed row forgotten, the
/// journal gone, the audit entry written, no residue.
@Suite struct CarryOutTests {
    @Test func aPlanMadeFromRowsChangesItsRowsAndTheIndexForgetsTheirEntries() throws {
        let dir = try TemporaryDirectory()
        // Past the index's small-table size (50,000 rows): a refresh does not re-index the calls,
        // so only the forgetting itself can remove their entries.
        let report = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 12, calls: 60000, seed: 3), force: false)
        let session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo")
        let caller = try #require(report.subjects.first { $0.label == "caller" })
        let subject = try session.subject(identifiers: caller.identifiers, request: nil)
        let located = try session.locate(subject)
        let calls = Array(
            located.records.filter { $0.table == "cdrs" && $0.relation != .related }.map(\.key).prefix(3))
        try #require(calls.count == 3)
        let phone = try #require(subject.identifiers.first { $0.kind == .phone })
        let source = IndexSource(table: "cdrs", column: "caller_number", purpose: .identifier)
        let hash = try session.hasher().index64(phone.canonical)
        let before = try session.index().candidates(source, hash: hash)

        let done = try session.carryOut(
            "purge", identifiers: [], requestID: nil,
            committed: { plan, db in
                let record = AuditRecord(
                    action: .retentionPurge, requestID: nil, subjects: [], details: ["digest": .text(plan.digest)])
                try session.auditTrail().append(record, actor: session.actor, at: session.now, in: db)
            }
        ) { writer in
            var planned = PlannedErasure()
            var steps: [ErasureStep] = []
            for key in calls {
                let row = try #require(try writer.record(in: "cdrs", primaryKey: "id", key: key))
                steps.append(ErasureStep(table: "cdrs", key: key, column: "caller_number", action: .pseudonymise))
                planned.changedRows["cdrs", default: [:]][row.number] = ChangedRow(
                    columns: ["caller_number"], values: [:])
                if let text = row["caller_number"]?.storedText { planned.erasedTexts.insert(text) }
            }
            planned.stillLive = [phone]
            planned.plan = ErasurePlan(steps: steps, files: [], processorHeld: [], notify: [], related: [])
            return planned
        }
        #expect(done.planned.plan.steps.count == 3)
        let rows = try calls.map { key in
            try session.readingOperations { reader, _ in try reader.record(in: "cdrs", primaryKey: "id", key: key) }
        }
        #expect(rows.allSatisfy { $0?["caller_number"]?.storedText?.hasPrefix("erased:") == true })
        let after = try session.index().candidates(source, hash: hash)
        let changed = Set(rows.compactMap { $0?.number })
        #expect(Set(before).isSuperset(of: changed), "the calls were indexed before")
        #expect(Set(after).isDisjoint(with: changed), "the index forgot exactly the changed rows")
        #expect(Set(after) == Set(before).subtracting(changed))
        #expect(try session.state().journal().isEmpty)
        #expect(try session.auditTrail().entries().last?.action == AuditAction.retentionPurge.rawValue)
        #expect(done.residue.found == 0, "her other calls keep her number on purpose: \(done.residue.places)")
        #expect(done.kept > 0)
    }
}
