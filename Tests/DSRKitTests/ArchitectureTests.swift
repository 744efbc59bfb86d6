import Foundation
import Testing

/// The folders of DSRKit depend on one another in one direction only (README, "Architecture"):
/// no folder names a type of a folder that names one of its own.
@Suite struct ArchitectureTests {
    static let sources = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appending(path: "Sources/DSRKit")

    /// Folder → the text of its Swift files, comments removed.
    static func folders() throws -> [String: String] {
        var texts: [String: String] = [:]
        let root = sources.path(percentEncoded: false)
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".swift"), let folder = path.split(separator: "/").first, path.contains("/") else {
                continue
            }
            // String literals are text, not uses: the built-in map's YAML names a column "Subject".
            let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
                .replacing(/(?s)#""".*?"""#/, with: "\"\"")
                .replacing(/"(?:[^"\\\n]|\\.)*"/, with: "\"\"")
            let code = text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { line in line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line) }
                .joined(separator: "\n")
            texts[String(folder), default: ""] += code + "\n"
        }
        return texts
    }

    @Test func noTwoFoldersUseEachOther() throws {
        let texts = try Self.folders()
        let declaration = try NSRegularExpression(
            pattern:
                #"(?m)^(?:public |package |internal )?(?:final )?(?:indirect )?(?:struct|class|enum|protocol|actor) +(\w+)"#
        )
        var owner: [String: String] = [:]
        for (folder, text) in texts {
            for match in declaration.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                if let range = Range(match.range(at: 1), in: text), owner[String(text[range])] == nil {
                    owner[String(text[range])] = folder
                }
            }
        }
        var uses: [String: Set<String>] = [:]
        for (folder, text) in texts {
            let words = Set(text.split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init))
            for word in words {
                if let other = owner[word], other != folder { uses[folder, default: []].insert(other) }
            }
        }
        #expect(texts.count > 10 && owner.count > 100, "the scan found the sources")
        for (folder, used) in uses.sorted(by: { $0.key < $1.key }) {
            for other in used.sorted() where uses[other]?.contains(folder) == true && folder < other {
                Issue.record("\(folder) and \(other) use each other")
            }
        }
    }
}
