/// The structural check of retention rules: periods that can be counted, actions that fit,
/// references that exist (CONTRACT.md section 7).
extension DataMap {
    func validateRetention(of table: TableMap, locations: DataMapLocations) -> [DataMapProblem] {
        var problems: [DataMapProblem] = []
        func report(_ message: String, at location: MapLocation?) {
            problems.append(DataMapProblem(location: location, message: message))
        }
        let retention = table.retention
        let what = "the retention of table '\(table.name)'"
        let at = { (key: String) in locations.of("retention.\(key)", in: table.location) }
        if retention.days != nil, retention.daysColumn != nil {
            report("\(what) gives both 'days' and 'days_column'", at: at("days_column"))
        }
        if retention.days != nil || retention.daysColumn != nil, retention.from == nil {
            let key = retention.days != nil ? "days" : "days_column"
            report("\(what) needs 'from': the timestamp column the period runs from", at: at(key))
        }
        if retention.from != nil, retention.days == nil, retention.daysColumn == nil {
            report("\(what) gives 'from' without 'days' or 'days_column'", at: at("from"))
        }
        if let path = retention.daysColumn {
            checkPath(path.via, from: table, at: at("days_column.via"), &problems)
        }
        if let from = retention.from, let role = table.nonTimestampRole(of: from) {
            report("\(what): 'from' column '\(from)' is \(role), not a timestamp", at: at("from"))
        }
        let given = [
            ("then", retention.then != nil), ("while_referenced_by", !retention.whileReferencedBy.isEmpty),
            ("then_referenced", retention.thenReferenced != nil), ("also_purge", !retention.alsoPurge.isEmpty),
        ]
        if !retention.hasPeriod {
            for (key, present) in given where present {
                report("\(what): '\(key)' needs a period ('days' or 'days_column' with 'from')", at: at(key))
            }
        }
        if !retention.whileReferencedBy.isEmpty, retention.thenReferenced == nil {
            report(
                "\(what): 'while_referenced_by' needs 'then_referenced: pseudonymise'", at: at("while_referenced_by"))
        }
        if retention.thenReferenced != nil, retention.whileReferencedBy.isEmpty {
            report("\(what): 'then_referenced' needs 'while_referenced_by: [TABLE, ...]'", at: at("then_referenced"))
        }
        if retention.thenReferenced == .deleteRow {
            report(
                "\(what): 'then_referenced' must be pseudonymise (a row still needed is kept)",
                at: at("then_referenced"))
        }
        let pseudonymises = retention.then == .pseudonymise || retention.thenReferenced == .pseudonymise
        if pseudonymises, table.identifiers.isEmpty {
            report("\(what): 'pseudonymise' needs identifier columns to pseudonymise", at: at("then"))
        }
        for name in retention.whileReferencedBy {
            guard let other = self.table(name) else {
                report(
                    "\(what): 'while_referenced_by' names table '\(name)', which the map does not describe",
                    at: at("while_referenced_by"))
                continue
            }
            if !other.references.contains(where: { $0.table == table.name }) {
                report(
                    "\(what): table '\(name)' of 'while_referenced_by' has no reference to table '\(table.name)'",
                    at: at("while_referenced_by"))
            }
        }
        for column in retention.alsoPurge where !table.references.contains(where: { $0.column == column }) {
            report(
                "\(what): 'also_purge' column '\(column)' is not a reference of table '\(table.name)'",
                at: at("also_purge"))
        }
        for column in table.columns {
            guard let rule = column.retention, let role = table.nonTimestampRole(of: rule.from) else { continue }
            report(
                "the retention of column '\(column.column)' of table '\(table.name)': 'from' column '\(rule.from)' is"
                    + " \(role), not a timestamp", at: locations.of("retention.from", in: column.location))
        }
        for file in table.files {
            guard let rule = file.retention else { continue }
            let place = locations.of("retention.until_set", in: file.location)
            let fileWhat = "the retention of file column '\(file.column)' of table '\(table.name)'"
            if rule.untilSet == file.column {
                report("\(fileWhat): 'until_set' must be another column than the file's", at: place)
            } else if let role = table.nonTimestampRole(of: rule.untilSet) {
                report("\(fileWhat): 'until_set' column '\(rule.untilSet)' is \(role), not a timestamp", at: place)
            }
        }
        return problems
    }
}

extension TableMap {
    /// What `column` is when the map says it cannot hold a timestamp (the primary key, an
    /// identifier, a reference, a file column); nil otherwise.
    func nonTimestampRole(of column: String) -> String? {
        if column == primaryKey { return "the primary key" }
        if identifiers.contains(where: { $0.column == column }) { return "an identifier column" }
        if references.contains(where: { $0.column == column }) { return "a reference column" }
        if files.contains(where: { $0.column == column }) { return "a file column" }
        return nil
    }
}
