import Foundation
import Testing

@testable import DSRKit

extension TemplateRendererTests {
    /// The rendered letters and pages of the fixture, compared with golden files in `Golden/`;
    /// `RECORD_SNAPSHOTS=1 swift test --filter Template` re-records them after a template changes.
    @Suite struct Golden {
        static let folder = URL(filePath: #filePath).deletingLastPathComponent().appending(path: "Golden")

        @Test(arguments: TemplateFixture.languages, TemplateRenderer.templateNames)
        func renderedOutputMatchesTheGoldenFile(language: String, name: String) throws {
            let rendered = try TemplateRenderer.render(name, document: Self.document(language), templatesDir: nil)
            let file = Self.folder.appending(path: "\(language)-\(name)")
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
                try Data(rendered.utf8).write(to: file)
            }
            let golden = try String(contentsOf: file, encoding: .utf8)
            #expect(rendered == golden, "\(language)/\(name) differs from Golden/; RECORD_SNAPSHOTS=1 re-records")
        }

        /// The fixture with fixed texts in place of the data map's, so that only a template change
        /// changes the output.
        static func document(_ language: String) throws -> ExportDocument {
            var document = try TemplateFixture.document(language: language)
            document.processing = document.processing.map { section in
                var section = section
                section.purpose = "Purpose of \(section.table)."
                section.legalBasis = "Legal basis of \(section.table)."
                section.recipients = ["Recipient of \(section.table)"]
                section.categories = ["Category of \(section.table)", "A category every table holds"]
                section.retention = "Retention of \(section.table)."
                return section
            }
            return document
        }
    }
}
