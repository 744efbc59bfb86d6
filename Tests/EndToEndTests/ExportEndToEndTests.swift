import Foundation
import GRDB
import Testing

/// `dsr export` end to end: archives opened with independent readers (bsdtar, Python's zipfile).
@Suite struct ExportEndToEndTests {
    let scratch: ScratchFolder
    var folder: URL { scratch.url.appending(path: "ws") }

    init() throws {
        scratch = try ScratchFolder()
        let outcome = try DSRProcess.run(
            ["demo", "--dir", "ws", "--customers", "12", "--calls", "3000"], in: scratch.url)
        #expect(outcome.code == 0, "\(outcome.stderr)")
    }

    func dsr(_ arguments: [String], environment: [String: String] = [:]) throws -> DSRProcess.Outcome {
        try DSRProcess.run(arguments + ["--config", "ws/dsr.yaml"], in: scratch.url, environment: environment)
    }

    /// Runs a tool and returns its exit code and output.
    func tool(_ path: String, _ arguments: [String], in directory: URL? = nil) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(filePath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? scratch.url
        // A file, not a pipe: see DSRProcess.run.
        let output = scratch.url.appending(path: "tool-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: output) }
        let handle = try FileHandle(forWritingTo: output)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, String(decoding: try Data(contentsOf: output), as: UTF8.self))
    }

    /// Extracts `archive` with bsdtar into a fresh folder and returns it.
    func extract(_ archive: String, passphrase: String? = nil) throws -> URL {
        let target = scratch.url.appending(path: "x-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        let (code, output) = try tool(
            "/usr/bin/bsdtar", (passphrase.map { ["--passphrase", $0] } ?? []) + ["-xf", archive, "-C", target.path])
        #expect(code == 0, "bsdtar: \(output)")
        return target
    }

