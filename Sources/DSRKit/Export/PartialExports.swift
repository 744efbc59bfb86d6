import Foundation

/// Temporary archives of exports in progress: `.<final name>.partial-<pid>` beside the final file.
///
/// An export killed by a signal cannot run its clean-up, so every export first removes the
/// partial archives of processes that no longer exist: they hold personal data.
enum PartialExports {
    static let marker = ".partial-"

    /// The temporary name for `final` in this process.
    static func name(for final: URL) -> String { "." + final.lastPathComponent + marker + String(getpid()) }

    /// Removes partial archives in `folder` whose process is gone.
    static func sweep(_ folder: URL) {
        let path = folder.path(percentEncoded: false)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where name.hasPrefix(".") {
            guard let range = name.range(of: marker, options: .backwards),
                let pid = Int32(name[range.upperBound...]), pid != getpid()
            else { continue }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            if kill(pid, 0) != 0 && errno == ESRCH {
                unlink(folder.appending(path: name).path(percentEncoded: false))
            }
        }
    }
}
