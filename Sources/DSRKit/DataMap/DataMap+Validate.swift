/// The structural check of a map, without a database: do its tables fit together?
extension DataMap {
    /// Every structural mistake: tables or entries given twice, references to tables the map
    /// does not describe, `via` hops that are not references, country sources on columns that
    /// are not phones, contradictory retention keys, and identifier or file columns for which
    /// the map does not say what erasure does.
    ///
    /// Runs whenever a map is loaded; ``DataMapChecker`` adds the checks against a database.
    ///
    /// - Parameter locations: key locations from ``DataMapParser/read(_:)``, for precise lines.
    public func validate(locations: DataMapLocations = DataMapLocations()) -> [DataMapProblem] {
        var problems: [DataMapProblem] = []
        var firstLines: [String: MapLocation?] = [:]
        for table in tables {
            if let first = firstLines[table.name] {
                let line = first.map { " (first on line \($0.line))" } ?? ""
                problems.append(
                    .init(location: table.location, message: "table '\(table.name)' is described twice\(line)"))
                continue
            }
            firstLines[table.name] = table.location
            problems += validate(table, locations: locations)
        }
        return problems
    }

    private func validate(_ table: TableMap, locations: DataMapLocations) -> [DataMapProblem] {
        var problems: [DataMapProblem] = []
        func report(_ message: String, at location: MapLocation?) {
            problems.append(DataMapProblem(location: location, message: message))
        }
        let name = table.name
        reportRepeats(table.identifiers.map { ($0.column, $0.location) }, list: "identifiers", table: name, &problems)
        reportRepeats(table.references.map { ($0.column, $0.location) }, list: "references", table: name, &problems)
        reportRepeats(table.files.map { ($0.column, $0.location) }, list: "files", table: name, &problems)
        reportRepeats(table.columns.map { ($0.column, $0.location) }, list: "columns", table: name, &problems)
        reportRepeats(table.display.map { ($0.column, $0.location) }, list: "display", table: name, &problems)
        for file in table.files {
            for item in file.card where !item.via.isEmpty {
                checkPath(item.via, from: table, at: locations.of("card", in: file.location), &problems)
            }
        }

        for identifier in table.identifiers {
            let what = "identifier '\(identifier.column)' of table '\(name)'"
            if identifier.kind != .phone, identifier.country != nil {
                report("\(what): only phone identifiers take 'country'", at: identifier.location)
            }
            if identifier.kind != .email, identifier.addressList {
                report("\(what): only email identifiers take 'address_list'", at: identifier.location)
            }
            if identifier.learn, table.holds == .organisation {
                report(
                    "\(what): 'learn' on an organisation table: organisation rows never teach identities",
                    at: locations.of("learn", in: identifier.location))
            } else if identifier.learn, !identifier.kind.isMatchable || identifier.kind == .customer {
                report(
                    "\(what): 'learn' needs an email, phone or ip column: names and customer numbers never teach",
                    at: locations.of("learn", in: identifier.location))
            } else if identifier.learn, identifier.relation == .related {
                report(
                    "\(what): 'learn' on a related column: related context never teaches identities",
                    at: locations.of("learn", in: identifier.location))
            }
            if case .reference(let via, _) = identifier.country {
                checkPath(via, from: table, at: locations.of("country.via", in: identifier.location), &problems)
            }
            let needsRule: Set<IdentifierKind> = [.email, .phone, .ip, .name]
            if needsRule.contains(identifier.kind), table.personalColumn(identifier.column) == nil {
                report("\(what) has no entry under 'columns': say what erasure does to it", at: identifier.location)
            }
        }
        for reference in table.references where self.table(reference.table) == nil {
            let message =
                "reference '\(reference.column)' of table '\(name)' names table '\(reference.table)',"
                + " which the map does not describe"
            report(message, at: locations.of("table", in: reference.location))
        }
        for file in table.files where table.personalColumn(file.column) == nil {
            report(
                "file column '\(file.column)' of table '\(name)' has no entry under 'columns': say what erasure does"
                    + " to it", at: file.location)
        }
        problems += validateRetention(of: table, locations: locations)
        return problems
    }

    /// Reports a `via` hop that is not a reference; unmapped tables are reported at the reference.
    func checkPath(
        _ via: [String], from table: TableMap, at location: MapLocation?, _ problems: inout [DataMapProblem]
    ) {
        do {
            _ = try follow(via, from: table)
        } catch {
            if case .notAReference = error {
                problems.append(DataMapProblem(location: location, message: error.message))
            }
        }
    }

    private func reportRepeats(
        _ entries: [(String, MapLocation?)], list: String, table: String, _ problems: inout [DataMapProblem]
    ) {
        var first: [String: MapLocation?] = [:]
        for (column, location) in entries {
            guard let earlier = first[column] else {
                first[column] = location
                continue
            }
            let line = earlier.map { " (first on line \($0.line))" } ?? ""
            problems.append(
                DataMapProblem(
                    location: location,
                    message: "column '\(column)' of table '\(table)' is listed twice under '\(list)'\(line)"))
        }
    }
}
