import DSRKit
import Foundation
import GRDB
import Testing

@testable import DSRDemo

/// WAV and .eml files are valid, and rows match their files.
@Suite("Demo media")
struct DemoMediaTests {
    /// Checks a RIFF/WAVE PCM 8 kHz 16-bit mono header and the data length.
    static func checkWAV(_ bytes: [UInt8]) {
        func u32(_ at: Int) -> Int {
            Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24
        }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        #expect(bytes.count > 44)
        #expect(String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF")
        #expect(u32(4) == bytes.count - 8)
        #expect(String(decoding: bytes[8..<16], as: UTF8.self) == "WAVEfmt ")
        #expect(u16(20) == 1 && u16(22) == 1 && u32(24) == 8000 && u16(34) == 16)
        #expect(u32(28) == 16000 && u16(32) == 2)
        #expect(String(decoding: bytes[36..<40], as: UTF8.self) == "data")
        #expect(u32(40) == bytes.count - 44)
        let seconds = Double(u32(40)) / 16000
        #expect(seconds >= 0.5 && seconds <= 2.0)
    }

    @Test func wavWriterHeaderIsValid() {
        for milliseconds in [500, 1234, 2000] {
            let wav = DemoWAV.make(seed: 9, milliseconds: milliseconds)
            Self.checkWAV(wav)
            #expect(wav.count == 44 + milliseconds * 16)
        }
        #expect(DemoWAV.make(seed: 1, milliseconds: 600) != DemoWAV.make(seed: 2, milliseconds: 600))
    }

    @Test func sha256OfTheRecordingsColumnMatchesKnownDigests() {
        #expect(Digests.sha256Hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Digests.sha256Hex(Array("abc".utf8))
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func notificationParsesAndCarriesTheVoice() throws {
        let fixture = try DemoFixture.make()
        defer { fixture.remove() }
        let rows = try fixture.open().read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT e.file_path, e.from_addr, e.to_addrs, e.subject FROM voicemails v
                    JOIN emails e ON e.id = v.email_id WHERE v.file_path IS NULL
                    """)
        }
        #expect(rows.count > 0)
        for row in rows {
            let data = try Data(contentsOf: fixture.files.appending(path: row["file_path"] as String))
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
            let parts = text.components(separatedBy: "\r\n\r\n")
            let headers = parts[0].components(separatedBy: "\r\n")
            #expect(headers.contains("From: " + (row["from_addr"] as String)))
            #expect(headers.contains("To: " + (row["to_addrs"] as String)))
            #expect(headers.contains("Subject: " + (row["subject"] as String)))
            let typeLine = try #require(headers.first { $0.hasPrefix("Content-Type: multipart/mixed") })
            let boundary = try #require(typeLine.components(separatedBy: "boundary=\"").last?.dropLast())
            let sections = text.components(separatedBy: "--" + boundary)
            #expect(sections.count == 4)  // preamble, text, attachment, closing "--"
            #expect(sections[3] == "--\r\n")
            let attachment = sections[2].components(separatedBy: "\r\n\r\n")
            #expect(attachment[0].contains("Content-Transfer-Encoding: base64"))
            let lines = attachment[1].components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.allSatisfy { $0.count <= 76 })
            let wav = try #require(Data(base64Encoded: lines.joined()))
            Self.checkWAV([UInt8](wav))
        }
    }

    @Test func filesOnDiskAreValidAndMatchRows() throws {
        let fixture = try DemoFixture.make()
        defer { fixture.remove() }
        let (recordings, voicemails, emails) = try fixture.open().read { db in
            (
                try Row.fetchAll(db, sql: "SELECT file_path, sha256 FROM recordings"),
                try String.fetchAll(db, sql: "SELECT file_path FROM voicemails WHERE file_path IS NOT NULL"),
                try String.fetchAll(db, sql: "SELECT file_path FROM emails")
            )
        }
        var missing = 0
        for row in recordings {
            let path: String = row["file_path"]
            if path.hasPrefix("..") { continue }
            guard
                let data = FileManager.default.contents(
                    atPath: fixture.files.appending(path: path).path(percentEncoded: false))
            else {
                missing += 1
                continue
            }
            Self.checkWAV([UInt8](data))
            #expect(Digests.sha256Hex([UInt8](data)) == row["sha256"] as String?)
        }
        #expect(missing == 1)
        for path in voicemails {
            let data = try Data(contentsOf: fixture.files.appending(path: path))
            Self.checkWAV([UInt8](data))
        }
        for path in emails {
            #expect(
                FileManager.default.fileExists(atPath: fixture.files.appending(path: path).path(percentEncoded: false)))
        }
        #expect(fixture.filePaths().count == fixture.report.files)
        #expect(fixture.report.files == recordings.count - 2 + voicemails.count + emails.count)
    }
}
