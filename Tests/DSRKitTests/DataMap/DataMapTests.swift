import DSRDemo
import Foundation
import GRDB
import Testing

@testable import DSRKit

/// The data map: its YAML form, the built-in map, and the checks (`swift test --filter DataMap`).
@Suite enum DataMapTests {
    /// A demo operations database (the reference schema) in a fresh temporary folder.
    static func demoDatabase(in folder: TemporaryDirectory) throws -> URL {
        let database = folder.url.appending(path: "ops.db")
        _ = try DemoGenerator.generate(
            database: database, filesRoot: folder.url.appending(path: "files"),
            options: DemoOptions(customers: 10, calls: 1000), progress: nil)
        return database
    }

    /// The problems of `text`, as `line: message` strings for readable failures.
    static func lines(_ problems: [DataMapProblem]) -> [String] {
        problems.map { "\($0.location?.line ?? 0): \($0.message)" }
    }

    /// Whether a problem on `line` mentions every one of `words`.
    static func has(_ problems: [DataMapProblem], line: Int, _ words: String...) -> Bool {
        problems.contains { problem in
            problem.location?.line == line && words.allSatisfy { problem.message.contains($0) }
        }
    }

    /// A minimal valid table, for maps written in tests.
    static func table(_ name: String, extra: String = "") -> String {
        """
          \(name):
            primary_key: id
            holds: record
            purpose: "Test."
            legal_basis: "Art. 6(1)(b) GDPR"
            role: controller
            retention: {rule: "For ever."}
        \(extra)
        """
    }
}
