import Foundation
import GRDB
import Testing

@testable import DSRKit

/// A register row that dsr never wrote (edited by hand, a damaged restore) is an error
/// naming the table, the row and the column: never a default value.
@Suite struct CorruptStateRowTests {
    let temporary: TemporaryWorkspace
    let state: StateDatabase
    let register: RequestRegister
    let id: String

    init() throws {
        temporary = try TemporaryWorkspace()
        state = try temporary.state()
        register = try RequestRegister(
            state: state, hasher: try temporary.hasher(), actor: "dpo", now: TemporaryWorkspace.time())
        let subjects = [
            try SubjectIdentifier.parse("email:jan@example.nl", defaultCountry: "NL"),
            try SubjectIdentifier.parse("phone:0612345678", defaultCountry: "NL"),
        ]
        id = try register.open(type: .erasure, subjects: subjects).id
    }

    /// Sets `column` of the request's row in `table` to `value`, with raw SQL.
    func corrupt(_ table: String, _ column: String, _ value: String) throws {
        let key = table == "requests" ? "id" : "request_id"
        try state.write { db in
            try db.execute(sql: "UPDATE \(table) SET \(column) = ? WHERE \(key) = ?", arguments: [value, id])
        }
    }

    /// The error reading the request gives, as (table, row, column, kind).
    func failure(_ read: () throws -> Void) -> (String, String, String, FailureKind)? {
        do {
            try read()
            return nil
        } catch let error as StateError {
            guard case .corruptRow(let table, let row, let column) = error else { return nil }
            return (table, row, column, error.kind)
        } catch {
            return nil
        }
    }

    @Test(
        arguments: [
            ("requests", "type", "delete-everything"), ("requests", "status", "pending"),
            ("requests", "received", "2026-13-45"), ("requests", "due", "soon"),
            ("requests", "extended_due", "later"), ("requests", "outcome", "maybe"),
            ("requests", "forget_identifiers_on", "never"), ("request_subjects", "kind", "fax"),
        ])
    func aValueThatDoesNotParseNamesTableRowAndColumn(table: String, column: String, value: String) throws {
        try corrupt(table, column, value)
        let shown = failure { _ = try register.show(id) }
        #expect(shown?.0 == table)
        #expect(shown?.1 == id)
        #expect(shown?.2 == column)
        #expect(shown?.3 == .badData)
        #expect(failure { _ = try register.list() }?.2 == column, "listing reads the same rows")
    }

    @Test func theMessageNamesTheRowButNoStoredValue() throws {
        try corrupt("request_subjects", "kind", "jan@example.nl")
        let error = #expect(throws: StateError.self) { try register.show(id) }
        let message = error?.description ?? ""
        #expect(message.contains("request_subjects") && message.contains(id) && message.contains("kind"))
        #expect(!message.contains("jan@example.nl"))
    }

    @Test func anUnknownKindIsNotReadAsAnEmailAddress() throws {
        let request = try register.show(id)
        var tampered = request
        tampered.subjects[1].kind = "fax"
        #expect(throws: StateError.corruptRow(table: "request_subjects", row: id, column: "kind")) {
            try tampered.keptIdentifiers(defaultCountry: "NL")
        }
        #expect(try request.keptIdentifiers(defaultCountry: "NL").map(\.kind) == [.email, .phone])
    }
}
