import Foundation
import Logging
import PostgresNIO

/// One connection to a PostgreSQL server, used synchronously.
///
/// postgres-nio is asynchronous; dsr's engine is not. This is the one place the two meet:
/// each statement is sent on the connection's event loop and the calling thread waits for
/// its complete result (`EventLoopFuture.wait()`, never on an event loop thread). Large
/// reads are paged by the reader, so a result never holds a whole table.
final class PostgresLink: @unchecked Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    /// Statements sent so far: each is one round trip to the server.
    private(set) var statementsSent = 0
    /// postgres-nio logs through swift-log; nothing of it may reach a log (queries can carry
    /// values), so every message goes nowhere.
    private static let logger = Logger(label: "dsr.postgres") { _ in SwiftLogNoOpLogHandler() }

    private init(location: PostgresLocation, connection: PostgresConnection) {
        self.location = location
        self.connection = connection
    }

    /// Connects and authenticates.
    ///
    /// - Throws: ``PostgresError``: unreachable (75), credentials refused or TLS failed (65).
    static func connect(_ location: PostgresLocation, password: String?, timeoutSeconds: Double = 10) throws
        -> PostgresLink
    {
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try tlsMode(location.sslMode)
        } catch {
            throw PostgresError.tls(server: location.description, reason: "\(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .milliseconds(Int64(timeoutSeconds * 1000))
        configuration.options.additionalStartupParameters = [("application_name", "dsr"), ("TimeZone", "UTC")]
        let future = PostgresConnection.connect(
            on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1,
            logger: logger)
        do {
            return PostgresLink(location: location, connection: try future.wait())
        } catch {
            throw translate(error, location: location, connecting: true)
        }
    }

    private static func tlsMode(_ mode: PostgresLocation.SSLMode) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch mode {
        case .disable:
            return .disable
        case .allow, .prefer:
            tls.certificateVerification = .none
            return .prefer(try NIOSSLContext(configuration: tls))
        case .require:
            tls.certificateVerification = .none
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyCA:
            tls.certificateVerification = .noHostnameVerification
            return .require(try NIOSSLContext(configuration: tls))
        case .verifyFull:
            tls.certificateVerification = .fullVerification
            return .require(try NIOSSLContext(configuration: tls))
        }
    }

    /// Runs one statement and returns all its rows.
    ///
    /// - Throws: ``PostgresError`` (``PostgresLink/Retry`` for a serialization failure or deadlock).
    func rows(_ sql: String, _ binds: [CellValue] = []) throws -> [PostgresRow] {
        try run(sql, binds).rows
    }

    /// Runs one statement; returns the rows it changed (or returned).
    ///
    /// - Throws: as ``rows(_:_:)``.
    @discardableResult
    func execute(_ sql: String, _ binds: [CellValue] = []) throws -> Int {
        let result = try run(sql, binds)
        return result.metadata.rows ?? result.rows.count
    }

    private func run(_ sql: String, _ binds: [CellValue]) throws -> PostgresQueryResult {
        statementsSent += 1
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            switch value {
            case .null: bindings.appendNull()
            case .integer(let number): bindings.append(number)
            case .real(let number): bindings.append(number)
            case .text(let text): bindings.append(text)
            case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
            }
        }
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: Self.logger).wait()
        } catch {
            throw Self.translate(error, location: location, connecting: false)
        }
    }

    /// `COPY table (columns) FROM STDIN` in text format: `produce` is called on this thread
    /// and hands over chunks of COPY text through its argument, which waits while a few
    /// chunks are still unsent (memory stays a few chunks, whatever the table's size).
    ///
    /// - Throws: ``PostgresError`` for the server's failures; errors of `produce` pass through
    ///   (the COPY is then abandoned and the transaction must be rolled back).
    func copy(into table: String, columns: [String], _ produce: ((ByteBuffer) throws -> Void) throws -> Void) throws {
        let (chunks, sender) = AsyncThrowingStream<ByteBuffer, any Error>.makeStream()
        let slots = DispatchSemaphore(value: 4)
        let finished = DispatchSemaphore(value: 0)
        let outcome = CopyOutcome()
        let connection = connection
        Task {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: Self.logger) { writer in
                    for try await chunk in chunks {
                        try await writer.write(chunk)
                        slots.signal()
                    }
                }
            } catch {
                outcome.set(error)
            }
            outcome.finish()
            finished.signal()
        }
        do {
            try produce { chunk in
                // The server may fail the COPY while chunks wait: then nobody frees a slot.
                while slots.wait(timeout: .now() + .milliseconds(100)) == .timedOut {
                    if outcome.isFinished { throw PostgresLink.CopyAbandoned() }
                }
                if outcome.isFinished { throw PostgresLink.CopyAbandoned() }
                sender.yield(chunk)
            }
            sender.finish()
        } catch is CopyAbandoned {
            sender.finish()
        } catch {
            sender.finish(throwing: error)
            finished.wait()
            throw error
        }
        finished.wait()
        if let error = outcome.error { throw Self.translate(error, location: location, connecting: false) }
    }

    /// The COPY ended on the server's side while chunks were still being made.
    private struct CopyAbandoned: Error {}

    /// What the COPY task ended with, read by the producing thread.
    private final class CopyOutcome: @unchecked Sendable {
        private let lock = NSLock()
        private var failure: (any Error)?
        private var done = false
        var error: (any Error)? { lock.withLock { failure } }
        var isFinished: Bool { lock.withLock { done } }
        func set(_ error: any Error) { lock.withLock { failure = error } }
        func finish() { lock.withLock { done = true } }
    }

    /// Closes the connection.
    func close() {
        try? connection.close().wait()
    }

    /// A serialization failure (40001) or deadlock (40P01): the transaction may be tried again.
    struct Retry: Error {}

    /// postgres-nio's errors as dsr's, keeping values out: only the SQLSTATE of a data error,
    /// the server's message only for classes that name objects, never values.
    static func translate(_ error: any Error, location: PostgresLocation, connecting: Bool) -> any Error {
        guard let error = error as? PSQLError else {
            if connecting {
                return PostgresError.unreachable(host: location.host, port: location.port, reason: "\(error)")
            }
            return error
        }
        let server = location.description
        switch error.code {
        case .server:
            let state = error.serverInfo?[.sqlState] ?? "?????"
            let message = error.serverInfo?[.message] ?? "no message"
            switch state {
            case "40001", "40P01": return Retry()
            case "28P01", "28000": return PostgresError.authentication(server: server)
            case "3D000": return PostgresError.unsupported(server: server, reason: "the database does not exist")
            case "57P01", "57P02", "57P03":
                return PostgresError.unreachable(host: location.host, port: location.port, reason: message)
            default:
                // Classes 08 (connection), 42 (names of tables and columns), 53 (resources) and 55
                // (object state) name objects; any other message may quote a value.
                let named = ["08", "42", "53", "55"].contains(String(state.prefix(2)))
                return PostgresError.server(
                    server: server, sqlState: state, message: named ? message : "(message withheld: it may hold data)")
            }
        case .authMechanismRequiresPassword, .saslError, .unsupportedAuthMechanism:
            return PostgresError.authentication(server: server)
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return PostgresError.tls(server: server, reason: "the server does not offer TLS")
        case .connectionError, .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            if connecting, let underlying = error.underlying, "\(underlying)".contains("SSL") {
                return PostgresError.tls(server: server, reason: "\(underlying)")
            }
            let reason = error.underlying.map { "\($0)" } ?? "the connection failed"
            return PostgresError.unreachable(host: location.host, port: location.port, reason: reason)
        default:
            return PostgresError.server(server: server, sqlState: "-", message: "\(error.code)")
        }
    }
}
