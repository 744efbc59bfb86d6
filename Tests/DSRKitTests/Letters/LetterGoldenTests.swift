import Foundation
import Testing

@testable import DSRKit

/// The letters and notices of ``LetterFixture``, compared with golden files in
/// `Templates/Golden/`; `RECORD_SNAPSHOTS=1 swift test --filter Template` re-records them.
@Suite struct LetterTemplateGoldenTests {
    static let folder = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Templates/Golden")

    @Test(arguments: LetterFixture.languages)
    func everyLetterTemplateMatchesItsGoldenFile(language: Language) throws {
        let rendered = try LetterFixture().rendered(language)
        var texts = rendered.mapValues(\.letter).map { ("\(language.rawValue)-\($0.key.rawValue).txt", $0.value) }
        // One rendering of notice.txt: the first notice of the erasure.
        texts.append(("\(language.rawValue)-notice.txt", try #require(rendered[.erasure]?.notices.first)))
        for (name, text) in texts {
            let file = Self.folder.appending(path: name)
            if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
                try Data(text.utf8).write(to: file)
            }
            let golden = try String(contentsOf: file, encoding: .utf8)
            #expect(text == golden, "\(name) differs from Golden/; RECORD_SNAPSHOTS=1 re-records")
        }
    }

    @Test(arguments: LetterFixture.languages)
    func theShippedLetterTemplatesRenderFromTheFolderToo(language: Language) throws {
        let root = TemplateFixture.repository.appending(path: "templates")
        let fixture = try LetterFixture()
        let builtin = try fixture.rendered(language)
        var yaml = try String(contentsOf: fixture.session.workspace.configFile, encoding: .utf8)
        yaml = yaml.replacing(/templates_dir: .*/, with: "templates_dir: \"\(root.path(percentEncoded: false))\"")
        try Data(yaml.utf8).write(to: fixture.session.workspace.configFile)
        let edited = LetterFixture(
            dir: fixture.dir,
            session: Session(
                workspace: try Workspace.load(configFile: fixture.session.workspace.configFile), actor: "dpo",
                now: LetterFixture.now))
        #expect(try edited.rendered(language) == builtin)
    }
}
