import Foundation
import Testing

/// A request's whole life, end to end: once it is closed, no form of the subject's
/// identifiers is left in any byte of dsr's state folder, and `dsr audit find` still
/// answers what was done for them.
@Suite struct PrivacyEndToEndTests {
    /// The subject as the DPO typed them: an e-mail with a tag and odd capitals, a national phone number.
    static let email = "Sanne.Bakker+dsr@Example.NL"
    static let phone = "06-81234567"

    /// Every stored form the identifiers could take, lower case (files are compared lower-cased):
    /// as typed, canonical, without the tag, the phone as E.164, national and bare digits.
    static let forms = [
        "sanne.bakker+dsr@example.nl", "sanne.bakker@example.nl", "sanne.bakker", "06-81234567", "+31681234567",
        "31681234567", "0681234567", "681234567",
    ]

    /// Each file under `folder` (recursively) with the forms found in its bytes, ASCII-lower-cased.
    static func occurrences(in folder: URL) throws -> [String: [String]] {
        var found: [String: [String]] = [:]
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        else { throw AuditStepFailure(description: "cannot list \(folder.path)") }
        for case let file as URL in files {
            guard try file.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            let bytes = Data(try Data(contentsOf: file).map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 })
            let hits = forms.filter { bytes.range(of: Data($0.utf8)) != nil }
            if !hits.isEmpty { found[file.lastPathComponent] = hits }
        }
        return found
    }

    @Test func aClosedRequestLeavesNoIdentifierInTheStateFolderWhileAuditFindStillFindsIt() throws {
        let workspace = try AuditWorkspace()
        let opened = try workspace.must(
            ["request", "open", "--type", "erasure", "email:\(Self.email)", "phone:\(Self.phone)", "--json"])
        let request = try JSONSerialization.jsonObject(with: Data(opened.utf8)) as? [String: Any]
        let id = try #require(request?["id"] as? String)

        // While the request is open its identifiers are kept, in canonical form: the scan sees them.
        let whileOpen = try Self.occurrences(in: workspace.stateDir).values.flatMap { $0 }
        #expect(whileOpen.contains("sanne.bakker@example.nl"), "the scan finds a stored identifier")
        #expect(whileOpen.contains("+31681234567"), "the scan finds a stored identifier")

        try workspace.must(["request", "verify", id, "--method", "ID card seen at the counter", "--by", "A. de Boer"])
        let located = try workspace.must(["locate", "--request", id, "--json"])
        let records = try JSONSerialization.jsonObject(with: Data(located.utf8)) as? [String: Any]
        #expect((records?["records"] as? [Any])?.isEmpty == false, "the request's identifiers were searched")
        try workspace.must(["request", "close", id, "--outcome", "completed"])

        // The register keeps the proof, not the data.
        let shown = try JSONSerialization.jsonObject(
            with: Data(try workspace.must(["request", "show", id, "--json"]).utf8))
        let subjects = (shown as? [String: Any])?["subjects"] as? [[String: Any]] ?? []
        #expect(subjects.count == 2)
        #expect(subjects.allSatisfy { $0["value"] == nil || $0["value"] is NSNull }, "\(subjects)")

        let files = try FileManager.default.contentsOfDirectory(atPath: workspace.stateDir.path(percentEncoded: false))
        #expect(files.contains("state.db") && files.contains("index.db"), "\(files)")
        #expect(try Self.occurrences(in: workspace.stateDir) == [:], "no stored form of the identifiers")

        // ... and the trail still answers "what did we do for this person?", by either identifier in any form.
        for identifier in [
            "email:sanne.bakker@example.nl", "email:\(Self.email)", "phone:+31681234567", "phone:\(Self.phone)",
        ] {
            let json = try JSONSerialization.jsonObject(
                with: Data(try workspace.must(["audit", "find", identifier, "--json"]).utf8))
            let entries = json as? [[String: Any]] ?? []
            let actions = Set(entries.map { $0["action"] as? String ?? "?" })
            #expect(
                actions.isSuperset(of: ["request.open", "request.verify", "locate", "request.close"]), "\(identifier)")
            #expect(entries.allSatisfy { $0["request_id"] as? String == id }, "\(identifier)")
        }
        let stranger = try workspace.must(["audit", "find", "email:someone.else@example.nl", "--json"])
        #expect((try JSONSerialization.jsonObject(with: Data(stranger.utf8)) as? [Any])?.isEmpty == true)
        #expect(try workspace.dsr(["audit", "verify"]).code == 0)
    }
}
