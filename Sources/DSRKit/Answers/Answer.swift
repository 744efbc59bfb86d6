/// A command's result with the letter that answers the person: a report (an erasure's, a
/// rectification's, a restriction's) and, when it changed something, the letter and Art. 19
/// notices written for it.
///
/// Encoded as the report's own JSON document with `letter` and `notices` beside its fields
/// (`letter` null and `letter_error` when the files could not be written; the fields absent
/// when no letter was due, as for a plan).
public struct Answer<Report: Encodable & Sendable>: Sendable, Encodable {
    public var report: Report
    public var letters: LetterDelivery?

    /// Whether a letter was due but could not be written (exit 73: the change itself stands).
    public var letterFailed: Bool {
        if case .failed = letters { return true }
        return false
    }

    enum CodingKeys: String, CodingKey { case letter, notices, letter_error }

    public func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch letters {
        case .written(let written):
            try container.encode(written.letter, forKey: .letter)
            try container.encode(written.notices, forKey: .notices)
        case .failed(let problem):
            try container.encodeNil(forKey: .letter)
            try container.encode(problem, forKey: .letter_error)
        case nil:
            break
        }
    }
}

/// Whether the letter of an answer was written.
public enum LetterDelivery: Sendable, Equatable {
    case written(WrittenLetters)
    /// The files could not be written; why, naming the path.
    case failed(String)
}

extension Session {
    /// Writes `letters`; a failure is reported, not thrown: what they answer already happened.
    /// When `resuming`, what a stopped run wrote of the same letters is finished, not doubled
    /// (``completeLetters(_:)``).
    func deliver(resuming: Bool = false, _ letters: () throws -> RenderedLetters) -> LetterDelivery {
        do { return .written(try resuming ? completeLetters(letters()) : writeLetters(letters())) } catch {
            return .failed((error as? any DSRError)?.errorDescription ?? "\(error)")
        }
    }
}