    func json(_ url: URL) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: url)) }

    @Test func anArchiveHoldsEveryLocatedRecordAndFileWithMatchingHashes() throws {
        let located = try dsr(["locate", "--json", "phone:+31681234567", "email:sanne.bakker@example.nl"])
        let records =
            (try JSONSerialization.jsonObject(with: Data(located.stdout.utf8)) as! [String: Any])["records"]
            as! [[String: Any]]
        let exported = try dsr(["export", "phone:+31681234567", "email:sanne.bakker@example.nl", "-o", "out.zip"])
        #expect(exported.code == 0, "\(exported.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: scratch.url.appending(path: "out.zip").path)
        #expect((attributes[.posixPermissions] as! NSNumber).intValue & 0o777 == 0o600)
        let root = try extract("out.zip")
        let manifest = try json(root.appending(path: "manifest.json")) as! [String: Any]
        for file in manifest["files"] as! [[String: Any]] {
            let data = try Data(contentsOf: root.appending(path: file["path"] as! String))
            #expect(data.count == file["size"] as! Int)
            let (_, sum) = try tool("/usr/bin/sha256sum", [root.appending(path: file["path"] as! String).path])
            #expect(sum.hasPrefix(file["sha256"] as! String), "\(file["path"]!)")
        }
        for table in Set(records.map { $0["table"] as! String }) {
            let rows = try json(root.appending(path: "data/\(table).json")) as! [[String: Any]]
            let keys = Set(rows.map { "\($0["id"] ?? $0["number"] ?? "")" })
            let expected = Set(records.filter { $0["table"] as? String == table }.map { "\($0["key"]!)" })
            #expect(keys == expected, "data/\(table).json")
            let csv = try String(contentsOf: root.appending(path: "data/\(table).csv"), encoding: .utf8)
            let (code, count) = try tool(
                "/usr/bin/env",
                [
                    "python3", "-c", "import csv,sys; print(len(list(csv.reader(open(sys.argv[1], newline='')))) - 1)",
                    root.appending(path: "data/\(table).csv").path,
                ])
            #expect(code == 0)
            #expect(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) == expected.count, "\(table).csv rows")
            #expect(csv.hasPrefix("id,") || csv.hasPrefix("number,"))
        }
        let emailFiles = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "files/emails").path)
        #expect(!emailFiles.isEmpty)
        for path in (manifest["files"] as! [[String: Any]]).map({ $0["path"] as! String })
        where path.hasPrefix("files/") {
            let original = try Data(contentsOf: folder.appending(path: "files/" + path.dropFirst("files/".count)))
            let copy = try Data(contentsOf: root.appending(path: path))
            guard path.hasSuffix(".eml") else {
                #expect(copy == original, "\(path) byte for byte")
                continue
            }
            // A message's copy: the body byte for byte, address headers naming only the subject.
            let separator = Data("\r\n\r\n".utf8)
            let body = { (data: Data) in data.range(of: separator).map { data[$0.lowerBound...] } ?? data }
            #expect(body(copy) == body(original), "\(path) body byte for byte")
            let head = String(
                decoding: copy[..<(copy.range(of: separator)?.lowerBound ?? copy.endIndex)], as: UTF8.self)
            for line in head.components(separatedBy: "\r\n")
            where ["from:", "to:", "cc:", "reply-to:", "sender:"].contains(where: { line.lowercased().hasPrefix($0) }) {
                let addresses = line.split(separator: ":", maxSplits: 1)[1].split(separator: ",")
                    .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                    .filter { $0.contains("@") }
                for address in addresses {
                    #expect(address.hasPrefix("sanne.bakker"), "\(path): \(line)")
                }
            }
        }
        let (zipCode, zipOutput) = try tool(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; print(len(z.namelist()))",
                scratch.url.appending(path: "out.zip").path,
            ])
        #expect(zipCode == 0, "\(zipOutput)")
    }

    @Test func processorHeldAudioNeedsTheFlagForACaller() throws {
        #expect(try dsr(["export", "phone:+31681234567", "-o", "plain.zip"]).code == 0)
        #expect(try dsr(["export", "phone:+31681234567", "--include-processor-data", "-o", "full.zip"]).code == 0)
        func audio(_ archive: String) throws -> [String] {
            try tool("/usr/bin/bsdtar", ["-tf", archive]).1.split(separator: "\n").filter { $0.hasSuffix(".wav") }.map(
                String.init)
        }
        func mails(_ archive: String) throws -> [String] {
            try tool("/usr/bin/bsdtar", ["-tf", archive]).1.split(separator: "\n").filter { $0.hasSuffix(".eml") }
                .map(String.init)
        }
        #expect(try audio("plain.zip").isEmpty)
        #expect(try !audio("full.zip").isEmpty)
        // Voicemail notifications carry the same voice (and the owner's mailbox): processor-held too.
        #expect(try mails("plain.zip").count < mails("full.zip").count)
        let letter = try String(contentsOf: try extract("plain.zip").appending(path: "letter.txt"), encoding: .utf8)
        #expect(letter.contains("owner"))
        let log = try dsr(["audit", "log", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as! [[String: Any]]
        let exports = entries.filter { $0["action"] as? String == "export" }.map { $0["details"] as! String }
        #expect(exports.count == 2)
        #expect(exports.first?.contains("\"include_processor_data\":false") == true)
        #expect(exports.last?.contains("\"include_processor_data\":true") == true)
    }

    @Test func counterpartNumbersAreMaskedForTheNumberOwner() throws {
        #expect(try dsr(["export", "email:pieter@smitinstallatie.nl", "-o", "owner.zip"]).code == 0)
        let root = try extract("owner.zip")
        let calls = try json(root.appending(path: "data/cdrs.json")) as! [[String: Any]]
        let related = calls.filter { $0["dsr_relation"] as? String == "related" }
        #expect(!related.isEmpty)
        for call in related {
            let caller = call["caller_number"] as? String ?? ""
            #expect(caller.isEmpty || caller == "withheld" || caller.contains("*"), "masked: \(caller)")
        }
        let audio = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".wav") }
        #expect(!audio.isEmpty, "an owner gets the recordings made for them")
    }

    @Test func namesAreEscapedInTheHTMLAndQuotedInTheCSV() throws {
        let database = try DatabaseQueue(path: folder.appending(path: "ops.db").path)
        try database.write { db in
            try db.execute(
                sql: "UPDATE contacts SET full_name = ? WHERE lower(email) LIKE 'pieter@%'",
                arguments: ["<script>alert(1)</script>"])
            try db.execute(
                sql: "UPDATE contacts SET full_name = ? WHERE lower(email) LIKE 'pieter+%'",
                arguments: ["Иван \"Ване\" Петров, Jr."])
        }
        #expect(try dsr(["export", "email:pieter@smitinstallatie.nl", "-o", "names.zip"]).code == 0)
        let root = try extract("names.zip")
        let html = try String(contentsOf: root.appending(path: "index.html"), encoding: .utf8)
        #expect(!html.contains("<script>alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("\"Ване\""))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http"))
        let csv = try String(contentsOf: root.appending(path: "data/contacts.csv"), encoding: .utf8)
        #expect(csv.contains("\"Иван \"\"Ване\"\" Петров, Jr.\""))
    }

    @Test(arguments: ["en", "nl", "bg"])
    func theLetterComesInEachLanguage(_ language: String) throws {
        #expect(try dsr(["export", "phone:+31681234567", "--lang", language, "-o", "l-\(language).zip"]).code == 0)
        let letter = try String(
            contentsOf: try extract("l-\(language).zip").appending(path: "letter.txt"), encoding: .utf8)
        #expect(letter.contains("Autoriteit Persoonsgegevens"), "the supervisory authority is named")
        if language == "bg" {
            let letters = letter.unicodeScalars.filter { CharacterSet.letters.contains($0) }
            let cyrillic = letters.filter { (0x0400...0x04FF).contains($0.value) }
            #expect(cyrillic.count * 3 > letters.count, "mostly Cyrillic")
        }
    }

    @Test func anEncryptedArchiveOpensOnlyWithItsPassword() throws {
        try Data("correct horse\n".utf8).write(to: scratch.url.appending(path: "pw.txt"))
        let outcome = try dsr([
            "export", "phone:+31681234567", "--encrypt", "--password-file", "pw.txt", "-o", "enc.zip",
        ])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let root = try extract("enc.zip", passphrase: "correct horse")
        #expect(FileManager.default.fileExists(atPath: root.appending(path: "letter.txt").path))
        let wrong = scratch.url.appending(path: "wrong")
        try FileManager.default.createDirectory(at: wrong, withIntermediateDirectories: true)
        _ = try tool("/usr/bin/bsdtar", ["--passphrase", "battery staple", "-xf", "enc.zip", "-C", wrong.path])
        let letter = try? Data(contentsOf: wrong.appending(path: "letter.txt"))
        #expect(letter == nil || letter != (try? Data(contentsOf: root.appending(path: "letter.txt"))))
        #expect(try dsr(["export", "phone:+31681234567", "--encrypt", "-o", "nopw.zip"]).code == 64)
    }

    @Test func aKilledExportLeavesNothingUnderTheFinalName() throws {
        let process = Process()
        process.executableURL = DSRProcess.binary
        process.arguments = [
            "export", "phone:+31681234567", "--include-processor-data", "-o", "killed.zip", "--config", "ws/dsr.yaml",
        ]
        process.currentDirectoryURL = scratch.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(20_000)
        process.interrupt()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            #expect(!FileManager.default.fileExists(atPath: scratch.url.appending(path: "killed.zip").path))
        }
        // Whether or not it finished, never a partial file under the final name: a complete one opens.
        if FileManager.default.fileExists(atPath: scratch.url.appending(path: "killed.zip").path) {
            #expect(try tool("/usr/bin/bsdtar", ["-tf", "killed.zip"]).0 == 0)
        }
        // A partial archive of a killed export holds personal data: the next export removes it.
        try Data("stale".utf8).write(to: scratch.url.appending(path: ".old.zip.partial-999999"))
        #expect(try dsr(["export", "phone:+31681234567", "-o", "next.zip"]).code == 0)
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter {
            $0.contains(".partial-")
        }
        #expect(left.isEmpty, "\(left)")
        #expect(try dsr(["export", "phone:+31681234567", "-o", "next.zip"]).code == 73, "never replaces an archive")
    }

    @Test func aRequestMustBeAVerifiedAccessRequestUnlessForced() throws {
        let opened = try dsr(["request", "open", "--type", "erasure", "phone:+31681234567"])
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        let refused = try dsr(["export", "--request", id])
        #expect(refused.code == 65)
        #expect(refused.stderr.contains("erasure"))
        let forced = try dsr(["export", "--request", id, "--force", "--json"])
        #expect(forced.code == 0, "\(forced.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(forced.stdout.utf8)) as! [String: Any]
        #expect((report["path"] as! String).hasSuffix("\(id)-access.zip"))
        #expect(try dsr(["audit", "log", "--request", id]).stdout.contains("\"forced\":true"))
    }
}

