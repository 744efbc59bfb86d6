import Foundation
import Testing

@testable import DSRKit

/// One session per command: what it loads once, and how it merges a request's identifiers.
@Suite struct SessionTests {
    let temporary: TemporaryWorkspace
    let session: Session

    init() throws {
        temporary = try TemporaryWorkspace()
        session = Session(workspace: temporary.workspace, actor: "dpo", now: TemporaryWorkspace.time())
    }

    @Test func databasesAndTheMapAreOpenedOnce() throws {
        #expect(try session.state() === session.state())
        #expect(try session.operations() === session.operations())
        #expect(try session.index() === session.index())
        #expect(try session.dataMap() == BuiltinDataMap.map())
    }

    @Test func aRequestsIdentifiersAreMergedAfterTheTypedOnes() throws {
        let request = try session.register().open(
            type: .access, subjects: [.phone(try PhoneNumber.parse("0612345678", context: "NL"))])
        let subject = try session.subject(
            identifiers: ["email:Jan+x@Example.NL", "phone:+31 6 1234 5678"], request: request.id)
        #expect(subject.identifiers.map(\.canonical) == ["email:jan@example.nl", "phone:+31612345678"])
        #expect(subject.request?.id == request.id)
    }

    @Test func nobodyToWorkForIsAnError() throws {
        #expect(throws: SessionError.noIdentifiers) { _ = try session.subject(identifiers: [], request: nil) }
        let request = try session.register().open(type: .access, subjects: [.customer(7)])
        _ = try session.register().close(request.id, outcome: .completed)
        #expect(throws: RequestError.self) { _ = try session.subject(identifiers: [], request: request.id) }
        #expect(throws: RequestError.unknown("DSR-2026-0099")) {
            _ = try session.subject(identifiers: ["customer:1"], request: "DSR-2026-0099")
        }
    }

    /// `$'email:jan@example.nl\nsanne@example.nl'` must not become sanne: any character of
    /// Unicode category Cc anywhere in a typed identifier is refused, naming its position only.
    @Test(arguments: ["\n", "\r", "\r\n", "\t", "\u{0}", "\u{7F}", "\u{1B}", "\u{85}"])
    func aControlCharacterInATypedIdentifierIsRefusedByPosition(control: String) throws {
        for typed in [
            "email:jan.devries@example.nl\(control)sanne.bakker@example.nl",
            "jan.devries@example.nl\(control)",
            "\(control)phone:+31612345678",
            "phone:+31 6\(control)12345678",
        ] {
            let error = #expect(throws: IdentityError.self) {
                _ = try session.subject(identifiers: ["customer:7", typed], request: nil)
            }
            #expect(error?.kind == .badData)
            let message = error?.description ?? ""
            #expect(message.contains("identifier 2 of 2"), "\(message)")
            #expect(message.contains("control character"), "\(message)")
            #expect(!message.contains("example") && !message.contains("612345678"), "never the value: \(message)")
        }
    }
}
