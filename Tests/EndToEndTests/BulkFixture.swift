import Foundation
import GRDB

/// One request of the bulk tests, written out as a JSON line, a CSV record, and the single
/// commands a DPO would type for it.
struct BulkSpec {
    var ref: String
    var action: String
    var identifiers: [String]
    var received: String?
    var apply: Bool?
    var lang: String?
    var format: String?
    var replace: [String] = []

    var jsonLine: String {
        var object: [String: Any] = ["ref": ref, "action": action, "identifiers": identifiers]
        if let received { object["received"] = received }
        if let apply { object["apply"] = apply }
        if let lang { object["lang"] = lang }
        if let format { object["format"] = format }
        if !replace.isEmpty { object["replace"] = replace }
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    static let csvHeader = "ref,action,identifiers,received,apply,lang,format,replace"

    var csvRecord: String {
        let cells = [
            ref, action, identifiers.joined(separator: " "), received ?? "", apply.map { $0 ? "true" : "false" } ?? "",
            lang ?? "", format ?? "", replace.joined(separator: "\n"),
        ]
        return cells.map { cell in
            cell.contains(where: { ",\"\n\r".contains($0) })
                ? "\"" + cell.replacing("\"", with: "\"\"") + "\"" : cell
        }.joined(separator: ",")
    }

    /// The type `dsr request open --type` takes; nil for locate.
    var requestType: String? {
        switch action {
        case "locate": nil
        default: action
        }
    }

    /// The command that carries the request out once its request `id` is open and verified.
    func command(request id: String) -> [String] {
        let language = ["--lang", lang ?? "en"]
        switch action {
        case "access": return ["export", "--request", id, "--format", format ?? "zip"] + language
        case "portability":
            return ["export", "--request", id, "--format", format ?? "zip", "--portability"] + language
        case "erasure": return ["erase", "--request", id] + language + (apply == true ? ["--apply", "--yes"] : [])
        case "rectification":
            return ["rectify", "--request", id] + replace.flatMap { ["--replace", $0] } + language
                + (apply == true ? ["--apply", "--yes"] : [])
        case "restriction":
            return ["restrict", "--request", id, "--reason", "restriction requested by the data subject (Art. 18)"]
                + language
        default: return []
        }
    }
}

enum BulkFixture {
    /// 50 rows with every action, on people of the demo data: one row's identifier does not parse.
    static func specs(pristine: URL) throws -> [BulkSpec] {
        let database = try DatabaseQueue(path: pristine.appending(path: "ops.db").path(percentEncoded: false))
        defer { try? database.close() }
        let callers = try database.read { db in
            try String.fetchAll(
                db,
                sql: """
                    SELECT caller_number FROM cdrs WHERE caller_number IS NOT NULL AND caller_number LIKE '+%'
                    GROUP BY caller_number ORDER BY min(id) LIMIT 40
                    """)
        }
        let planted = [
            ["phone:+31681234567", "email:sanne.bakker@example.nl"], ["email:pieter@smitinstallatie.nl"],
            ["email:marie@claesvertalingen.be", "phone:+32478812345"], ["phone:+359888912345"],
            ["email:jan.devries@example.nl"], ["ip:2001:db8:85a3::8a2e:370:7334"],
        ]
        var people = planted + callers.map { ["phone:" + $0] }
        var specs: [BulkSpec] = []
        func next() -> [String] { people.removeFirst() }
        // Reads first, on people who are erased later: the results must equal the single commands' in order.
        for index in 0..<10 {
            specs.append(BulkSpec(ref: "L-\(index)", action: "locate", identifiers: planted[index % 6]))
        }
        for index in 0..<6 {
            specs.append(
                BulkSpec(
                    ref: "A-\(index)", action: index % 2 == 0 ? "access" : "portability", identifiers: planted[index],
                    received: "2026-11-2\(index)", lang: ["en", "nl", "bg"][index % 3],
                    format: index % 3 == 0 ? "tar.gz" : nil))
        }
        people.removeFirst(6)
        specs.append(BulkSpec(ref: "BAD-1", action: "locate", identifiers: ["phone:12ab34"]))
        for index in 0..<8 {
            let who = next()
            let new = "+3161234\(String(format: "%04d", index))"
            specs.append(
                BulkSpec(
                    ref: "R-\(index)", action: "rectification", identifiers: who, apply: index % 2 == 0,
                    replace: ["\(who[0])=phone:\(new)"]))
        }
        for index in 0..<6 {
            specs.append(BulkSpec(ref: "S-\(index)", action: "restriction", identifiers: next(), lang: "nl"))
        }
        for index in 0..<12 {
            specs.append(
                BulkSpec(ref: "E-\(index)", action: "erasure", identifiers: next(), apply: index % 3 != 0))
        }
        specs.append(
            BulkSpec(ref: "E-planted", action: "erasure", identifiers: planted[0], apply: true, lang: "bg"))
        for index in 0..<6 { specs.append(BulkSpec(ref: "L2-\(index)", action: "locate", identifiers: planted[index])) }
        return specs
    }

