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

    /// The text hashed for a reference value, equal for values that `WHERE column = ?` finds
    /// equal across the column types a messy schema mixes: text holding a plain integer
    /// (`'12'`) and an integral real (`12.0`) hash as the integer 12, other text as text.
    /// Every candidate is confirmed by the same comparison (``referenceEquals(_:_:)``).
    static func referenceText(_ value: CellValue) -> String? {
        value.isNull ? nil : "ref:" + referenceForm(value).signature
    }

    /// Whether a stored referencing value and the referenced value are the same reference.
    static func referenceEquals(_ stored: CellValue, _ wanted: CellValue) -> Bool {
        !stored.isNull && referenceForm(stored) == referenceForm(wanted)
    }

    /// Integer-looking text and integral reals as integers; everything else as it is.
    private static func referenceForm(_ value: CellValue) -> CellValue {
        switch value {
        case .text(let text):
            guard let number = Int64(text), String(number) == text else { return value }
            return .integer(number)
        case .real(let number):
            guard let integer = value.integerValue, Double(integer) == number else { return value }
            return .integer(integer)
        default:
            return value
        }
    }
}
