import Foundation
import Testing

@testable import DSRKit

/// The built-in map's text is the source; `BuiltinDataMap+Compiled.swift` is its parsed form
/// as Swift, so no command pays for parsing YAML it ships with. This test keeps the two equal
/// and rewrites the compiled file when `RECORD_SNAPSHOTS=1` is set.
@Suite struct BuiltinDataMapCompiledTests {
    static let file = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Sources/DSRKit/DataMap/BuiltinDataMap+Compiled.swift")

    @Test func theCompiledMapIsTheParsedText() throws {
        let parsed = try DataMapParser.parse(BuiltinDataMap.text, file: BuiltinDataMap.name)
        let source = DataMapSwiftSource.render(parsed)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try Data(source.utf8).write(to: Self.file)
        }
        #expect(
            BuiltinDataMap.compiled == parsed,
            "run with RECORD_SNAPSHOTS=1 to regenerate \(Self.file.lastPathComponent)")
        #expect(try String(contentsOf: Self.file, encoding: .utf8) == source)
        #expect(try BuiltinDataMap.map() == parsed)
    }
}

/// Renders a parsed data map as the Swift source of `BuiltinDataMap.compiled`.
enum DataMapSwiftSource {
    static func render(_ map: DataMap) -> String {
        var out = """
            // Generated from `BuiltinDataMap.text` by BuiltinDataMapCompiledTests
            // (RECORD_SNAPSHOTS=1 swift test --filter BuiltinDataMapCompiled). Do not edit by hand.
            // swift-format-ignore-file

            extension BuiltinDataMap {
                /// The built-in map as the parser reads ``text`` (a test keeps them equal).
                static let compiled = DataMap(tables: [

            """
        for entry in map.tables { out += table(entry) }
        out += "    ])\n}\n"
        return out
    }

    static func table(_ t: TableMap) -> String {
        """
                TableMap(
                    name: \(q(t.name)), primaryKey: \(q(t.primaryKey)), holds: .\(t.holds.rawValue),
                    purpose: \(q(t.purpose)),
                    legalBasis: \(q(t.legalBasis)),
                    role: .\(t.role.rawValue), recipients: \(list(t.recipients.map(q))),
                    retention: \(retention(t.retention)),
                    categories: \(list(t.categories.map(q))),
                    identifiers: \(list(t.identifiers.map(identifier))),
                    references: \(list(t.references.map(reference))),
                    files: \(list(t.files.map(file))),
                    columns: \(list(t.columns.map(column))),
                    label: \(t.label.map(localized) ?? "nil"),
                    display: \(list(t.display.map(display))),
                    portability: \(portability(t.portability)),
                    transfers: \(list(t.transfers.map(q))),
                    location: \(loc(t.location))),

        """
    }

    static func file(_ f: FileColumn) -> String {
        let retention = f.retention.map {
            "FileRetention(untilSet: \(q($0.untilSet)), then: .\($0.then))"
        }
        return
            "FileColumn(column: \(q(f.column)), format: .\(f.format.rawValue), card: [\(f.card.map(path).joined(separator: ", "))], "
            + "retention: \(retention ?? "nil"), location: \(loc(f.location)))"
    }

    static func path(_ p: ColumnPath) -> String {
        "ColumnPath(via: [\(p.via.map(q).joined(separator: ", "))], column: \(q(p.column)))"
    }

    static func localized(_ text: LocalizedText) -> String {
        let parts = Language.allCases.compactMap { language in
            text.texts[language].map { ".\(language): \(q($0))" }
        }
        return "LocalizedText([\(parts.joined(separator: ", "))])"
    }

    static func display(_ d: DisplayColumn) -> String {
        let format: String
        switch d.format {
        case .text: format = ".text"
        case .dateTime: format = ".dateTime"
        case .date: format = ".date"
        case .duration: format = ".duration"
        case .cents(let currency): format = ".cents(currency: \(q(currency)))"
        case .yesNo: format = ".yesNo"
        case .mailHeader: format = ".mailHeader"
        case .hidden: format = ".hidden"
        }
        return "DisplayColumn(column: \(q(d.column)), label: \(d.label.map(localized) ?? "nil"), format: \(format), "
            + "location: \(loc(d.location)))"
    }

    static func portability(_ p: Portability) -> String {
        switch p {
        case .none: ".none"
        case .portable(let except): ".portable(except: [\(except.map(q).joined(separator: ", "))])"
        }
    }

    static func identifier(_ i: IdentifierColumn) -> String {
        "IdentifierColumn(column: \(q(i.column)), kind: .\(i.kind.rawValue), addressList: \(i.addressList), "
            + "country: \(i.country.map(country) ?? "nil"), relation: .\(i.relation.rawValue), "
            + "maskForOthers: \(i.maskForOthers), withheldFlag: \(i.withheldFlag.map(q) ?? "nil"), learn: \(i.learn), "
            + "location: \(loc(i.location)))"
    }

    static func country(_ c: CountrySource) -> String {
        switch c {
        case .constant(let code): ".constant(\(q(code)))"
        case .workspaceDefault: ".workspaceDefault"
        case .column(let name): ".column(\(q(name)))"
        case .phonePrefix(let name): ".phonePrefix(column: \(q(name)))"
        case .reference(let via, let name): ".reference(via: \(list(via.map(q))), column: \(q(name)))"
        }
    }

    static func reference(_ r: Reference) -> String {
        "Reference(column: \(q(r.column)), table: \(q(r.table)), targetColumn: \(q(r.targetColumn)), "
            + "parent: .\(r.parent.rawValue), children: .\(r.children.rawValue), location: \(loc(r.location)))"
    }

    static func column(_ c: PersonalColumn) -> String {
        let erasure: String
        switch c.erasure {
        case .deleteRow: erasure = ".deleteRow"
        case .setNull: erasure = ".setNull"
        case .redact: erasure = ".redact"
        case .pseudonymise: erasure = ".pseudonymise"
        case .retain(let basis, .tableRetention): erasure = ".retain(basis: \(q(basis)), until: .tableRetention)"
        case .retain(let basis, .days(let days, let from)):
            erasure = ".retain(basis: \(q(basis)), until: .days(\(days), from: \(q(from))))"
        }
        let retention = c.retention.map {
            "ColumnRetention(days: \($0.days), from: \(q($0.from)), then: .\($0.then))"
        }
        return "PersonalColumn(column: \(q(c.column)), erasure: \(erasure), rectifiable: \(c.rectifiable), "
            + "retention: \(retention ?? "nil"), location: \(loc(c.location)))"
    }

    static func retention(_ r: Retention) -> String {
        let days = r.daysColumn.map { "ColumnPath(via: \(list($0.via.map(q))), column: \(q($0.column)))" } ?? "nil"
        return "Retention(rule: \(q(r.rule)), days: \(r.days.map(String.init) ?? "nil"), "
            + "from: \(r.from.map(q) ?? "nil"), daysColumn: \(days), then: \(r.then.map { ".\($0)" } ?? "nil"), "
            + "whileReferencedBy: \(list(r.whileReferencedBy.map(q))), "
            + "thenReferenced: \(r.thenReferenced.map { ".\($0)" } ?? "nil"), alsoPurge: \(list(r.alsoPurge.map(q))))"
    }

    static func loc(_ location: MapLocation?) -> String {
        location.map { "MapLocation(line: \($0.line), column: \($0.column))" } ?? "nil"
    }

    static func list(_ items: [String]) -> String {
        items.isEmpty ? "[]" : "[\n" + items.map { "                    " + $0 + ",\n" }.joined() + "                ]"
    }

    /// A Swift string literal.
    static func q(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