    static func jsonLines(_ specs: [BulkSpec]) -> String { specs.map(\.jsonLine).joined(separator: "\n") + "\n" }

    static func csv(_ specs: [BulkSpec]) -> String {
        ([BulkSpec.csvHeader] + specs.map(\.csvRecord)).joined(separator: "\r\n") + "\r\n"
    }
}

/// What a workspace holds after requests, for comparing a bulk run with the single commands:
/// the operations data and files (``EndState``), the register, the audit trail's actions
/// (without times, hashes and digests that depend on the clock), and the exports by name.
struct WorkspaceRecord: Equatable {
    var end: EndState
    var requests: [String]
    var audit: [String]
    var exports: [String: [String]]

    init(of folder: URL) throws {
        end = try EndState(of: folder)
        var configuration = Configuration()
        configuration.readonly = true
        let state = try DatabaseQueue(
            path: folder.appending(path: "state/state.db").path(percentEncoded: false), configuration: configuration)
        defer { try? state.close() }
        (requests, audit) = try state.read { db in
            let requests = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, type, status, outcome, close_reason, received, channel, verification_method,
                        (SELECT group_concat(kind || ':' || coalesce(value, '-') || ':' || hash, ' ')
                         FROM request_subjects WHERE request_id = id ORDER BY position) AS subjects
                    FROM requests ORDER BY id
                    """
            ).map { $0.description }
            let audit = try Row.fetchAll(
                db, sql: "SELECT action, request_id, subjects, details FROM audit_log WHERE seq > 1 ORDER BY seq"
            ).map { row in
                let details = (row["details"] as String)
                    .replacing(#/"[0-9a-f]{64}"/#, with: "\"H\"")
                    .replacing(#/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/#, with: "T")
                return [row["action"] ?? "", row["request_id"] ?? "-", row["subjects"] ?? "", details].joined(
                    separator: " | ")
            }
            return (requests, audit)
        }
        exports = [:]
        let root = folder.appending(path: "exports")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: root.path(percentEncoded: false))) ?? [] {
            let path = root.appending(path: name).path(percentEncoded: false)
            if name.hasSuffix(".zip") || name.hasSuffix(".tar.gz") {
                let listing = try DSRProcess.execute(URL(filePath: "/usr/bin/bsdtar"), ["-tf", path], in: nil)
                exports[name] = (listing?.stdout ?? "").split(separator: "\n").map(String.init).sorted()
            } else {
                exports[name] = [try String(contentsOfFile: path, encoding: .utf8)]
            }
        }
    }

    func differences(from other: WorkspaceRecord) -> [String] {
        var found = end.differences(from: other.end)
        if requests != other.requests { found.append("the register differs") }
        for (index, pair) in zip(audit, other.audit).enumerated() where pair.0 != pair.1 {
            found.append("audit entry \(index + 2): \(pair.0) ≠ \(pair.1)")
            break
        }
        if audit.count != other.audit.count { found.append("audit entries \(audit.count) ≠ \(other.audit.count)") }
        if exports != other.exports {
            found.append("exports differ: \(exports.keys.sorted()) vs \(other.exports.keys.sorted())")
        }
        return found
    }
}
