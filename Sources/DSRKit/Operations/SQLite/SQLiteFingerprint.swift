import Foundation

extension OperationsFingerprint {
    /// The fingerprint of the SQLite file at `path`: device and inode, then size and
    /// modification time of the file and of its WAL, if any.
    init(sqliteFile path: String) {
        func stats(_ path: String) -> stat? {
            var info = stat()
            return stat(path, &info) == 0 ? info : nil
        }
        func describe(_ info: stat?) -> String {
            guard let info else { return "-" }
            return "\(info.st_size)@\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        let main = stats(path)
        self.init(
            file: main.map { "\($0.st_dev):\($0.st_ino)" } ?? "absent",
            state: describe(main) + "|" + describe(stats(path + "-wal")))
    }
}