/// Issue 9 items 9 and 14: a portability export of its own, and a page and letter a person reads.
extension ExportEndToEndTests {
    static let owner = ["email:pieter@smitinstallatie.nl", "phone:+31687654321"]

    func opened(_ type: String) throws -> String {
        let opened = try dsr(["request", "open", "--type", type] + Self.owner)
        let id = String(opened.stdout.split(separator: " ").first ?? "")
        #expect(try dsr(["request", "verify", id, "--method", "ID card seen"]).code == 0)
        return id
    }

    @Test func aPortabilityRequestGetsItsOwnLetterAndOnlyWhatArticle20Covers() throws {
        let id = try opened("portability")
        let outcome = try dsr(["export", "--request", id, "--json"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as! [String: Any]
        #expect((report["path"] as! String).hasSuffix("\(id)-portability.zip"))
        #expect(report["kind"] as? String == "portability")
        let portable = try extract(report["path"] as! String)
        let access = try extract(
            try {
                let out = try dsr(["export"] + Self.owner + ["-o", "owner-access.zip"])
                #expect(out.code == 0, "\(out.stderr)")
                return "owner-access.zip"
            }())
        let letter = try String(contentsOf: portable.appending(path: "letter.txt"), encoding: .utf8)
        #expect(letter.contains("Article 20(1)") && letter.contains("Article 20(2)"), "\(letter)")
        #expect(letter.contains("machine-readable") && !letter.contains("Article 15(1)(a)"))
        // Only what the map marks portable: no recordings or voicemails (held for the owner), no
        // invoices (made by us), and no order columns kept under another legal basis.
        let data = { (root: URL) in
            Set(try FileManager.default.contentsOfDirectory(atPath: root.appending(path: "data").path))
        }
        let accessData = try data(access)
        let portableData = try data(portable)
        #expect(accessData.contains("recordings.json") && !portableData.contains("recordings.json"))
        #expect(accessData.contains("voicemails.json") && !portableData.contains("voicemails.json"))
        #expect(portableData.isSubset(of: accessData) && portableData.contains("cdrs.csv"))
        let orders = try json(portable.appending(path: "data/orders.json")) as! [[String: Any]]
        let accessOrders = try json(access.appending(path: "data/orders.json")) as! [[String: Any]]
        #expect(!orders.isEmpty && orders.count == accessOrders.count)
        #expect(orders.allSatisfy { $0["ip_address"] == nil && $0["regulator_info"] == nil && $0["id"] != nil })
        #expect(accessOrders.contains { $0["ip_address"] != nil })
        let portableFiles = try FileManager.default.subpathsOfDirectory(atPath: portable.path)
        #expect(!portableFiles.contains { $0.hasSuffix(".wav") })
        // An access request is not answered with a portability export, nor the other way round.
        let accessID = try opened("access")
        #expect(try dsr(["export", "--request", accessID, "--portability"]).code == 65)
        let answered = try dsr(["export", "--request", accessID, "--json"])
        #expect(answered.stdout.contains("\(accessID)-access.zip"), "\(answered.stderr)")
        #expect(try dsr(["audit", "log", "--request", id]).stdout.contains("\"kind\":\"portability\""))
    }

    @Test func thePageAndTheLetterReadAsWordsNotAsADatabaseDump() throws {
        let outcome = try dsr(
            ["export", "--lang", "nl", "--include-processor-data", "-o", "nl.zip"] + Self.owner
                + ["email:jan.devries@example.nl"])
        #expect(outcome.code == 0, "\(outcome.stderr)")
        let root = try extract("nl.zip")
        let page = try String(contentsOf: root.appending(path: "index.html"), encoding: .utf8)
        let records = String(page[page.range(of: "<section id=\"records\">")!.lowerBound...])
        #expect(records.contains("<h3 id=\"table-cdrs\">Gesprekken ("))
        #expect(records.contains("<th scope=\"col\">Duur</th>") && records.contains("<th scope=\"col\">Kosten</th>"))
        for raw in ["dsr_relation", "duration_s", "charge_cents", "caller_withheld", ">Cdrs", "=?UTF-8?", "=?utf-8?"] {
            #expect(!page.contains(raw), "the page shows \(raw)")
        }
        // Dates in Dutch in the Amsterdam time zone, durations as m:ss, money as € 1,23, ja/nee.
        #expect(records.firstMatch(of: /\d{4}-\d\d-\d\dT\d\d:/) == nil, "no ISO timestamps on the page")
        #expect(
            records.firstMatch(
                of:
                    /data-label="Datum en tijd">\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}, \d\d:\d\d</
            ) != nil)
        #expect(records.firstMatch(of: /data-label="Duur">\d+:\d\d</) != nil)
        #expect(records.firstMatch(of: /data-label="Kosten">€\u{A0}\d+,\d\d</) != nil)
        #expect(
            records.contains("data-label=\"Opnemen aan\">ja<") || records.contains("data-label=\"Opnemen aan\">nee<"))
        // The encoded display name of Jan de Vries's messages reads as a name.
        #expect(page.contains("Jan de Vriës") || page.contains("Vriës"), "decoded names")
        // Recording cards: the number called and the duration.
        let audio = String(page[page.range(of: "<section id=\"audio\">")!.lowerBound...])
        #expect(audio.contains("<dt>Gebeld nummer</dt><dd>+31"))
        #expect(audio.firstMatch(of: /<dt>Duur<\/dt><dd>\d+:\d\d<\/dd>/) != nil)
        // Transfers (Art. 15(2)) and the time zone are stated.
        #expect(page.contains("Buiten de EU/EER") && page.contains("Europe/Amsterdam"))
        let letter = try String(contentsOf: root.appending(path: "letter.txt"), encoding: .utf8)
        #expect(
            letter.firstMatch(
                of:
                    /\n\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4}\n/
            ) != nil)
        #expect(!letter.contains("email:") && letter.contains("e-mailadres pieter@smitinstallatie.nl"))
        #expect(letter.contains("artikel 15, lid 2") && !letter.contains("the owner of the service number"))
        let signature = String(letter[letter.range(of: "Met vriendelijke groet,")!.upperBound...])
        #expect(
            signature.components(separatedBy: "Data Protection Officer").count - 1 == 1, "signed once: \(signature)")
        #expect(!signature.contains("Functionaris"), "\(signature)")
    }
}
