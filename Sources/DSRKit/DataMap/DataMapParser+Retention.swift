import Foundation
import Yams

/// Reading retention rules: a table's period and what follows it, a column's shorter period,
/// a file's keeping until a column is set (CONTRACT.md section 7).
extension DataMapParser {
    static let tableRetentionKeys = [
        "rule", "days", "from", "days_column", "then", "while_referenced_by", "then_referenced", "also_purge",
    ]
    static let columnRetentionKeys = ["days", "from", "then"]
    static let fileRetentionKeys = ["until_set", "then"]

    /// `retention:` of a table.
    static func retention(in fields: Fields, table: String, reader: inout DataMapReader) -> Retention? {
        guard let node = fields["retention"] else {
            reader.missing("retention", in: fields, hint: " (at least {rule: \"...\"})")
            return nil
        }
        let what = "the retention of table '\(table)'"
        guard
            let retention = reader.fields(
                of: node, what: what, known: tableRetentionKeys, owner: fields.owner, prefix: "retention.")
        else { return nil }
        var result = Retention(rule: reader.text("rule", in: retention, required: true) ?? "")
        result.days = reader.count("days", in: retention)
        result.from = reader.text("from", in: retention)
        if let pathNode = retention["days_column"],
            let path = reader.fields(
                of: pathNode, what: "'days_column' of \(what)", known: ["via", "column"], owner: fields.owner,
                prefix: "retention.days_column.")
        {
            let via = reader.texts("via", in: path)
            if let column = reader.text("column", in: path, required: true) {
                result.daysColumn = ColumnPath(via: via, column: column)
            }
        }
        result.then = reader.choice("then", in: retention, as: RowRetentionAction.self)
        result.whileReferencedBy = reader.texts("while_referenced_by", in: retention)
        result.thenReferenced = reader.choice("then_referenced", in: retention, as: RowRetentionAction.self)
        result.alsoPurge = reader.texts("also_purge", in: retention)
        return result
    }

    /// `retention:` of a personal column: `{days: N, from: COLUMN, then: set-null | pseudonymise}`.
    static func columnRetention(in fields: Fields, reader: inout DataMapReader) -> ColumnRetention? {
        guard let node = fields["retention"] else { return nil }
        guard
            let retention = reader.fields(
                of: node, what: "the retention of \(fields.what)", known: columnRetentionKeys, owner: fields.owner,
                prefix: "retention.")
        else { return nil }
        if !retention.has("days") { reader.missing("days", in: retention) }
        let days = reader.count("days", in: retention)
        let from = reader.text("from", in: retention, required: true)
        let then = reader.choice("then", in: retention, required: true, as: ColumnRetentionAction.self)
        guard let days, let from, let then else { return nil }
        return ColumnRetention(days: days, from: from, then: then)
    }

    /// `retention:` of a file column: `{until_set: COLUMN, then: delete}`.
    static func fileRetention(in fields: Fields, reader: inout DataMapReader) -> FileRetention? {
        guard let node = fields["retention"] else { return nil }
        guard
            let retention = reader.fields(
                of: node, what: "the retention of \(fields.what)", known: fileRetentionKeys, owner: fields.owner,
                prefix: "retention.")
        else { return nil }
        let untilSet = reader.text("until_set", in: retention, required: true)
        let then = reader.choice("then", in: retention, required: true, as: FileRetentionAction.self)
        guard let untilSet, let then else { return nil }
        return FileRetention(untilSet: untilSet, then: then)
    }
}
