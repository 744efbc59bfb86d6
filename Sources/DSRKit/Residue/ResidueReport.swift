import Foundation

/// One place scanned for residue and how many stored forms of erased values are still in it.
///
/// The place is a label the caller gives ("ops.db", "ops.db-wal", "state/index.db",
/// "recordings 7 (file)"), never a file path: a path can hold personal data (a recording may be
/// called `call_+31681234567.wav`), and this report is printed and kept in the audit log.
public struct ResiduePlace: Sendable, Codable, Equatable {
    /// The caller's label for the place, free of personal data.
    public var place: String
    /// Occurrences of erased values' stored forms found in the place.
    public var count: Int

    /// A place and its count.
    public init(place: String, count: Int) {
        self.place = place
        self.count = count
    }
}

/// What a residue scan found after an erasure (issue 10, section 4).
///
/// CONTRACT: `"residue": {"found": N, "places": [...]}`, with places only where count > 0, in
/// the order scanned. `found == 0` is the proof that the erased values are gone from the bytes.
public struct ResidueReport: Sendable, Codable, Equatable {
    /// All occurrences found, the sum of the places' counts.
    public var found: Int
    /// The places with at least one occurrence, in the order scanned.
    public var places: [ResiduePlace]

    /// A report of `places`; places with a count of 0 are left out and `found` is their sum.
    public init(places: [ResiduePlace]) {
        self.places = places.filter { $0.count > 0 }
        self.found = self.places.reduce(0) { $0 + $1.count }
    }

    /// One report of several scans (for example the databases, the state folder, the files), in order.
    public init(combining reports: [ResidueReport]) {
        self.init(places: reports.flatMap(\.places))
    }
}
