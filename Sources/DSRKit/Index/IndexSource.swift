/// One column the identifier index covers.
struct IndexSource: Hashable, Sendable {
    /// Why the column is indexed.
    enum Purpose: String, Sendable {
        /// An identifier column: entries are keyed hashes of canonical identifiers.
        case identifier
        /// A referencing column followed from parent to children: keyed hashes of raw values.
        case reference
    }

    let table: String
    let column: String
    let purpose: Purpose

    /// Every column of `map` that locate looks rows up by, table by table.
    static func all(in map: DataMap) -> [IndexSource] {
        var sources: [IndexSource] = []
        for table in map.tables {
            for column in table.identifiers where column.kind.isMatchable {
                sources.append(IndexSource(table: table.name, column: column.column, purpose: .identifier))
            }
            for reference in table.references where reference.children != .none {
                let source = IndexSource(table: table.name, column: reference.column, purpose: .reference)
                if !sources.contains(source) { sources.append(source) }
            }
        }
        return sources
    }

    /// The text hashed for a reference value: its SQLite storage class and text, so that
    /// `12` and `'12'` stay apart as they do in `WHERE column = ?`.
    static func referenceText(_ value: CellValue) -> String? {
        value.isNull ? nil : "ref:" + value.signature
    }
}
