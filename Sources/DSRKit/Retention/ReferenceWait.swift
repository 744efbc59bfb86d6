/// "What wins when rules meet" for row rules with `while_referenced_by` (a call past 400 days
/// that a recording still needs stays, its numbers pseudonymised).
///
/// A row past its period that still holds an identifier in clear counts at once: deleted or
/// pseudonymised, it needs the purge. One whose identifiers are all NULL or pseudonym tokens
/// counts only when no row of the referencing tables needs it any more (it is then deleted);
/// such rows wait until the referencing tables have been read once each. Before a purge there
/// are none, after one there are about as many as rows still referenced.
struct ReferenceWait {
    /// One reference of a referencing table to the rule's table.
    private struct Referencing {
        let table: String
        let column: String
        /// Index of the referenced column in ``targets``.
        let target: Int
    }

    private let referencing: [Referencing]
    private let targets: [String]
    private let identifierCount: Int
    /// The columns the main scan reads for the check: identifiers, then referenced columns;
    /// empty when the rule has no `while_referenced_by`.
    let columns: [String]
    private var waiting: [Int64: Int64] = [:]
    private var rowsByTarget: [[CellValue: [Int64]]]

    init(rule: RetentionRule, map: DataMap) {
        var targets: [String] = []
        var referencing: [Referencing] = []
        for name in rule.whileReferencedBy {
            for reference in map.table(name)?.references ?? [] where reference.table == rule.table {
                if !targets.contains(reference.targetColumn) { targets.append(reference.targetColumn) }
                referencing.append(
                    Referencing(
                        table: name, column: reference.column, target: targets.firstIndex(of: reference.targetColumn)!))
            }
        }
        self.referencing = referencing
        self.targets = targets
        identifierCount = referencing.isEmpty ? 0 : rule.identifierColumns.count
        columns = referencing.isEmpty ? [] : rule.identifierColumns + targets
        rowsByTarget = Array(repeating: [:], count: targets.count)
    }

    /// Judges one row past its period; `values` are those of ``columns``. Calls `counted` when
    /// the row counts now; otherwise keeps it for ``finish(_:_:)``.
    mutating func judge(start: Int64, number: Int64, values: [CellValue], counted: () -> Void) {
        guard !columns.isEmpty else { return counted() }
        let inClear = values.prefix(identifierCount).contains { value in
            !(value.isNull || value == .text("") || PseudonymToken.isToken(value))
        }
        guard !inClear else { return counted() }
        waiting[number] = start
        for (index, value) in values.dropFirst(identifierCount).enumerated() where !value.isNull {
            rowsByTarget[index][value, default: []].append(number)
        }
    }

    /// ``judge(start:number:values:counted:)`` of a row read in place, its ``columns`` from
    /// column `offset` on: a row that holds an identifier in clear counts without a copy.
    mutating func judge(start: Int64, number: Int64, row: any ScannedRow, from offset: Int, counted: () -> Void) {
        guard !columns.isEmpty else { return counted() }
        for index in offset..<offset + identifierCount where !row.isNull(index) {
            if row.withText(index, { !$0.isEmpty && !PseudonymToken.isToken(bytes: $0) }) { return counted() }
        }
        judge(
            start: start, number: number, values: (offset..<offset + columns.count).map { row.cell($0) },
            counted: counted)
    }

    /// Adds the rows another part of the same table's scan keeps waiting (rows this one did not read).
    mutating func merge(_ other: ReferenceWait) {
        waiting.merge(other.waiting) { first, _ in first }
        for index in rowsByTarget.indices where index < other.rowsByTarget.count {
            rowsByTarget[index].merge(other.rowsByTarget[index]) { $0 + $1 }
        }
    }

    /// Reads each referencing table's reference column once, then passes every waiting row that
    /// nothing references to `count` (start, row number), in row order.
    ///
    /// - Throws: ``StoreError`` for database failures.
    ///
    /// - Returns: the waiting rows a row still references (start, row number), in row order:
    ///   a purge that deletes those referencing rows may delete these in the same run.
    @discardableResult
    mutating func finish(_ reader: any OperationsReader, _ count: (Int64, Int64) -> Void) throws -> [(Int64, Int64)] {
        guard !waiting.isEmpty else { return [] }
        var needed: [Int64: Int64] = [:]
        for reference in referencing {
            try reader.scan(reference.table, columns: [reference.column], rows: nil) { _, values in
                for number in rowsByTarget[reference.target][values[0]] ?? [] {
                    if let start = waiting.removeValue(forKey: number) { needed[number] = start }
                }
            }
        }
        for (number, start) in waiting.sorted(by: { $0.key < $1.key }) { count(start, number) }
        waiting = [:]
        return needed.sorted(by: { $0.key < $1.key }).map { ($0.value, $0.key) }
    }
}
