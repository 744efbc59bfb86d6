import Foundation
import GRDB

extension StateDatabase {
    /// How many rows hold keyed hashes made with the workspace secret: audit entries and
    /// request subjects. Where there are any, a new key would cut them off from the people
    /// they name (`dsr audit find` could no longer match them).
    ///
    /// - Throws: ``StoreError``.
    public func keyedHashRows() throws -> (auditEntries: Int, requestSubjects: Int) {
        try read { db in
            let audit = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log") ?? 0
            let subjects = try Int.fetchOne(db, sql: "SELECT count(*) FROM request_subjects") ?? 0
            return (audit, subjects)
        }
    }
}
