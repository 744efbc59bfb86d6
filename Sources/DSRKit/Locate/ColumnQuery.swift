import GRDB

/// The SELECT that reads one identifier column together with the country its national
/// phone numbers belong to, built from the data map (CONTRACT.md section 2, country rules).
///
/// Each row comes back as `(rowid, value, countryHint)`. The hint is an alpha-2 code for
/// constant, column and reference sources, or a phone number whose calling code names the
/// country for `prefix_of` sources; ``CountryResolver`` turns it into a country.
struct ColumnQuery: Sendable {
    let table: TableMap
    let column: IdentifierColumn
    /// `SELECT t.rowid, t."col", <hint> FROM "table" AS t LEFT JOIN …` without a WHERE.
    let select: String

    /// Builds the query.
    ///
    /// - Throws: ``LocateError/badMap(_:)`` when a `via` hop is not a declared reference.
    init(table: TableMap, column: IdentifierColumn, map: DataMap) throws {
        self.table = table
        self.column = column
        var joins: [String] = []
        let hint: String
        switch column.country {
        case .column(let name): hint = "t." + SQLName.quote(name)
        case .phonePrefix(let name): hint = "t." + SQLName.quote(name)
        case .reference(let via, let name):
            var current = table
            var alias = "t"
            for (hop, referencing) in via.enumerated() {
                guard let reference = current.references.first(where: { $0.column == referencing }),
                    let target = map.table(reference.table)
                else {
                    throw LocateError.badMap(
                        "\(table.name).\(column.column): country path hop '\(referencing)' is not a reference of \(current.name)"
                    )
                }
                let next = "j\(hop)"
                joins.append(
                    "LEFT JOIN \(SQLName.quote(target.name)) AS \(next) ON \(next).\(SQLName.quote(reference.targetColumn)) = \(alias).\(SQLName.quote(referencing))"
                )
                current = target
                alias = next
            }
            hint = alias + "." + SQLName.quote(name)
        case .constant, .workspaceDefault, nil:
            hint = "NULL"
        }
        select =
            "SELECT t.rowid, t.\(SQLName.quote(column.column)), \(hint) FROM \(SQLName.quote(table.name)) AS t "
            + joins.joined(separator: " ")
    }

    /// The query restricted to one row.
    var byRowID: String { select + " WHERE t.rowid = ?" }
    /// The query over rows after a rowid, in rowid order (incremental index refresh).
    var afterRowID: String { select + " WHERE t.rowid > ? ORDER BY t.rowid" }
}
