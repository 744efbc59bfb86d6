import DSRDemo
import Foundation
import Testing

@testable import DSRKit

/// The export capability on a temporary session over a small demo workspace.
@Suite struct ExporterTests {
    let dir: TemporaryDirectory
    let report: DemoReport
    let session: Session

    init() throws {
        dir = try TemporaryDirectory()
        report = try DemoWorkspace.create(
            in: dir.url, options: DemoOptions(customers: 12, calls: 1000, seed: 3), force: false)
        session = Session(
            workspace: try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml")), actor: "dpo",
            now: Date(timeIntervalSince1970: 1_780_000_000))
    }

    @Test func anExportHoldsWhatLocateFoundAndIsAuditedOnce() throws {
        let planted = try #require(report.subjects.first)
        let subject = try session.subject(identifiers: planted.identifiers, request: nil)
        let located = try session.locate(subject)
        let before = try session.auditTrail().entries().count
        let export = try Exporter.export(subject, options: ExportOptions(), in: session)

        let attributes = try FileManager.default.attributesOfItem(atPath: export.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(export.records == Dictionary(grouping: located.records, by: \.table).mapValues(\.count))
        let listing = try ArchiveTools.run(["bsdtar", "-tf", export.path]).stdout
        for table in export.records.keys {
            #expect(listing.contains("data/\(table).json"), "\(table)")
        }
        #expect(listing.contains("manifest.json") && listing.contains("letter.txt"))

        let entries = try session.auditTrail().entries()
        #expect(entries.count == before + 1)
        let entry = try #require(entries.last)
        #expect(entry.knownAction == .export)
        #expect(entry.details.contains(export.manifestSHA256))
        #expect(Set(entry.subjects) == Set(try session.auditSubjects(located.subjectIdentifiers)))
        for identifier in located.identifiers {
            #expect(!entry.details.contains(identifier.value), "no identifier in the audit details")
        }
    }

    @Test func aRequestThatIsNotAnAccessRequestIsRefusedWithoutForce() throws {
        let planted = try #require(report.subjects.first)
        let identifiers = try session.subject(identifiers: planted.identifiers, request: nil).identifiers
        let request = try session.register().open(type: .erasure, subjects: identifiers)
        let subject = try session.subject(identifiers: [], request: request.id)
        #expect(throws: ExportError.self) { try Exporter.export(subject, options: ExportOptions(), in: session) }
        let exports = (try? FileManager.default.contentsOfDirectory(atPath: session.workspace.exportsDir.path)) ?? []
        #expect(exports.isEmpty, "nothing written")
    }
}
