import DSRKit
import Foundation
import GRDB

/// Generates a realistic, messy operations database (CONTRACT.md section 2) and its files,
/// with planted data subjects whose records are known exactly.
public enum DemoGenerator {
    /// Writes ops.db (must not exist yet) and the files under filesRoot (created if absent).
    ///
    /// The same options always give byte-identical output. Only recordings, voicemails and
    /// e-mails have files, and their number is capped, so disk use for files stays bounded
    /// at any `calls`; the calls themselves are streamed, so memory stays bounded too.
    ///
    /// - Throws: ``DemoError`` for bad options, an existing database or unwritable files;
    ///   ``StoreError`` when SQLite fails.
    public static func generate(
        database: URL, filesRoot: URL, options: DemoOptions,
        progress: (@Sendable (DemoProgress) -> Void)?
    ) throws -> DemoReport {
        try options.validate()
        let path = database.path(percentEncoded: false)
        if FileManager.default.fileExists(atPath: path) {
            throw DemoError.databaseExists(path: path)
        }
        let ledger = DemoLedger()
        let world = buildWorld(options: options, ledger: ledger)
        progress?(DemoProgress(phase: "customers", done: options.customers, total: options.customers))
        var plan = DemoPlantedCallPlan(world: world, seed: options.seed)
        plan.build()
        plan.assignIds(calls: options.calls)
        for call in plan.calls {
            if let subject = call.subject { ledger.expect(subject, "cdrs", call.id) }
            let customer = world.services[call.service].customerId
            if let owner = DemoPlantedWorld.owner(ofCustomer: customer), owner != call.subject {
                ledger.relate(owner, "cdrs", call.id)
            }
        }
        let files = try DemoFiles(root: filesRoot)
        let queue = try Store.openOperations(at: database, access: .create)
        var counts: [String: Int] = [:]
        do {
            try queue.writeWithoutTransaction { db in
                guard let connection = db.sqliteConnection else { return }
                do {
                    try fill(db, connection)
                } catch {
                    if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                    throw error
                }
            }
            try queue.close()
        } catch {
            throw StoreError.wrap(error, path: path, timeout: Store.defaultBusyTimeout)
        }
        func fill(_ db: Database, _ connection: OpaquePointer) throws {
            try db.execute(sql: "PRAGMA journal_mode = OFF")
            try db.execute(sql: "PRAGMA synchronous = OFF")
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "PRAGMA cache_size = -32768")
            try db.execute(sql: "BEGIN")
            for statement in DemoSchema.statements { try db.execute(sql: statement) }
            let writer = DemoTableWriter(
                world: world, connection: connection, path: path, seed: options.seed)
            counts["invoices"] = try writer.write()
            try db.execute(sql: "COMMIT")
            try db.execute(sql: "BEGIN")
            let calls = DemoCallWriter(world: world, planted: plan.calls, options: options)
            let insert = try RawStatement(
                "INSERT INTO cdrs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", connection: connection,
                path: path)
            try calls.run(
                insert: insert,
                commit: {
                    try db.execute(sql: "COMMIT")
                    try db.execute(sql: "BEGIN")
                },
                progress: { done in
                    progress?(DemoProgress(phase: "calls", done: done, total: options.calls))
                })
            progress?(DemoProgress(phase: "calls", done: options.calls, total: options.calls))
            let media = DemoMediaWriter(
                world: world, ledger: ledger, files: files, seed: options.seed)
            counts["recordings"] = try media.writeRecordings(
                calls.media,
                insert: RawStatement(
                    "INSERT INTO recordings VALUES (?, ?, ?, ?, ?, ?)", connection: connection,
                    path: path))
            let (voicemails, notifications) = media.voicemails(calls.media)
            var support = DemoSupportMail(
                random: DemoRandom(seed: options.seed, stream: 5), world: world)
            let mails =
                notifications + DemoPlantedMail.messages()
                + support.messages(count: min(160, max(20, options.calls / 600)))
            let emailOf = try media.writeEmails(
                mails, voicemails: voicemails.count,
                insert: RawStatement(
                    "INSERT INTO emails VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    connection: connection, path: path))
            try media.writeVoicemails(
                voicemails, emailOf: emailOf, mails: notifications,
                insert: RawStatement(
                    "INSERT INTO voicemails VALUES (?, ?, ?, ?, ?, ?)", connection: connection,
                    path: path))
            counts["emails"] = mails.count
            counts["voicemails"] = voicemails.count
            try db.execute(sql: "COMMIT")
        }
        counts["customers"] = world.customers.count
        counts["contacts"] = world.contacts.count
        counts["orders"] = world.orders.count
        counts["service_numbers"] = world.services.count
        counts["cdrs"] = options.calls
        progress?(DemoProgress(phase: "files", done: files.count, total: files.count))
        return DemoReport(counts: counts, files: files.count, subjects: ledger.subjects())
    }

    /// The customers, contacts, numbers and orders: planted ones first, then random ones.
    static func buildWorld(options: DemoOptions, ledger: DemoLedger) -> DemoWorld {
        let world = DemoWorld()
        var customers = DemoCustomerFactory(random: DemoRandom(seed: options.seed, stream: 1))
        var numbers = DemoServiceFactory(random: DemoRandom(seed: options.seed, stream: 2))
        DemoPlantedWorld.build(
            into: world, factory: &customers, services: &numbers, ledger: ledger)
        let planted = world.customers.count
        for id in (planted + 1)...options.customers {
            customers.addCustomer(id: id, to: world)
        }
        for index in planted..<options.customers {
            numbers.addNumbers(customerIndex: index, to: world)
        }
        _ = world.planInvoices()
        return world
    }
}
