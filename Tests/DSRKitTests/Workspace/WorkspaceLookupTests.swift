import Foundation
import Testing

@testable import DSRKit

@Suite struct WorkspaceLookupTests {
    let dir: TemporaryDirectory
    init() throws {
        dir = try TemporaryDirectory()
        for name in ["a.yaml", "b.yaml", "dsr.yaml"] { try dir.write("x: 1\n", to: name) }
    }

    func locate(_ explicit: String?, _ environment: [String: String]) throws -> String {
        try Workspace.locateConfig(explicit: explicit, environment: environment, currentDirectory: dir.url)
            .lastPathComponent
    }

    @Test func theFlagWinsOverTheEnvironmentWhichWinsOverTheCurrentFolder() throws {
        #expect(try locate("a.yaml", ["DSR_CONFIG": "b.yaml"]) == "a.yaml")
        #expect(try locate(nil, ["DSR_CONFIG": "b.yaml"]) == "b.yaml")
        #expect(try locate(nil, [:]) == "dsr.yaml")
    }

    @Test func aMissingFileIsNamedWithHowItWasChosen() throws {
        let error = #expect(throws: WorkspaceError.self) { _ = try locate(nil, ["DSR_CONFIG": "nope.yaml"]) }
        #expect(error == .configMissing(path: dir.path("nope.yaml"), source: "from $DSR_CONFIG"))
        #expect(error?.kind == .missingInput)
    }

    @Test func relativePathsResolveAgainstTheConfigurationFolder() throws {
        try dir.write("", to: "ops.db")
        try dir.write("operations_db: ops.db\nfiles_root: ../shared/files\n", to: "dsr.yaml")
        let ws = try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml"))
        #expect(ws.operationsDB.path == dir.path("ops.db"))
        #expect(ws.filesRoot.path == dir.url.deletingLastPathComponent().appending(path: "shared/files").path)
    }

    @Test func aMissingOperationsDatabaseIsMissingInput() throws {
        try dir.write("operations_db: gone.db\nfiles_root: files\n", to: "dsr.yaml")
        let error = #expect(throws: WorkspaceError.self) {
            _ = try Workspace.load(configFile: dir.url.appending(path: "dsr.yaml"))
        }
        #expect(error?.kind == .missingInput)
        #expect(error?.description.contains("gone.db") == true)
    }
}
