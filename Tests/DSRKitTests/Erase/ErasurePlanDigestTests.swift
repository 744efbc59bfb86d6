import Foundation
import Testing

@testable import DSRKit

/// The plan's digest is the SHA-256 of its canonical JSON, written by hand (``JSONText``):
/// the bytes must be what JSONEncoder writes for the Codable forms, keys sorted, compact.
@Suite struct ErasurePlanDigestTests {
    /// What JSONEncoder is given: the plan's fields under their contract names.
    private struct Encoded: Encodable {
        let steps: [ErasureStep]
        let files: [ErasureFile]
        let processor_held: [ProcessorHeldRecord]
        let notify: [String]
        let related: [RelatedContext]
    }

    private static func encoderText(_ plan: ErasurePlan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(
            Encoded(
                steps: plan.steps, files: plan.files, processor_held: plan.processorHeld, notify: plan.notify,
                related: plan.related))
        return String(decoding: data, as: UTF8.self)
    }

    static let awkward = "O'Brien \"Jr\" \\ a/b\ttab\nline é 🙂 \u{01}"

    @Test func theCanonicalTextIsWhatJSONEncoderWrites() throws {
        let plan = ErasurePlan(
            steps: [
                ErasureStep(table: "cdrs", key: .integer(-7), column: "caller_number", action: .pseudonymise),
                ErasureStep(table: "contacts", key: .text(Self.awkward), action: .deleteRow),
                ErasureStep(
                    table: "orders", key: .integer(3), column: "ip_address", action: .retain,
                    basis: "Art. 17(3)(b): " + Self.awkward, until: "2031-12-31"),
                ErasureStep(table: "cdrs", key: .integer(Int64.max), column: "x", action: .retain, basis: "b"),
            ],
            files: [
                ErasureFile(
                    table: "recordings", key: .integer(1), column: "path", path: "rec/../a b/é.wav", action: .delete,
                    format: .audio),
                ErasureFile(
                    table: "emails", key: .text("k"), column: "eml", path: "mail/1.eml", action: .redact,
                    format: .email),
            ],
            processorHeld: [
                ProcessorHeldRecord(table: "recordings", key: .integer(9), controller: "customers:2"),
                ProcessorHeldRecord(table: "voicemails", key: .text(Self.awkward), controller: nil),
            ],
            notify: ["police", Self.awkward], related: [RelatedContext(table: "cdrs", count: 12)])
        let text = plan.canonical.compactText
        #expect(text == (try Self.encoderText(plan)))
        #expect(!text.contains(" :") && !text.contains("\n"))
        #expect(plan.digest == Digests.sha256Hex(Array(text.utf8)))
    }

    @Test func anEmptyPlanToo() throws {
        let plan = ErasurePlan(steps: [], files: [], processorHeld: [], notify: [], related: [])
        #expect(plan.canonical.compactText == (try Self.encoderText(plan)))
        #expect(plan.canonical.compactText == #"{"files":[],"notify":[],"processor_held":[],"related":[],"steps":[]}"#)
    }
}
