import Foundation

/// Temporary archives of exports in progress: `.<final name>.partial-<pid>` beside the final file.
///
/// An export killed by a signal cannot run its clean-up, so every export first removes the
/// partial archives of processes that no longer exist, whatever final name they were for:
/// they hold personal data. `dsr status` lists the ones it finds.
enum PartialExports {
    static let marker = ".partial-"

    /// The temporary name for `final` in this process.
    static func name(for final: URL) -> String { "." + final.lastPathComponent + marker + String(getpid()) }

    /// The names of partial archives in `folder` whose process is gone.
    static func leftovers(in folder: URL) -> [String] {
        let path = folder.path(percentEncoded: false)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return [] }
        return names.filter { name in
            guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards),
                let pid = Int32(name[range.upperBound...]), pid != getpid()
            else { return false }
            // kill(pid, 0) fails with ESRCH when no such process exists.
            return kill(pid, 0) != 0 && errno == ESRCH
        }.sorted()
    }

    /// Removes partial archives in `folder` whose process is gone.
    static func sweep(_ folder: URL) {
        for name in leftovers(in: folder) {
            unlink(folder.appending(path: name).path(percentEncoded: false))
        }
    }

    /// Whether `name` is a partial archive under a name dsr chose itself,
    /// `.<request id or time>-<kind>.<format>.partial-<pid>`, which holds no personal data;
    /// a name given with `--output` may (a DPO could name the file after the person).
    static func isOwnName(_ name: String) -> Bool {
        name.wholeMatch(of: /\.(DSR-\d{4}-\d{4,}|\d{4}-\d{2}-\d{2}T[0-9.]+Z)-[a-z]+\.(zip|tar\.gz)\.partial-\d+/) != nil
    }
}
