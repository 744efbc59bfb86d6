import Foundation
import Testing

/// Issue 14: locate, export, erase, rectify and retention from one definition, run on the
/// SQLite file and on PostgreSQL with the same demo data; both must give identical results
/// (the JSON of every run and every row of the operations tables afterwards).
@Suite(.enabled(if: PostgresTestServer.isAvailable, "no PostgreSQL test server"), .serialized)
struct BackendMatrixTests {
    /// What one scenario does: dsr runs, each answer recorded, then the tables dumped.
    struct Scenario: Sendable, CustomTestStringConvertible {
        let name: String
        let runs: [[String]]
        /// Each run's exit code (0 for all when nil).
        var codes: [Int32]? = nil
        var testDescription: String { name }
    }

    static let sanne = ["phone:+31681234567", "email:sanne.bakker@example.nl"]
    static let pieter = ["email:pieter@smitinstallatie.nl", "phone:+31687654321"]
    static let marie = ["email:marie@claesvertalingen.be", "phone:+32478812345"]

    static let scenarios = [
        Scenario(
            name: "locate",
            runs: [["locate"] + sanne, ["locate"] + pieter, ["locate"] + marie, ["locate", "--deep"] + pieter]),
        Scenario(name: "export", runs: [["export"] + pieter, ["export", "--include-processor-data"] + sanne]),
        Scenario(
            name: "erase",
            runs: [["erase"] + sanne, ["erase", "--apply", "--yes"] + sanne, ["locate"] + sanne, ["erase"] + marie]),
        Scenario(
            name: "rectify",
            runs: [
                ["rectify"] + pieter + ["--replace", "email:pieter@smitinstallatie.nl=pieter.smit@example.org"],
                ["rectify", "--apply", "--yes"] + pieter
                    + ["--replace", "email:pieter@smitinstallatie.nl=pieter.smit@example.org"],
                ["locate", "email:pieter.smit@example.org"],
            ]),
        Scenario(
            name: "retention",
            runs: [
                ["retention", "audit", "--as-of", "2026-12-01"],
                ["retention", "audit", "--as-of", "2026-12-01", "--apply"],
                ["retention", "audit", "--as-of", "2026-12-01"],
            ],
            // The first audit finds records past retention (1); the purge leaves none (0).
            codes: [1, 0, 0]),
    ]

    /// The answers of a scenario's runs and the dump after them, on one backend.
    static func outcome(_ scenario: Scenario, on backend: Backend) throws -> (answers: [String], dump: String) {
        let workspace = try BackendWorkspace(backend)
        var answers: [String] = []
        for (index, run) in scenario.runs.enumerated() {
            answers.append(try workspace.json(run, expecting: scenario.codes?[index] ?? 0))
        }
        return (answers, try workspace.dump())
    }

    @Test(arguments: scenarios)
    func bothBackendsGiveTheSameResults(_ scenario: Scenario) throws {
        let sqlite = try Self.outcome(scenario, on: .sqlite)
        let postgres = try Self.outcome(scenario, on: .postgres)
        #expect(sqlite.dump.count > 10_000, "the dump holds the demo data")
        for (index, run) in scenario.runs.enumerated() {
            let same = sqlite.answers[index] == postgres.answers[index]
            #expect(
                same,
                "dsr \(run.joined(separator: " ")): the backends answer differently\n\(Self.firstDifference(sqlite.answers[index], postgres.answers[index]))"
            )
        }
        #expect(
            sqlite.dump == postgres.dump,
            "the tables differ afterwards\n\(Self.firstDifference(sqlite.dump, postgres.dump))")
    }

    /// The first differing line of two texts, for a readable failure.
    static func firstDifference(_ left: String, _ right: String) -> String {
        let a = left.split(separator: "\n", omittingEmptySubsequences: false)
        let b = right.split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(a.count, b.count) {
            let x = index < a.count ? String(a[index]) : "<end>"
            let y = index < b.count ? String(b[index]) : "<end>"
            if x != y { return "line \(index + 1):\n sqlite:   \(x.prefix(300))\n postgres: \(y.prefix(300))" }
        }
        return "(no difference)"
    }
}
