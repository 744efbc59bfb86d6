/// A `via` path followed through the map: the references taken and the table reached.
public struct ReferencePath: Sendable, Equatable {
    /// The references taken, hop by hop (empty for a column of the row itself).
    public var hops: [Reference]
    /// The table the last hop leads to (the starting table when there are no hops).
    public var end: TableMap
}

/// Why a `via` path cannot be followed.
public enum ReferencePathError: Error, Sendable, Equatable {
    /// A hop names a column that the table reached so far does not declare under `references`.
    case notAReference(hop: String, table: String)
    /// A hop's reference leads to a table the map does not describe.
    case unmappedTable(hop: String, table: String, target: String)

    /// The message for the DPO.
    public var message: String {
        switch self {
        case .notAReference(let hop, let table):
            "'\(hop)' is not a reference of table '\(table)': each hop of 'via' must be a column listed under"
                + " 'references' of the table reached so far"
        case .unmappedTable(let hop, let table, let target):
            "hop '\(hop)' of table '\(table)' leads to table '\(target)', which the map does not describe"
        }
    }
}

extension DataMap {
    /// Follows `via` from `table` hop by hop: each hop is a reference column of the table
    /// reached so far, and continues in that reference's table.
    ///
    /// Country sources (`{via: [service_number, customer_id], column: country}`) and
    /// retention periods set elsewhere (`days_column`) are reached this way.
    ///
    /// - Throws: ``ReferencePathError`` naming the first hop that cannot be followed.
    public func follow(_ via: [String], from table: TableMap) throws(ReferencePathError) -> ReferencePath {
        var current = table
        var hops: [Reference] = []
        for hop in via {
            guard let reference = current.references.first(where: { $0.column == hop }) else {
                throw .notAReference(hop: hop, table: current.name)
            }
            guard let next = self.table(reference.table) else {
                throw .unmappedTable(hop: hop, table: current.name, target: reference.table)
            }
            hops.append(reference)
            current = next
        }
        return ReferencePath(hops: hops, end: current)
    }
}

extension TableMap {
    /// The erasure and rectification rule of `column`, if the map gives one.
    public func personalColumn(_ column: String) -> PersonalColumn? {
        columns.first { $0.column == column }
    }
}
