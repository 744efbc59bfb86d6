import DSRKit
import Foundation
import Testing

@testable import DSRCommands

extension DataMapCommandTests {
    /// `dsr datamap show` and `dsr datamap check` through the command layer.
    @Suite struct Commands {
        let harness: CommandHarness

        init() throws { harness = try CommandHarness() }

        /// A demo workspace in the harness folder (10 customers, 1000 calls).
        func makeDemo() {
            let outcome = harness.run("demo", "--dir", ".", "--customers", "10", "--calls", "1000")
            #expect(outcome.code == 0, "\(outcome.stderr)")
        }

        @Test func showPrintsTheBuiltinMapWithoutAWorkspace() {
            let outcome = harness.run("datamap", "show")
            #expect(outcome.code == 0)
            #expect(outcome.stdout == BuiltinDataMap.text)
        }

        @Test func showPrintsTheWorkspacesOwnMap() throws {
            #expect(harness.run("init", "--dir", ".").code == 0)
            let yaml = try String(contentsOf: harness.folder.appending(path: "dsr.yaml"), encoding: .utf8)
            try harness.write(
                yaml.replacingOccurrences(of: "datamap: builtin", with: "datamap: my.yaml"), to: "dsr.yaml")
            try harness.write("version: 1\n# mine\n", to: "my.yaml")
            #expect(harness.run("datamap", "show").stdout == "version: 1\n# mine\n")

            try FileManager.default.removeItem(at: harness.folder.appending(path: "my.yaml"))
            let missing = harness.run("datamap", "show")
            #expect(missing.code == ExitCodes.noInput)
            #expect(missing.stderr.contains("data map not found") && missing.stderr.contains("my.yaml"))
        }

        @Test func anExplicitConfigThatIsMissingIsAnError() {
            #expect(harness.run("datamap", "show", "--config", "nowhere.yaml").code == ExitCodes.noInput)
        }

        @Test func checkOfTheBuiltinMapExitsZero() throws {
            makeDemo()
            try harness.write(BuiltinDataMap.text, to: "map.yaml")
            let outcome = harness.run("datamap", "check", "map.yaml")
            #expect(outcome.code == 0, "\(outcome.stderr)")
            #expect(outcome.stdout.contains("map.yaml: no problems"))
            #expect(outcome.stderr.isEmpty)
            #expect(harness.run("datamap", "check", "builtin", "--operations-db", "ops.db").code == 0)
        }

        @Test func checkOfABrokenMapExits65WithEveryProblemOnStderr() throws {
            makeDemo()
            let broken = BuiltinDataMap.text
                .replacingOccurrences(of: "{column: caller_number, kind: phone", with: "{column: caller, kind: phone")
                .replacingOccurrences(of: "kind: ip, learn: true}", with: "kind: ipv4, learn: true}")
            try harness.write(broken, to: "map.yaml")
            let outcome = harness.run("datamap", "check", "map.yaml", "--operations-db", "ops.db")
            #expect(outcome.code == ExitCodes.dataError)
            let lines = outcome.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("map.yaml:") }
            #expect(lines.count == 3, "\(outcome.stderr)")
            let callerLine = Self.line(of: "{column: caller, kind", in: broken)
            let ipLine = Self.line(of: "kind: ipv4, learn: true}", in: broken)
            #expect(lines.contains { $0.hasPrefix("map.yaml:\(callerLine):9: identifier 'caller'") })
            #expect(lines.contains { $0.hasPrefix("map.yaml:\(ipLine):") && $0.contains("unknown kind 'ipv4'") })
            #expect(outcome.stdout.isEmpty)
        }

        @Test func checkWithJSONPrintsTheProblems() throws {
            makeDemo()
            try harness.write("version: 1\ntables:\n  faxes: {primary_key: id}\n", to: "map.yaml")
            let outcome = harness.run("datamap", "check", "map.yaml", "--json")
            #expect(outcome.code == ExitCodes.dataError)
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
            #expect(json?["file"] as? String == "map.yaml")
            let problems = try #require(json?["problems"] as? [[String: Any]])
            #expect(problems.count == 6)
            #expect(problems.allSatisfy { $0["line"] as? Int == 3 && $0["column"] is Int && $0["message"] is String })
        }

        @Test func checkRefusesConfigAndOperationsDBTogetherAndAMissingFile() {
            let both = harness.run("datamap", "check", "m.yaml", "--config", "dsr.yaml", "--operations-db", "ops.db")
            #expect(both.code == ExitCodes.usage)
            let missing = harness.run("datamap", "check", "m.yaml", "--operations-db", "ops.db")
            #expect(missing.code == ExitCodes.noInput)
            #expect(missing.stderr.contains("m.yaml"))
        }

        @Test func helpHasAnExample() {
            for command in ["show", "check"] {
                let help = harness.run("datamap", command, "--help")
                #expect(help.code == 0)
                #expect(help.stdout.contains("Example:"))
            }
        }

        static func line(of marker: String, in text: String) -> Int {
            (text.components(separatedBy: "\n").firstIndex { $0.contains(marker) } ?? -1) + 1
        }
    }
}

/// The data map commands (`swift test --filter DataMap`).
@Suite enum DataMapCommandTests {}
