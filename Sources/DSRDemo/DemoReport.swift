import DSRKit
import Foundation

/// A person planted in the demo data, with the exact records that `dsr locate` must find.
///
/// The key lists are test oracles: `expectedRecords` follows CONTRACT.md section 2 "Who a
/// record belongs to"; `relatedRecords` holds the owner's business context (the customer
/// row, other traffic on the owner's numbers and its recordings and voicemails).
public struct PlantedSubject: Sendable, Codable, Equatable {
    /// Short slug: "caller", "owner", "owner-and-caller", "bg-caller", "email-only", ...
    public var label: String
    /// One line for the DPO: who this is and where their records are.
    public var summary: String
    /// What a DPO would type, e.g. "phone:+31681234567".
    public var identifiers: [String]
    /// Table → primary keys (as text, in numeric order) that belong to the subject.
    public var expectedRecords: [String: [String]]
    /// Table → primary keys (as text, in numeric order) that are only related context.
    public var relatedRecords: [String: [String]]

    /// Creates a planted subject description.
    public init(
        label: String, summary: String, identifiers: [String],
        expectedRecords: [String: [String]], relatedRecords: [String: [String]]
    ) {
        self.label = label
        self.summary = summary
        self.identifiers = identifiers
        self.expectedRecords = expectedRecords
        self.relatedRecords = relatedRecords
    }
}

/// What a generation run wrote.
public struct DemoReport: Sendable, Codable {
    /// Table → number of rows.
    public var counts: [String: Int]
    /// Number of files written under the files root.
    public var files: Int
    /// The planted subjects, in a fixed order.
    public var subjects: [PlantedSubject]

    /// Creates a report.
    public init(counts: [String: Int], files: Int, subjects: [PlantedSubject]) {
        self.counts = counts
        self.files = files
        self.subjects = subjects
    }
}
