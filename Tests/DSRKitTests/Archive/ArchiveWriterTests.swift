import Foundation
import Testing

@testable import DSRKit

/// Writes archives with ``ArchiveWriter`` and opens them with readers that share none of its
/// code paths: bsdtar for both formats, Python's zipfile for the zip's methods and CRCs.
@Suite struct ArchiveWriterTests {
    let dir: TemporaryDirectory
    let letter = Data(String(repeating: "Dear Ms Petrova, Уважаема г-жо Петрова,\n", count: 200).utf8)
    let audio = noiseBytes(count: 300_000)

    init() throws {
        dir = try TemporaryDirectory()
    }

    /// Writes the sample entries every format test reads back.
    func writeSample(_ format: ArchiveFormat, password: String? = nil) throws -> URL {
        let url = dir.url.appending(path: "export.\(format.rawValue)")
        let recording = try dir.write("", to: "call.wav")
        try audio.write(to: recording)
        let writer = try ArchiveWriter(url: url, format: format, password: password)
        try writer.add(path: "letter.txt", data: letter)
        try writer.add(path: "files/Иван Петров/voicemail.wav", data: audio, compress: false)
        try writer.add(path: "files/recordings/call.wav", contentsOf: recording, compress: false)
        try writer.add(path: "data/empty.csv", data: Data())
        try writer.finish()
        return url
    }

    func expectSampleContents(in folder: URL) throws {
        #expect(try Data(contentsOf: folder.appending(path: "letter.txt")) == letter)
        #expect(try Data(contentsOf: folder.appending(path: "files/Иван Петров/voicemail.wav")) == audio)
        #expect(try Data(contentsOf: folder.appending(path: "files/recordings/call.wav")) == audio)
        #expect(try Data(contentsOf: folder.appending(path: "data/empty.csv")).isEmpty)
    }

    // MARK: - Formats

    @Test(arguments: ArchiveFormat.allCases)
    func bsdtarListsAndExtractsEveryEntry(_ format: ArchiveFormat) throws {
        let url = try writeSample(format)
        #expect(
            try ArchiveTools.list(url) == [
                "letter.txt", "files/Иван Петров/voicemail.wav", "files/recordings/call.wav", "data/empty.csv",
            ])
        try expectSampleContents(in: try ArchiveTools.extract(url, into: dir.url))
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path(percentEncoded: false))
        #expect(attributes[.posixPermissions] as? Int == 0o600)
    }

    @Test(arguments: ArchiveFormat.allCases)
    func entriesAreRegularFilesWithMode0644(_ format: ArchiveFormat) throws {
        let url = try writeSample(format)
        let listing = try ArchiveTools.run(["bsdtar", "-tvf", url.path(percentEncoded: false)])
        let lines = listing.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.hasPrefix("-rw-r--r--") }, "\(lines)")
    }

    @Test(.enabled(if: ArchiveTools.hasPython, "python3 is not installed"))
    func pythonZipfileSeesStoredAudioDeflatedTextAndGoodCRCs() throws {
        let url = try writeSample(.zip)
        let script = """
            import sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            assert z.testzip() is None, z.testzip()
            for i in z.infolist():
                print(i.filename, i.compress_type, i.file_size, sep="|")
            """
        let outcome = try ArchiveTools.run(["python3", "-c", script, url.path(percentEncoded: false)])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        // zipfile.ZIP_STORED == 0, zipfile.ZIP_DEFLATED == 8.
        #expect(
            outcome.stdout.split(separator: "\n") == [
                "letter.txt|8|\(letter.count)", "files/Иван Петров/voicemail.wav|0|\(audio.count)",
                "files/recordings/call.wav|0|\(audio.count)", "data/empty.csv|8|0",
            ])
    }

    @Test(.enabled(if: ArchiveTools.hasPython, "python3 is not installed"))
    func anUnfinishedZipIsNotAZip() throws {
        let url = dir.url.appending(path: "partial.zip")
        do {
            let writer = try ArchiveWriter(url: url, format: .zip)
            try writer.add(path: "letter.txt", data: letter)
        }
        let script = "import sys, zipfile; sys.exit(0 if zipfile.is_zipfile(sys.argv[1]) else 3)"
        #expect(try ArchiveTools.run(["python3", "-c", script, url.path(percentEncoded: false)]).code == 3)
    }

    // MARK: - Encryption

    @Test func theEncryptedZipOpensWithItsPassphraseOnly() throws {
        let url = try writeSample(.zip, password: "correct horse")
        try expectSampleContents(in: try ArchiveTools.extract(url, into: dir.url, passphrase: "correct horse"))

        let folder = dir.url.appending(path: "wrong")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let wrong = try ArchiveTools.run([
            "bsdtar", "--passphrase", "battery staple", "-xf", url.path(percentEncoded: false), "-C",
            folder.path(percentEncoded: false),
        ])
        #expect(wrong.code != 0)
        let leaked = try? Data(contentsOf: folder.appending(path: "letter.txt"))
        #expect(leaked != letter)
        let raw = try Data(contentsOf: url)
        #expect(raw.range(of: letter.prefix(64)) == nil, "plain text must not appear in the file")
    }

    // MARK: - Streaming

    @Test(arguments: ArchiveFormat.allCases)
    func aTwentyMegabyteFileRoundTripsByteForByte(_ format: ArchiveFormat) throws {
        let bytes = noiseBytes(count: 20 * 1024 * 1024 + 17, seed: 42)
        let source = dir.url.appending(path: "big.wav")
        try bytes.write(to: source)
        let url = dir.url.appending(path: "big.\(format.rawValue)")
        let writer = try ArchiveWriter(url: url, format: format)
        let digest = try writer.add(path: "files/big.wav", contentsOf: source, compress: false)
        try writer.finish()
        let folder = try ArchiveTools.extract(url, into: dir.url)
        #expect(try Data(contentsOf: folder.appending(path: "files/big.wav")) == bytes)
        // The digest computed on the side while streaming equals a one-shot hash of the file.
        #expect(digest == ArchiveFileDigest(sha256: Digests.sha256Hex(bytes), size: Int64(bytes.count)))
    }

    @Test func aStreamedFileKeepsItsModificationTime() throws {
        let source = try dir.write("hello", to: "note.txt")
        let stamp = Date(timeIntervalSince1970: 1_700_000_000)
        try FileManager.default.setAttributes(
            [.modificationDate: stamp], ofItemAtPath: source.path(percentEncoded: false))
        let url = dir.url.appending(path: "time.tar.gz")
        let writer = try ArchiveWriter(url: url, format: .tarGz)
        try writer.add(path: "note.txt", contentsOf: source, compress: true)
        try writer.finish()
        let folder = try ArchiveTools.extract(url, into: dir.url)
        let attributes = try FileManager.default.attributesOfItem(
            atPath: folder.appending(path: "note.txt").path(percentEncoded: false))
        #expect((attributes[.modificationDate] as? Date) == stamp)
    }
}
