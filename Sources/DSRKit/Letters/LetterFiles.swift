import Foundation

/// Writes a letter and its notices into `exports_dir`: each file created exclusively with mode
/// 0600 (never over an existing one), named by the request or the time, the outcome and a
/// number only, never by a recipient or an identifier.
///
/// `DSR-2026-0001-erasure-letter.txt`, `DSR-2026-0001-erasure-notice-1.txt`, …; when a name is
/// taken, the set moves on to `-2`, `-3`, … (`DSR-2026-0001-erasure-letter-2.txt`).
struct LetterFiles {
    let folder: URL

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
        for suffix in first...Self.maximumSuffix {
            let path = folder.appending(path: suffix == 1 ? "\(name).txt" : "\(name)-\(suffix).txt")
                .path(percentEncoded: false)
            let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
            if descriptor < 0 {
                if errno == EEXIST { continue }
                throw WorkspaceError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            do {
                try Self.write(Array(text.utf8), to: descriptor, path: path)
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
