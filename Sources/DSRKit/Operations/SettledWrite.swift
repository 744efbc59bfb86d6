/// A change dsr made alone: the operations database's fingerprint under the write lock before
/// the first change, and after the commit (and its checkpoint) with no other connection having
/// committed in between. The identifier index, once it has forgotten and relearnt exactly the
/// rows the change touched, may take `after` as the state it reflects, so the next locate need
/// not read the tables again (``IdentifierIndex/forget(_:settling:)``).
struct SettledWrite: Sendable, Equatable {
    let before: OperationsFingerprint
    let after: OperationsFingerprint
}
