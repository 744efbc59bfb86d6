import Foundation

/// Checks a data map against an operations database: every table and column it names exists.
///
/// A map that names a column the database lacks would make locate silently miss records
/// (Art. 15) or make erasure fail halfway, so `dsr datamap check` runs this before a DPO
/// relies on a map they wrote. SQLite compares names case-insensitively, and so does this.
public enum DataMapChecker {
    /// Reads, validates and checks a map's text against the tables of `schema`, collecting
    /// every problem.
    public static func check(text: String, against schema: OperationsSchema) -> [DataMapProblem] {
        let result = DataMapParser.read(text)
        let problems = result.problems + result.map.validate(locations: result.locations)
        return DataMapProblem.inFileOrder(problems + check(result.map, against: schema, locations: result.locations))
    }

    /// The problem text for a mapped table the database lacks (`dsr status` words it its own way).
    static func missingTableMessage(_ table: String) -> String { "table '\(table)' does not exist in the database" }

    public static func check(_ map: DataMap, against schema: OperationsSchema, locations: DataMapLocations = .init())
        -> [DataMapProblem]
    {
        var problems: [DataMapProblem] = []
        for table in map.tables where !table.name.isEmpty {
            guard schema.hasTable(table.name) else {
                problems.append(
                    .init(location: table.location, message: missingTableMessage(table.name)))
                continue
            }
            var check = TableCheck(map: map, table: table, schema: schema, locations: locations)
            check.run()
            problems += check.problems
        }
        return problems
    }
}

/// The checks of one mapped table that exists in the database.
private struct TableCheck {
    let map: DataMap
    let table: TableMap
    let schema: OperationsSchema
    let locations: DataMapLocations
    var problems: [DataMapProblem] = []

    init(map: DataMap, table: TableMap, schema: OperationsSchema, locations: DataMapLocations) {
        self.map = map
        self.table = table
        self.schema = schema
        self.locations = locations
    }

    mutating func run() {
        if let reason = schema.refusal(of: nil, in: table.name) {
            problems.append(.init(location: table.location, message: "table '\(table.name)' \(reason)"))
        }
        need(table.primaryKey, "primary_key", at: locations.of("primary_key", in: table.location))
        for identifier in table.identifiers {
            need(identifier.column, "identifier", at: identifier.location)
            switch identifier.country {
            case .column(let column):
                need(column, "country column", at: locations.of("country.column", in: identifier.location))
            case .phonePrefix(let column):
                need(column, "prefix_of column", at: locations.of("country.prefix_of", in: identifier.location))
            case .reference(let via, let column):
                need(column, "country column", via: via, at: locations.of("country.column", in: identifier.location))
            case .constant, .workspaceDefault, nil: break
            }
            if let flag = identifier.withheldFlag {
                need(flag, "withheld_flag column", at: locations.of("withheld_flag", in: identifier.location))
            }
        }
        for reference in table.references {
            need(reference.column, "reference", at: reference.location)
            if let target = map.table(reference.table), schema.hasTable(target.name) {
                need(
                    reference.targetColumn, "target", in: target.name,
                    at: locations.of("target", in: reference.location))
            }
        }
        for file in table.files {
            need(file.column, "file column", at: file.location)
            for item in file.card {
                need(item.column, "card column", via: item.via, at: locations.of("card", in: file.location))
            }
        }
        for display in table.display { need(display.column, "display column", at: display.location) }
        if case .portable(let except) = table.portability {
            for column in except {
                need(column, "'portable' except column", at: locations.of("portable.except", in: table.location))
            }
        }
        for column in table.columns {
            need(column.column, "column", at: column.location)
            if case .retain(_, .days(_, let from)) = column.erasure {
                need(from, "'until' from column", at: locations.of("until.from", in: column.location))
            }
        }
        if let from = table.retention.from {
            timestamp(from, "retention 'from' column", at: locations.of("retention.from", in: table.location))
        }
        for column in table.columns {
            guard let rule = column.retention else { continue }
            timestamp(rule.from, "retention 'from' column", at: locations.of("retention.from", in: column.location))
        }
        for file in table.files {
            guard let rule = file.retention else { continue }
            let location = locations.of("retention.until_set", in: file.location)
            timestamp(rule.untilSet, "retention 'until_set' column", at: location)
        }
        if let path = table.retention.daysColumn {
            let location = locations.of("retention.days_column.column", in: table.location)
            need(path.column, "retention 'days_column'", via: path.via, at: location)
        }
    }

    /// Reports a column a period runs from when the table lacks it or declares it as numbers
    /// or bytes: periods run from ISO 8601 text (CONTRACT.md section 2).
    private mutating func timestamp(_ column: String, _ role: String, at location: MapLocation?) {
        guard schema.has(column, in: table.name) else { return need(column, role, at: location) }
        let type = (schema.declaredType(of: column, in: table.name) ?? "").uppercased()
        guard ["INT", "REAL", "FLOA", "DOUB", "BLOB", "BOOL"].contains(where: type.contains) else { return }
        problems.append(
            .init(
                location: location,
                message: "\(role) '\(column)' of table '\(table.name)' is declared \(type): a period runs from a"
                    + " timestamp stored as ISO 8601 text"))
    }

    /// Reports `column` when the table (`in`, else the checked table) lacks it.
    private mutating func need(_ column: String, _ role: String, in name: String? = nil, at location: MapLocation?) {
        let name = name ?? table.name
        if !column.isEmpty, let reason = schema.refusal(of: column, in: name) {
            problems.append(.init(location: location, message: "\(role) '\(column)' of table '\(name)' \(reason)"))
            return
        }
        guard !column.isEmpty, !schema.has(column, in: name) else { return }
        problems.append(.init(location: location, message: "\(role) '\(column)': table '\(name)' has no such column"))
    }

    /// Reports `column` when the table at the end of `via` lacks it; a path that cannot be
    /// followed is reported by ``DataMap/validate(locations:)``.
    private mutating func need(_ column: String, _ role: String, via: [String], at location: MapLocation?) {
        guard let path = try? map.follow(via, from: table), schema.hasTable(path.end.name) else { return }
        need(
            column, role + (via.isEmpty ? "" : " (via \(via.joined(separator: ", ")))"), in: path.end.name, at: location
        )
    }
}
