import DSRKit

/// A call that left a recording or a voicemail; collected by the call loop (bounded by the
/// media caps) and turned into rows and files afterwards.
struct DemoMediaCall {
    enum Kind { case recording, voicemail }

    var cdrId: Int
    var startedAt: Int
    var duration: Int
    var service: Int
    var caller: String?
    var kind: Kind
    /// Voicemail only: whether it was e-mailed to the owner (and its audio deleted).
    var emailed: Bool
    /// The planted subject whose call this is.
    var subject: Int?
    var planted: Bool
}
