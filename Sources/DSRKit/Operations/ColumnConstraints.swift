/// What a table's column accepts, as far as an erasure needs to know before it writes: a new
/// value that does not fit is named in the plan instead of failing in the middle of the apply.
struct ColumnConstraints: Sendable, Equatable {
    let column: String
    /// NULL is refused.
    let notNull: Bool
    /// A UNIQUE constraint or unique index covers this column alone.
    let unique: Bool
    /// Only integers or reals are stored (a STRICT table's INTEGER/REAL/INT column).
    let numericOnly: Bool
}

/// A foreign key the database itself declares (`REFERENCES`), whether or not the data map
/// names it: a row deleted under it must not cascade, nor leave a row pointing at nothing.
struct ForeignKey: Sendable, Equatable {
    /// The referencing table and column.
    let table, column: String
    /// The referenced table and column (nil: its primary key).
    let parent: String
    let parentColumn: String?
}
