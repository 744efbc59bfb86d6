import Foundation

/// An advisory lock on a file that one run holds for as long as it works: a second run that
/// finds it held stops at once (``StoreError/locked``, exit 75) instead of working beside it.
/// The kernel releases it when the process ends, so a killed run never leaves it behind.
final class RunLock {
    private let descriptor: Int32

    /// Takes the lock on `url` (created mode 0600 when absent).
    ///
    /// - Throws: ``StoreError/locked(path:timeout:)`` when another process holds it;
    ///   ``StoreError/cannotOpen(path:)`` when the file cannot be opened.
    init(at url: URL) throws {
        let path = url.path(percentEncoded: false)
        let opened = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard opened >= 0 else { throw StoreError.cannotOpen(path: path) }
        guard flock(opened, LOCK_EX | LOCK_NB) == 0 else {
            close(opened)
            throw StoreError.locked(path: path, timeout: 0)
        }
        descriptor = opened
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
