/// Cheap facts about the operations database that change whenever its content can have:
/// the identity index refreshes only when they differ from the last refresh.
struct OperationsFingerprint: Sendable, Equatable {
    /// Which database this is (a replaced database is a different one): for SQLite the
    /// file's device and inode.
    let file: String
    /// The state of its content: for SQLite the size and modification time of the file
    /// and its WAL.
    let state: String
}
