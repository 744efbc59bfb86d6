import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The suppression list across the `v7-suppression-scope` migration: rows of older erasures
/// keep working (their scope is not known), new ones say whether processor data was included.
@Suite struct SuppressionListTests {
    @Test func anErasureFromBeforeTheScopeColumnStillReads() throws {
        let temporary = try TemporaryWorkspace()
        let url = temporary.workspace.stateDatabase
        try FileManager.default.removeItem(at: url)
        let old = try DatabaseQueue(path: url.path(percentEncoded: false))
        try StateSchema.migrator.migrate(old, upTo: "v6-index-repairs")
        try old.write { db in
            try db.execute(
                sql: "INSERT INTO suppression_list VALUES ('ab', 'DSR-2026-0001', '2026-03-01T12:00:00.000Z', 'd1')")
        }
        try old.close()

        let state = try temporary.state()
        try state.write { db in
            try state.suppress(
                ["cd"], requestID: nil, at: "2026-03-02T12:00:00.000Z", digest: "d2", includeProcessorData: true, db)
        }
        #expect(
            try state.suppressionList() == [
                SuppressedIdentifier(
                    hash: "ab", requestID: "DSR-2026-0001", erasedAt: "2026-03-01T12:00:00.000Z", digest: "d1",
                    includeProcessorData: nil),
                SuppressedIdentifier(
                    hash: "cd", requestID: nil, erasedAt: "2026-03-02T12:00:00.000Z", digest: "d2",
                    includeProcessorData: true),
            ])
    }
}
