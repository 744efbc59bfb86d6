import Foundation
import GRDB

/// One row of the suppression list: the keyed hash of an identifier an erasure removed.
struct SuppressedIdentifier: Sendable, Equatable {
    /// `hex(canonical)` of the erased identifier (never the identifier itself).
    let hash: String
    /// The request the erasure answered; nil for an erasure without one.
    let requestID: String?
    /// When the erasure committed, as the audit trail writes times (`…T…Z`).
    let erasedAt: String
    /// The digest of the plan that was applied.
    let digest: String
    /// Whether the erasure included the records held as processor; nil for an erasure made
    /// before dsr recorded it.
    let includeProcessorData: Bool?
}

extension StateDatabase {
    /// Every row of the suppression list, oldest erasure first: one query, so an empty list
    /// costs the restore check almost nothing.
    ///
    /// - Throws: ``StoreError``.
    func suppressionList() throws -> [SuppressedIdentifier] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT hash, request_id, erased_at, digest, include_processor_data FROM suppression_list
                    ORDER BY erased_at, digest, hash
                    """
            ).map { row in
                SuppressedIdentifier(
                    hash: row[0], requestID: row[1], erasedAt: row[2], digest: row[3], includeProcessorData: row[4])
            }
        }
    }
}
