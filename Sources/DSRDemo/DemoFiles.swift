import DSRKit
import Foundation

/// Writes files under the files root, creating folders as needed, and counts them.
final class DemoFiles {
    private let root: URL
    private var folders: Set<String> = []
    private(set) var count = 0
    private(set) var bytes = 0

    /// Uses `root`, creating it when absent.
    ///
    /// - Throws: ``DemoError/cannotWrite(path:reason:)``.
    init(root: URL) throws {
        self.root = root
        try makeFolder(root.path(percentEncoded: false))
    }

    private func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true)
        } catch {
            throw DemoError.cannotWrite(path: path, reason: "cannot create folder")
        }
    }

    /// Writes `data` at the `/`-separated relative path.
    ///
    /// - Throws: ``DemoError/cannotWrite(path:reason:)``.
    func write(_ data: [UInt8], at relative: String) throws {
        let url = root.appending(path: relative)
        let folder = url.deletingLastPathComponent().path(percentEncoded: false)
        if !folders.contains(folder) {
            try makeFolder(folder)
            folders.insert(folder)
        }
        // Plain write, not FileManager.createFile: that one writes a temporary file and
        // renames it, doubling the file-system work for a thousand fresh files.
        do {
            try Data(data).write(to: url)
        } catch {
            throw DemoError.cannotWrite(path: url.path(percentEncoded: false), reason: "cannot create file")
        }
        count += 1
        bytes += data.count
    }
}
