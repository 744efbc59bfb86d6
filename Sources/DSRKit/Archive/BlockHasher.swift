import Crypto
import Foundation

/// SHA-256 and size of a file as written into an archive.
public struct ArchiveFileDigest: Sendable, Equatable {
    /// Lower-case hex SHA-256 of the file's bytes.
    public var sha256: String
    /// Bytes written.
    public var size: Int64
}

/// Hashes blocks on a second thread while the writer's thread copies the next block.
///
/// Two buffers take turns: the writer fills and writes one while the other is hashed;
/// `acquire` waits until a buffer's previous hash is done before it is filled again, so no
/// block is overwritten before it is hashed and memory stays at two blocks.
final class BlockHasher: @unchecked Sendable {
    private let buffers: [UnsafeMutableRawBufferPointer]
    private let free = [DispatchSemaphore(value: 1), DispatchSemaphore(value: 1)]
    private let queue = DispatchQueue(label: "dsr.archive.sha256")
    private var hasher = SHA256()  // touched only on `queue`
    private var held = [false, false]

    init(buffers: [UnsafeMutableRawBufferPointer]) { self.buffers = buffers }

    /// The buffer of `turn`, once its previous block is hashed.
    func acquire(_ turn: Int) -> UnsafeMutableRawBufferPointer {
        free[turn].wait()
        held[turn] = true
        return buffers[turn]
    }

    /// Hands the first `count` bytes of the buffer of `turn` to the hashing thread.
    func submit(_ turn: Int, count: Int) {
        held[turn] = false
        queue.async {
            self.hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: self.buffers[turn][0..<count]))
            self.free[turn].signal()
        }
    }

    /// Gives back a buffer that was acquired but not submitted.
    func release(_ turn: Int) {
        guard held[turn] else { return }
        held[turn] = false
        free[turn].signal()
    }

    /// Waits for pending hashes; safe to call more than once (also on an error path).
    func drain() {
        queue.sync {}
        for turn in 0..<2 where held[turn] { release(turn) }
    }

    /// The digest of everything submitted.
    func finish() -> String {
        queue.sync { Digests.hex(hasher.finalize()) }
    }
}
