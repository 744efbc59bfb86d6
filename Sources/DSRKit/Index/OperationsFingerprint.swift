import Foundation

/// Cheap facts about the operations database file that change whenever its content can have.
struct OperationsFingerprint {
    /// The file's identity (device and inode): a replaced file is a different database.
    let file: String
    /// Size and modification time of the file and of its WAL, if any.
    let state: String

    init(path: String) {
        func stats(_ path: String) -> stat? {
            var info = stat()
            return stat(path, &info) == 0 ? info : nil
        }
        let main = stats(path)
        let wal = stats(path + "-wal")
        file = main.map { "\($0.st_dev):\($0.st_ino)" } ?? "absent"
        func describe(_ info: stat?) -> String {
            guard let info else { return "-" }
            return "\(info.st_size)@\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        state = describe(main) + "|" + describe(wal)
    }
}
