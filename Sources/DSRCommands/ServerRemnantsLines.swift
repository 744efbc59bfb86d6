import DSRKit

/// The text lines of what a PostgreSQL server keeps beyond dsr's reach, after a plan or a
/// result of `erase` and `rectify` (nothing for a SQLite file).
enum ServerRemnantsLines {
    static func print(_ remnants: ServerRemnants?, to sink: OutputSink) {
        guard let remnants else { return }
        if !remnants.vacuumed.isEmpty { sink.line("VACUUM ran on " + remnants.vacuumed.joined(separator: ", ") + ".") }
        sink.line("On the PostgreSQL server, beyond dsr's reach (its operator's to handle):")
        for place in remnants.kept { sink.line("  - \(place)") }
    }
}
