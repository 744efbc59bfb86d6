import Foundation
import Testing

@testable import DSRKit

@Suite struct FileResolverTests {
    let dir: TemporaryDirectory
    let resolver: FileResolver

    init() throws {
        dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: dir.url.appending(path: "root/rec"), withIntermediateDirectories: true)
        try dir.write("voice", to: "root/rec/1.wav")
        try dir.write("secret", to: "outside.txt")
        try FileManager.default.createSymbolicLink(
            atPath: dir.path("root/rec/link.wav"), withDestinationPath: dir.path("outside.txt"))
        resolver = FileResolver(root: dir.url.appending(path: "root"))
    }

    @Test func aFileInsideTheRootResolves() {
        guard case .file(let url) = resolver.resolve("rec/1.wav") else {
            Issue.record("expected a file")
            return
        }
        #expect(url.lastPathComponent == "1.wav")
        #expect(resolver.resolve("rec/./x/../1.wav").status == .ok)
    }

    @Test(arguments: [
        "../../etc/passwd", "../outside.txt", "rec/../../outside.txt", "/etc/passwd", "", "rec/link.wav", "..",
    ])
    func pathsThatLeaveTheRootAreRefused(_ path: String) {
        #expect(resolver.resolve(path).status == .refused, "\(path)")
    }

    @Test func aMissingFileIsMissing() {
        #expect(resolver.resolve("rec/2.wav") == .missing)
        #expect(resolver.resolve("rec") == .missing, "a folder is not a file")
    }
}
