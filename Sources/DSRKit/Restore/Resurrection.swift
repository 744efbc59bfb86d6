/// An erasure whose records are back in the operations database: a backup restored from
/// before it, or old data a system imported again (EDPB coordinated action on erasure,
/// February 2026: "comply with them on restored systems").
///
/// The identifiers it holds are plain values read from the rows found; they stay in memory
/// for the re-erasure and are never written to state.db, the audit trail or a log.
package struct Resurrection: Sendable, Equatable {
    /// The erasure the records belong to, as the suppression list keeps it.
    package let erasure: SuppressedErasure
    /// The records that came back and that today's map would erase again: rows holding a
    /// suppressed identifier, dated before the erasure (or not dated), and the rows reached
    /// from them along the map's owned references (a restored call's recordings). Table
    /// order of the map, then key.
    package var records: [ResurrectedRecord]
    /// The erased identifiers found in those rows (canonical values, in memory only).
    package var identifiers: [SubjectIdentifier]
    /// Rows holding a suppressed identifier that are dated after the erasure: the person
    /// came back on their own (they called again). Not resurrected.
    package var newContacts: Int
    /// Rows that came back but that today's rules keep (a retained cell, a legal hold or a
    /// restriction, a record held as processor): not erased again, so not reported as back.
    package var kept: Int

    /// Whether anything of the erasure is back.
    package var isResurrected: Bool { !records.isEmpty }
}

/// One erasure as the suppression list remembers it.
package struct SuppressedErasure: Sendable, Equatable, Hashable {
    /// The request the erasure answered; nil for one run without a request.
    package let requestID: String?
    /// When it committed (`YYYY-MM-DDTHH:MM:SS.mmmZ`, UTC).
    package let erasedAt: String
    /// The day it committed (UTC).
    package var erasedOn: CalendarDate? { CalendarDate(iso: String(erasedAt.prefix(10))) }
    /// The digest of the plan it applied.
    package let digest: String
    /// Whether it included the records held as processor (`--include-processor-data`); false
    /// for an erasure made before dsr recorded it (state migration `v7-suppression-scope`).
    package let includedProcessorData: Bool
}

/// A record of a resurrection: the row, and how it was reached (the step tells the
/// re-erasure planner whether it matched an identifier or hangs off a record that did).
package struct ResurrectedRecord: Sendable, Equatable {
    /// The table and primary key.
    package let reference: RecordReference
    /// The row number in the operations store when it was found.
    package let row: Int64
    /// The identifier that matched, or the record it was reached from.
    package let step: LocateStep

    /// The table.
    package var table: String { reference.table }
    /// The primary key.
    package var key: RecordKey { reference.key }
}
