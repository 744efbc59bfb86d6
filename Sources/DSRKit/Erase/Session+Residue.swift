import Foundation

/// What a residue scan looks for after one or more erasures: every stored form of every
/// erased value, the cells kept on purpose that may hold them, and the message files rewritten.
struct ResidueQuestion: Sendable {
    /// Every form to look for (the erased cells' texts and the subjects' identifiers).
    var forms: Set<String> = []
    /// Texts of cells left alone on purpose (retained, related context).
    var keptTexts: [String] = []
    /// The erased subjects: a form that reads as another person's number is not theirs.
    var subjects: Set<SubjectIdentifier> = []
    /// Identifiers whose other rows stay on purpose (a purge): their live cells count as kept.
    var stillLive: Set<SubjectIdentifier> = []
    /// Message files the erasures rewrote, with the label each is reported under.
    var rewritten: [(label: String, url: URL)] = []
    /// How many erasures the question covers.
    var erasures = 0

    init() {}

    /// The question after one erasure of `identifiers`, carried out from `planned`.
    init(
        _ planned: PlannedErasure, _ identifiers: [SubjectIdentifier], stillLive: Set<SubjectIdentifier>, filesRoot: URL
    ) {
        forms = planned.erasedTexts
        for identifier in identifiers {
            forms.insert(identifier.value)
            if case .phone = identifier, identifier.value.hasPrefix("+") {
                forms.insert(String(identifier.value.dropFirst()))
            }
        }
        keptTexts = planned.keptTexts
        subjects = Set(identifiers)
        self.stillLive = stillLive
        let resolver = FileResolver(root: filesRoot)
        rewritten = planned.plan.files.filter { $0.action == .redact }.compactMap { file in
            guard case .file(let url) = resolver.resolve(file.path) else { return nil }
            return ("\(file.table) \(file.key.forMessages) (file)", url)
        }
        erasures = 1
    }

    /// Adds another erasure's question: one scan then answers for both.
    mutating func merge(_ other: ResidueQuestion) {
        forms.formUnion(other.forms)
        keptTexts += other.keptTexts
        subjects.formUnion(other.subjects)
        stillLive.formUnion(other.stillLive)
        rewritten += other.rewritten
        erasures += other.erasures
    }
}

extension Session {
    /// Step 6: scans the operations database and its journal files, the state dir (index and
    /// state database included) and every message file the erasure rewrote for every form of
    /// every erased value; occurrences inside cells kept on purpose are counted apart.
    ///
    /// - Returns: the residue (places named without personal data) and the kept count.
    ///
    /// - Parameter stillLive: identifiers whose other rows stay on purpose (a purge removes a
    ///   caller's old calls, not the recent ones): their live cells are counted as kept.
    func scanResidue(
        _ planned: PlannedErasure, _ identifiers: [SubjectIdentifier], stillLive: Set<SubjectIdentifier> = []
    ) throws -> (ResidueReport, Int) {
        try scanResidue(residueQuestion(planned, identifiers, stillLive: stillLive))
    }

    /// The question a residue scan after this erasure answers.
    func residueQuestion(
        _ planned: PlannedErasure, _ identifiers: [SubjectIdentifier], stillLive: Set<SubjectIdentifier> = []
    ) -> ResidueQuestion {
        ResidueQuestion(planned, identifiers, stillLive: stillLive, filesRoot: workspace.filesRoot)
    }

    /// Scans once for everything `question` asks (one erasure's, or a bulk run's merged).
    ///
    /// - Returns: the residue (places named without personal data) and the kept count.
    func scanResidue(_ question: ResidueQuestion) throws -> (ResidueReport, Int) {
        let forms = question.forms
        let scanner = ResidueScanner(forms: Array(forms))
        let kept = question.keptTexts.reduce(0) { $0 + scanner.count(in: $1) }
        // A database on a server has no files dsr may read: its dead row versions, WAL and
        // backups are the server operator's (the plan and the result say so).
        let files = workspace.operationsFile.map { database in
            [
                ("ops.db", database),
                ("ops.db-wal", URL(filePath: database.path(percentEncoded: false) + "-wal")),
                ("ops.db-journal", URL(filePath: database.path(percentEncoded: false) + "-journal")),
            ]
        }
        var report = try scanner.scan(files ?? [])
        // Live cells that still hold a form are in the database file on purpose: the cells the
        // plan keeps, and other people's values that are written the same way (a national
        // 0681234567 called on a Belgian number is another person's). What is beyond them is residue.
        var live = kept
        if let index = report.places.firstIndex(where: { $0.place == "ops.db" }) {
            if !question.stillLive.isEmpty {
                // A purge erases many people's old rows and keeps their newer ones: the live
                // cells that still hold a form are counted by reading every cell once.
                live = try liveCellOccurrences(scanner)
            } else if report.places[index].count > kept {
                live = kept + (try liveOccurrences(of: forms, scanner, subject: question.subjects))
            }
            report.places[index].count = max(0, report.places[index].count - live)
            if report.places[index].count == 0 { report.places.remove(at: index) }
        }
        let state = try scanner.scanFolder(workspace.stateDir, label: "state")
        let rewritten = try scanner.scan(question.rewritten)
        return (ResidueReport(combining: [ResidueReport(places: report.places), state, rewritten]), live)
    }

