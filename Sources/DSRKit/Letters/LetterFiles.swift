import Foundation

/// Writes a letter and its notices into `exports_dir`: each file created exclusively with mode
/// 0600 (never over an existing one), named by the request or the time, the outcome and a
/// number only, never by a recipient or an identifier.
///
/// `DSR-2026-0001-erasure-letter.txt`, `DSR-2026-0001-erasure-notice-1.txt`, …; when a name is
/// taken, the set moves on to `-2`, `-3`, … (`DSR-2026-0001-erasure-letter-2.txt`).
///
/// A set a stopped run began is finished, not written twice, when `completing`: a file of the
/// set's name that holds the same text, or the beginning of it (a kill in the middle of the
/// write), is that run's and is kept or written to the end.
struct LetterFiles {
    let folder: URL
    /// Finish the set a stopped run of the same answer began (its resume), see above.
    var completing = false

    /// The highest suffix tried before giving up: a folder with that many letters of one
    /// request is a mistake to report, not to fill further.
    static let maximumSuffix = 999

    /// - Throws: ``WorkspaceError/cannotWrite(path:reason:)`` when the folder cannot be made,
    ///   a file cannot be created or written, or every name up to ``maximumSuffix`` is taken.
    func write(_ letters: RenderedLetters) throws -> WrittenLetters {
        try WorkspaceInitializer.makeDirectory(folder, mode: 0o700)
        let base = "\(letters.stem)-\(letters.outcome.rawValue)"
        var created: [String] = []
        do {
            let (letter, suffix) = try create("\(base)-letter", from: 1, text: letters.letter)
            created.append(letter)
            for (index, notice) in letters.notices.enumerated() {
                // The notices take the letter's suffix, so one set reads as one; a clash moves
                // only that notice on.
                created.append(try create("\(base)-notice-\(index + 1)", from: suffix, text: notice).path)
            }
            return WrittenLetters(letter: letter, notices: Array(created.dropFirst()))
        } catch {
            // A set is written whole or not at all: a letter whose notices are missing would
            // tell the person of notices that were never written.
            for path in created { unlink(path) }
            throw error
        }
    }

    /// Creates `<name>.txt` (suffix 1) or `<name>-<suffix>.txt`, the first free from `first`.
    private func create(_ name: String, from first: Int, text: String) throws -> (path: String, suffix: Int) {
        let bytes = Array(text.utf8)
        for suffix in first...Self.maximumSuffix {
            let path = folder.appending(path: suffix == 1 ? "\(name).txt" : "\(name)-\(suffix).txt")
                .path(percentEncoded: false)
            var descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if descriptor < 0, errno == EEXIST, completing, let earlier = Self.earlierWrite(at: path, of: bytes) {
                if earlier == .whole { return (path, suffix) }
                descriptor = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOFOLLOW)
            }
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            do {
                try Self.write(bytes, to: descriptor, path: path)
            } catch {
                close(descriptor)
                unlink(path)
                throw error
            }
            guard close(descriptor) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw WorkspaceError.cannotWrite(path: path, reason: reason)
            }
            return (path, suffix)
        }
        throw WorkspaceError.cannotWrite(
            path: folder.appending(path: "\(name).txt").path(percentEncoded: false),
            reason: "it and the names up to -\(Self.maximumSuffix) exist already")
    }

    /// How much of `bytes` a stopped run wrote into the regular file at `path`: all, a
    /// beginning, or (nil) something else, which is another letter's file.
    private static func earlierWrite(at path: String, of bytes: [UInt8]) -> EarlierWrite? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_size <= bytes.count
        else { return nil }
        var found = [UInt8](repeating: 0, count: Int(status.st_size))
        var offset = 0
        while offset < found.count {
            let read = found[offset...].withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if read < 0, errno == EINTR { continue }
            guard read > 0 else { return nil }
            offset += read
        }
        guard bytes.starts(with: found) else { return nil }
        return found.count == bytes.count ? .whole : .beginning
    }

    private enum EarlierWrite { case whole, beginning }

    private static func write(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
        guard fsync(descriptor) == 0 else {
            throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
