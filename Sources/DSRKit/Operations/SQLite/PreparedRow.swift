/// The current row of a ``PreparedQuery`` whose column 0 is the row number, as a
/// ``ScannedRow`` numbered from the column after it.
struct PreparedRow: ScannedRow {
    let query: PreparedQuery

    func isNull(_ index: Int) -> Bool { query.isNull(Int32(index + 1)) }

    func isText(_ index: Int) -> Bool { query.isText(Int32(index + 1)) }

    func withText<T>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try query.withText(Int32(index + 1), body)
    }

    func cell(_ index: Int) -> CellValue { query.cell(Int32(index + 1)) }
}