    /// Occurrences of the forms in the live rows of every table of the operations database,
    /// read in one pass per table. Each row's values are laid out as SQLite stores a record's
    /// body (text as its bytes, integers big-endian in the fewest bytes, one after another),
    /// so a form that the file's bytes hold across two adjacent values (a service number
    /// followed by a caller stored without its `+`) counts as live, as it is.
    private func liveCellOccurrences(_ scanner: ResidueScanner) throws -> Int {
        try readingOperations { reader, _ in
            let schema = try reader.schema()
            var total = 0
            var body: [UInt8] = []
            for table in schema.tables {
                let columns = schema.columns(of: table)
                guard !columns.isEmpty else { continue }
                try reader.scan(table, columns: columns, rows: nil) { _, values in
                    body.removeAll(keepingCapacity: true)
                    for value in values { Self.append(value, to: &body) }
                    total += scanner.count(in: body)
                }
            }
            return total
        }
    }

    /// Appends `value` as a SQLite record body holds it.
    private static func append(_ value: CellValue, to body: inout [UInt8]) {
        switch value {
        case .text(let text): body.append(contentsOf: text.utf8)
        case .blob(let bytes): body.append(contentsOf: bytes)
        case .integer(let number):
            guard number != 0, number != 1 else { return }
            let size =
                switch number {
                case -128...127: 1
                case -32768...32767: 2
                case -8_388_608...8_388_607: 3
                case -2_147_483_648...2_147_483_647: 4
                case -140_737_488_355_328...140_737_488_355_327: 6
                default: 8
                }
            for index in stride(from: size - 1, through: 0, by: -1) {
                body.append(UInt8(truncatingIfNeeded: number >> (Int64(index) * 8)))
            }
        case .real(let number):
            let bits = number.bitPattern
            for index in stride(from: 7, through: 0, by: -1) {
                body.append(UInt8(truncatingIfNeeded: bits >> (UInt64(index) * 8)))
            }
        case .null: return
        }
    }

    /// Occurrences of the forms in other people's live phone cells: a stored form of the
    /// subject's number that is written the same way as another number (a national
    /// `0681234567` called on a Belgian number is +32 6 8123 4567). Each form is read as a
    /// number of every country dsr knows; the numbers that are not the subject's are looked
    /// up through the index, so the cost is the matches, not the size of the database.
    private func liveOccurrences(of forms: Set<String>, _ scanner: ResidueScanner, subject: Set<SubjectIdentifier>)
        throws -> Int
    {
        var others: Set<SubjectIdentifier> = []
        for form in forms {
            for country in PhoneCountry.all {
                guard let number = try? PhoneNumber.parse(form, context: country.code) else { continue }
                let identifier = SubjectIdentifier.phone(number)
                if !subject.contains(identifier) { others.insert(identifier) }
            }
        }
        guard !others.isEmpty else { return 0 }
        let map = try dataMap()
        return try readingOperations { reader, fingerprint in
            let index = try index()
            try index.refresh(reader, fingerprint: fingerprint)
            let finder = IndexFinder(index: index, map: map, defaultCountry: defaultCountry)
            var seen: Set<RowHandle> = []
            var total = 0
            try index.lookingUp {
                for table in map.tables {
                    for column in table.identifiers where column.kind == .phone {
                        for (row, _) in try finder.rows(matching: others, table: table, column: column, reader) {
                            let handle = RowHandle(table: table.name, number: row)
                            guard seen.insert(handle).inserted,
                                let text = try reader.value(of: column.column, in: handle)?.storedText
                            else { continue }
                            total += scanner.count(in: text)
                        }
                    }
                }
            }
            return total
        }
    }
}
