import Foundation
import Testing

@testable import DSRKit

/// The actions of an erasure plan, without a database: redaction keeps the other parties,
/// pseudonyms never read as identifiers, steps run children first.
@Suite struct ErasureActionTests {
    static let jan: Set<SubjectIdentifier> = [
        try! SubjectIdentifier.parse("email:jan.devries@example.nl", defaultCountry: "NL")
    ]

    @Test(arguments: [
        (#""de Vries, Jan" <Jan.deVries@Example.NL>, Anke <anke@telvora.example>"#, "Anke <anke@telvora.example>"),
        ("jan.devries+support@example.nl, info@kustlicht.example", "info@kustlicht.example"),
        (#"=?UTF-8?Q?Jan_de_Vri=C3=ABs?= <jan.devries@example.nl>"#, "undisclosed-recipients:;"),
        ("Klachten <klachten@telvora.example>", "Klachten <klachten@telvora.example>"),
    ])
    func redactingAnAddressListKeepsTheCoRecipients(value: String, expected: String) {
        #expect(Redaction.redacted(value, Self.jan, addressList: true) == expected)
    }

    @Test func redactingTextReplacesTheIdentifier() {
        #expect(Redaction.mentions("Re: complaint from JAN.DEVRIES@example.nl", Self.jan))
        #expect(
            Redaction.redacted("Re: complaint from JAN.DEVRIES@example.nl", Self.jan, addressList: false)
                == "Re: complaint from [redacted]")
        #expect(!Redaction.mentions("Re: your invoice", Self.jan))
    }

    @Test func theMessageFileLosesOnlyTheSubjectsMailboxes() {
        let message = Array(
            "From: Support <support@telvora.example>\r\nTo: \"de Vries, Jan\" <jan.devries@example.nl>,\r\n Anke <anke@telvora.example>\r\nSubject: x\r\n\r\nDear Jan, jan.devries@example.nl\r\n"
                .utf8)
        let rewritten = String(
            decoding: MessageRedaction.rewritingAddressHeaders(message) {
                Redaction.redacted($0, Self.jan, addressList: true)
            },
            as: UTF8.self)
        #expect(rewritten.contains("From: Support <support@telvora.example>\r\n"))
        #expect(rewritten.contains("To: Anke <anke@telvora.example>\r\n"))
        #expect(!rewritten.lowercased().contains("de vries"))
        // The body is not rewritten (the plan reports messages whose body mentions the subject).
        #expect(rewritten.hasSuffix("\r\n\r\nDear Jan, jan.devries@example.nl\r\n"))
    }

    @Test func aPseudonymIsRandomAndNeverReadsAsAnIdentifier() {
        let tokens = (0..<200).map { _ in Pseudonym.token() }
        #expect(Set(tokens).count == tokens.count)
        for token in tokens {
            #expect(token.hasPrefix("erased:") && token.count == 23)
            #expect((try? SubjectIdentifier.parse(token, defaultCountry: "NL")) == nil, "\(token)")
            #expect((try? PhoneNumber.parse(token, context: "NL")) == nil, "\(token)")
        }
    }

    @Test func stepsRunChildrenBeforeParents() throws {
        let map = try BuiltinDataMap.map()
        let order = ErasureOrder(map: map).tables
        func before(_ child: String, _ parent: String) -> Bool {
            order.firstIndex(of: child)! < order.firstIndex(of: parent)!
        }
        #expect(before("recordings", "cdrs") && before("voicemails", "cdrs") && before("voicemails", "emails"))
        #expect(before("orders", "contacts") && before("contacts", "customers") && before("cdrs", "service_numbers"))
        let steps = ErasureOrder(map: map).sorted([
            ErasureStep(table: "contacts", key: .integer(2), action: .deleteRow),
            ErasureStep(table: "orders", key: .integer(1), column: "contact_id", action: .setNull),
            ErasureStep(table: "recordings", key: .integer(9), action: .deleteRow),
            ErasureStep(table: "cdrs", key: .integer(4), column: "caller_number", action: .pseudonymise),
        ])
        let tables = steps.map(\.table)
        #expect(tables.firstIndex(of: "recordings")! < tables.firstIndex(of: "cdrs")!)
        #expect(tables.firstIndex(of: "orders")! < tables.firstIndex(of: "contacts")!)
        #expect(tables.last == "contacts")
    }

    @Test func theDigestCoversThePlanAndNothingElse() {
        func plan(_ action: ErasureStepAction, notify: [String] = ["police"]) -> ErasurePlan {
            ErasurePlan(
                steps: [ErasureStep(table: "cdrs", key: .integer(1), column: "caller_number", action: action)],
                files: [], processorHeld: [], notify: notify, related: [])
        }
        let digest = plan(.pseudonymise).digest
        #expect(digest.count == 64 && digest == plan(.pseudonymise).digest)
        #expect(plan(.setNull).digest != digest)
        #expect(plan(.pseudonymise, notify: []).digest != digest)
    }
}
