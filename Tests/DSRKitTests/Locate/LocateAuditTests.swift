import DSRDemo
import Foundation
import GRDB
import Testing

@testable import DSRKit

/// A file's path can hold personal data (`call_+31681234567_sanne.bakker@example.nl.wav`), and
/// the audit trail keeps what it is given forever: locate names files by table and key.
@Suite struct LocateAuditTests {
    /// Someone else's number and address, as a recording's file name might carry them.
    static let phone = "+31699887766"
    static let email = "other.person@example.nl"
    static let path = "recordings/call_\(phone)_\(email).wav"

    @Test func aLocatedFilesPathLeavesNoByteInStateDB() throws {
        let dir = try TemporaryDirectory()
        let report = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 12, calls: 1000, seed: 3), force: false)
        let planted = try #require(report.subjects.first { $0.expectedRecords["recordings"]?.isEmpty == false })
        let config = dir.url.appending(path: "dsr.yaml")

        // Give one of the subject's recordings a telling name, in the database and on disk.
        let before = Session(workspace: try Workspace.load(configFile: config), actor: "dpo", now: Date())
        let subject = try before.subject(identifiers: planted.identifiers, request: nil)
        let found = try before.locateUnaudited(subject)
        before.close()
        let file = try #require(found.files.first { $0.table == "recordings" })
        guard case .integer(let key) = file.key else { Issue.record("recordings have integer keys"); return }
        let workspace = try Workspace.load(configFile: config)
        let queue = try DatabaseQueue(path: workspace.operationsDB.path(percentEncoded: false))
        try queue.write { db in
            try db.execute(sql: "UPDATE recordings SET file_path = ? WHERE id = ?", arguments: [Self.path, key])
        }
        try queue.close()
        let root = workspace.filesRoot
        try FileManager.default.moveItem(at: root.appending(path: file.path), to: root.appending(path: Self.path))

        let session = Session(workspace: workspace, actor: "dpo", now: Date())
        let result = try session.locate(try session.subject(identifiers: planted.identifiers, request: nil))
        #expect(result.files.contains { $0.path == Self.path }, "the renamed file is located")
        let entry = try #require(try session.auditTrail().entries().last)
        let details = try JSONSerialization.jsonObject(with: Data(entry.details.utf8)) as? [String: Any]
        let files = details?["files"] as? [String: Any]
        #expect(
            (files?["recordings"] as? [Int])?.contains(Int(key)) == true, "files by table and key: \(entry.details)")

        for name in ["state.db", "state.db-wal"] {
            let url = workspace.stateDir.appending(path: name)
            guard let bytes = try? Data(contentsOf: url) else { continue }
            for needle in [Self.phone, Self.email, Self.path, "call_"] {
                #expect(bytes.range(of: Data(needle.utf8)) == nil, "\(name) holds \(needle)")
            }
        }
        session.close()
        let bytes = try Data(contentsOf: workspace.stateDir.appending(path: "state.db"))
        #expect(bytes.range(of: Data(Self.email.utf8)) == nil, "state.db after close")
    }
}
