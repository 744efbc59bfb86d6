/// How to read one identifier column together with the country its national phone numbers
/// belong to, as the data map describes it (CONTRACT.md section 2, the country rules).
///
/// The engine builds it from the map; each operations store turns it into its own query.
/// A row comes back as its row number, the stored value and a hint: an alpha-2 code for
/// column and reference sources, or a phone number whose calling code names the country
/// for `prefix_of` sources, which the reader of the column turns into a country.
struct ColumnRead: Hashable, Sendable {
    /// One reference followed to reach a hint column in another table.
    struct Hop: Hashable, Sendable {
        /// The referencing column in the table reached so far.
        let column: String
        /// The referenced table and column.
        let table: String
        let target: String
    }

    /// Where the hint comes from.
    enum Hint: Hashable, Sendable {
        /// A column of the same row.
        case column(String)
        /// A column of a row reached along references.
        case path([Hop], column: String)
    }

    let table: String
    let column: String
    let hint: Hint?

    /// A column read as stored, with no hint (a reference's value).
    init(table: String, column: String) {
        self.table = table
        self.column = column
        hint = nil
    }

    /// The read of `column` in `table` under `map`.
    ///
    /// - Throws: ``DataMapError`` when a `via` hop is not a declared reference (a map that
    ///   passed validation never has one).
    init(table: TableMap, column: IdentifierColumn, map: DataMap) throws {
        self.table = table.name
        self.column = column.column
        switch column.country {
        case .column(let name), .phonePrefix(let name):
            hint = .column(name)
        case .reference(let via, let name):
            do {
                let path = try map.follow(via, from: table)
                hint = .path(
                    path.hops.map { Hop(column: $0.column, table: $0.table, target: $0.targetColumn) }, column: name)
            } catch {
                throw DataMapError(
                    file: "the data map",
                    problems: [
                        DataMapProblem(
                            location: column.location,
                            message: "\(table.name).\(column.column): country path: \(error.message)")
                    ])
            }
        case .constant, .workspaceDefault, nil:
            hint = nil
        }
    }
}
