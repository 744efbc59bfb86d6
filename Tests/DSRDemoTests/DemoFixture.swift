import DSRKit
import Foundation
import GRDB

@testable import DSRDemo

/// A small generated data set in a temporary folder, shared by the demo tests.
struct DemoFixture {
    let folder: URL
    let database: URL
    let files: URL
    let report: DemoReport

    static let options = DemoOptions(customers: 20, calls: 3000, seed: 42)

    /// Generates into a fresh temporary folder.
    static func make(_ options: DemoOptions = options) throws -> DemoFixture {
        let folder = FileManager.default.temporaryDirectory.appending(
            path: "dsr-demo-\(ProcessInfo.processInfo.processIdentifier)-\(counter.next())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = folder.appending(path: "ops.db")
        let files = folder.appending(path: "files")
        let report = try DemoGenerator.generate(
            database: database, filesRoot: files, options: options, progress: nil)
        return DemoFixture(folder: folder, database: database, files: files, report: report)
    }

    /// Opens the generated database read-only.
    func open() throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: database.path(percentEncoded: false), configuration: config)
    }

    /// Every file under the files root, as sorted relative paths.
    func filePaths() -> [String] {
        let root = files.path(percentEncoded: false)
        let enumerator = FileManager.default.enumerator(atPath: root)
        var paths: [String] = []
        while let next = enumerator?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + next, isDirectory: &isFolder)
            if !isFolder.boolValue { paths.append(next) }
        }
        return paths.sorted()
    }

    /// Removes the folder.
    func remove() { try? FileManager.default.removeItem(at: folder) }

    private static let counter = Counter()
}

/// A thread-safe counter for unique folder names.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
