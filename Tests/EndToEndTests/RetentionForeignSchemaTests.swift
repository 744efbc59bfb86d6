import Foundation
import GRDB
import Testing

/// The retention rules work on a schema whose tables and columns have other names, described by
/// the DPO's own map: a row rule (calls), a column rule (the order's IP) and a file rule
/// (voicemail audio) each under renamed tables and columns.
@Suite struct RetentionForeignSchemaTests {
    @Test func theAuditCountsTheSameUnderOtherNames() throws {
        let reference = try RetentionWorkspace()
        let renamed = try RetentionWorkspace()
        try renamed.write(
            """
            ALTER TABLE cdrs RENAME TO call_records;
            ALTER TABLE call_records RENAME COLUMN started_at TO begun_at;
            ALTER TABLE orders RENAME COLUMN ip_address TO origin_ip;
            ALTER TABLE orders RENAME COLUMN ordered_at TO placed_at;
            ALTER TABLE voicemails RENAME TO messages;
            ALTER TABLE messages RENAME COLUMN emailed_at TO mailed_at;
            ALTER TABLE messages RENAME COLUMN file_path TO audio;
            """)
        let shown = try renamed.dsr(["datamap", "show"])
        try #require(shown.code == 0)
        let map = shown.stdout
            .replacingOccurrences(of: "\n  cdrs:\n", with: "\n  call_records:\n")
            .replacingOccurrences(of: "table: cdrs,", with: "table: call_records,")
            .replacingOccurrences(of: "started_at", with: "begun_at")
            .replacingOccurrences(of: "ip_address", with: "origin_ip")
            .replacingOccurrences(of: "ordered_at", with: "placed_at")
            .replacingOccurrences(of: "\n  voicemails:\n", with: "\n  messages:\n")
            .replacingOccurrences(of: "[recordings, voicemails]", with: "[recordings, messages]")
            .replacingOccurrences(of: "emailed_at", with: "mailed_at")
            .replacingOccurrences(
                of: "{column: file_path, format: audio, card: [received_at",
                with: "{column: audio, format: audio, card: [received_at")
        let voicemailsStart = try #require(map.range(of: "\n  messages:\n"))
        // Within the voicemail table only, the file column is now `audio`.
        let tail = map[voicemailsStart.upperBound...].replacingOccurrences(
            of: "column: file_path", with: "column: audio")
        try Data((map[..<voicemailsStart.upperBound] + tail).utf8).write(to: renamed.folder.appending(path: "map.yaml"))
        let config = renamed.folder.appending(path: "dsr.yaml")
        let yaml = try String(contentsOf: config, encoding: .utf8)
            .replacingOccurrences(of: "datamap: builtin", with: "datamap: map.yaml")
        try Data(yaml.utf8).write(to: config)

        let check = try renamed.dsr(["datamap", "check", "ws/map.yaml"])
        try #require(check.code == 0, "\(check.stderr)")
        for asOf in ["2026-03-01", "2027-03-01"] {
            let expected = RetentionWorkspace.violations(
                try reference.json(try reference.dsr(["retention", "audit", "--as-of", asOf, "--json"])))
            let found = RetentionWorkspace.violations(
                try renamed.json(try renamed.dsr(["retention", "audit", "--as-of", asOf, "--json"])))
            let names = [
                "cdrs": "call_records", "orders.ip_address": "orders.origin_ip",
                "voicemails": "messages", "voicemails.file_path": "messages.audio",
            ]
            var translated: [String: RetentionWorkspace.Count] = [:]
            for (name, count) in expected { translated[names[name] ?? name] = count }
            #expect(found == translated, "as of \(asOf)")
            for name in ["call_records", "orders.origin_ip", "messages.audio"] {
                #expect(found[name] != nil, "\(name) has records past retention as of \(asOf)")
            }
        }
    }
}
