import Foundation
import Testing

@testable import DSRKit

extension ArchiveWriterTests {
    @Test(arguments: [
        "../escape.txt", "files/../../escape.txt", "/etc/passwd", "files/..", "a//b.txt", "./letter.txt", "",
        "files/", "files\\..\\x.txt", "nul\u{0}.txt",
    ])
    func pathsThatCouldLeaveTheFolderAreRefused(_ path: String) throws {
        let url = dir.url.appending(path: "refuse.zip")
        let writer = try ArchiveWriter(url: url, format: .zip)
        #expect(throws: ArchiveError.self) { try writer.add(path: path, data: letter) }
        #expect(ArchiveError.invalidEntryPath(entry: path, reason: "").kind == .usage)
        // A refused path writes nothing, so the archive stays usable.
        try writer.add(path: "letter.txt", data: letter)
        try writer.finish()
        #expect(try ArchiveTools.list(url) == ["letter.txt"])
    }

    @Test(arguments: ArchiveFormat.allCases)
    func anExistingOutputIsNeverOverwritten(_ format: ArchiveFormat) throws {
        let existing = try dir.write("keep me", to: "existing.\(format.rawValue)")
        do {
            _ = try ArchiveWriter(url: existing, format: format)
            Issue.record("an existing file was opened")
        } catch let error as ArchiveError {
            #expect(error == .outputExists(archive: existing.path(percentEncoded: false)))
            #expect(error.kind == .cannotWrite)
        }
        #expect(try String(contentsOf: existing, encoding: .utf8) == "keep me")
    }

    @Test func aSymlinkAtTheOutputPathIsRefused() throws {
        let target = try dir.write("target", to: "target.txt")
        let link = dir.url.appending(path: "link.zip")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(throws: ArchiveError.outputExists(archive: link.path(percentEncoded: false))) {
            _ = try ArchiveWriter(url: link, format: .zip)
        }
        #expect(try String(contentsOf: target, encoding: .utf8) == "target")
    }

    @Test func aPasswordWithTarGzIsAUsageErrorAndCreatesNothing() throws {
        let url = dir.url.appending(path: "secret.tar.gz")
        do {
            _ = try ArchiveWriter(url: url, format: .tarGz, password: "pw")
            Issue.record("tar.gz accepted a password")
        } catch let error as ArchiveError {
            #expect(error.kind == .usage)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path(percentEncoded: false)))
    }

    @Test func aMissingFolderIsCannotWrite() throws {
        let url = dir.url.appending(path: "no/such/folder/export.zip")
        #expect(
            performing: { _ = try ArchiveWriter(url: url, format: .zip) },
            throws: { error in
                (error as? ArchiveError)?.kind == .cannotWrite
            })
    }

    @Test func aMissingSourceIsMissingInputAndLeavesTheArchiveUsable() throws {
        let url = dir.url.appending(path: "missing.zip")
        let writer = try ArchiveWriter(url: url, format: .zip)
        let source = dir.url.appending(path: "gone.wav")
        do {
            try writer.add(path: "files/gone.wav", contentsOf: source, compress: false)
            Issue.record("a missing file was added")
        } catch let error as ArchiveError {
            #expect(error.kind == .missingInput)
            #expect(error.description.contains("gone.wav"))
        }
        try writer.add(path: "letter.txt", data: letter)
        try writer.finish()
        #expect(try ArchiveTools.list(url) == ["letter.txt"])
    }

    @Test func aFolderIsNotASource() throws {
        let writer = try ArchiveWriter(url: dir.url.appending(path: "folder.zip"), format: .zip)
        #expect(
            performing: { try writer.add(path: "x", contentsOf: dir.url, compress: true) },
            throws: { error in
                (error as? ArchiveError)?.kind == .missingInput
            })
    }

    @Test func duplicateEntriesAndCallsAfterFinishAreRefused() throws {
        let writer = try ArchiveWriter(url: dir.url.appending(path: "twice.zip"), format: .zip)
        try writer.add(path: "letter.txt", data: letter)
        #expect(throws: ArchiveError.self) { try writer.add(path: "letter.txt", data: letter) }
        try writer.finish()
        #expect(throws: ArchiveError.self) { try writer.add(path: "other.txt", data: letter) }
        #expect(throws: ArchiveError.self) { try writer.finish() }
    }
}
