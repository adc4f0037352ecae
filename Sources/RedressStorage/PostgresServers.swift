import Logging
import NIOConcurrencyHelpers
import NIOSSL
import PostgresNIO

/// Which PostgreSQL server a node uses, and whether it has one just now.
///
/// PostgresNIO's client talks to one host and, when that server goes, keeps every request
/// waiting until it returns. A node behind a load balancer must instead say at once that it
/// cannot work (503) and carry on by itself when a server is back: the same one restarted, or a
/// standby promoted in its place. So a serving node (`watchInterval` set) checks its server at
/// that interval. After two failed checks it shuts that server's client, which fails the
/// requests queued on it at once, and looks down the URL's list for a server to use (with
/// `readWriteOnly`, one not in recovery); when it finds one it opens a new client there.
final class PostgresServers: Sendable {
    /// What one check of a server found.
    enum Check: Equatable {
        case usable
        case inRecovery
        case failed(String)
    }

    private struct InUse {
        var client: PostgresClient
        var server: Int
        var runner: Task<Void, Never>
    }

    let settings: PostgresSettings
    private let logger: Logger
    private let inUse = NIOLockedValueBox<InUse?>(nil)
    /// A check that has had no answer after this long has failed.
    static let checkDeadline: Duration = .seconds(4)
    /// How long shutting a client may take before it is left to close by itself.
    static let stopDeadline: Duration = .seconds(15)

    private let poolTLS: PostgresClient.Configuration.TLS
    private let checkTLS: PostgresConnection.Configuration.TLS

    /// Throws when the TLS settings cannot be made: never falls back to no TLS.
    init(settings: PostgresSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        self.poolTLS = try settings.tls.clientTLS()
        self.checkTLS = try settings.tls.connectionTLS()
    }

    /// The client of the server in use; `DatabaseError.unavailable` while there is none.
    func client() throws -> PostgresClient {
        guard let client = inUse.withLockedValue({ $0?.client }) else { throw DatabaseError.unavailable }
        return client
    }

    /// Opens a client on the first server that can be used: with one server and no
    /// `readWriteOnly`, the first without a check (its first statement says what is wrong).
    func open() async throws {
        let servers = settings.servers
        if servers.count == 1 && !settings.readWriteOnly {
            await use(0)
            return
        }
        var found: [String] = []
        for index in servers.indices {
            let check = await check(servers[index])
            if check == .usable {
                await use(index)
                return
            }
            found.append("\(servers[index]): \(check == .inRecovery ? "a standby in recovery" : "\(check)")")
        }
        throw DatabaseError.cannotOpen("no server to write to (\(found.joined(separator: "; ")))")
    }

    /// Watches the server in use until cancelled (when `watchInterval` is set), then closes the
    /// client.
    func run() async {
        var failures = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: settings.watchInterval ?? .seconds(3600))
            guard let _ = settings.watchInterval, !Task.isCancelled else { continue }
            if let current = inUse.withLockedValue({ $0?.server }) {
                if await check(settings.servers[current]) == .usable {
                    failures = 0
                    continue
                }
                failures += 1
                guard failures >= 2 else { continue }
                logger.warning("the database server stopped answering; pages answer 503 until one does")
                await stop()
            }
            for index in settings.servers.indices where await check(settings.servers[index]) == .usable {
                await use(index)
                failures = 0
                logger.notice("database server in use", metadata: ["server": "\(settings.servers[index])"])
                break
            }
        }
        await stop()
    }

    private func use(_ index: Int) async {
        let server = settings.servers[index]
        var configuration = PostgresClient.Configuration(
            host: server.host, port: server.port, username: settings.user, password: settings.password,
            database: settings.database, tls: poolTLS)
        configuration.options.maximumConnections = max(1, settings.poolSize)
        configuration.options.connectTimeout = .seconds(10)
        // No JIT compilation: Redress's statements read many rows, not long sums, and compiling the
        // 25,000-case report's statement was a third of its time on the server (65 ms of ~220).
        configuration.options.additionalStartupParameters = [("jit", "off")]
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        // Published once its `run()` has begun, so no request leases from a client not yet running.
        var runner: Task<Void, Never>?
        await withCheckedContinuation { (started: CheckedContinuation<Void, Never>) in
            runner = Task {
                started.resume()
                await client.run()
            }
        }
        guard let runner else { return }
        inUse.withLockedValue { $0 = InUse(client: client, server: index, runner: runner) }
    }

    /// Shuts the client in use: requests waiting for one of its connections fail at once.
    private func stop() async {
        guard
            let stopping = inUse.withLockedValue({ current in
                defer { current = nil }; return current
            })
        else {
            return
        }
        stopping.runner.cancel()
        // PostgresNIO's client returns from `run()` once its connections are closed. One it never
        // hears close from would hold this, and with it a node's shutdown or a test's end, for
        // ever; after `stopDeadline` the client is left to finish by itself.
        let closed = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            let answered = NIOLockedValueBox(false)
            let finish: @Sendable (Bool) -> Void = { value in
                if answered.withLockedValue({ first in
                    defer { first = true }; return !first
                }) {
                    done.resume(returning: value)
                }
            }
            let deadline = Task {
                try? await Task.sleep(for: Self.stopDeadline)
                if !Task.isCancelled { finish(false) }
            }
            Task {
                await stopping.runner.value
                finish(true)
                deadline.cancel()
            }
        }
        if !closed {
            logger.warning("the database client had not closed after \(Self.stopDeadline); left to close by itself")
        }
    }

    /// Connects to `server` on a connection of its own and asks whether it is in recovery,
    /// giving up after `checkDeadline`.
    func check(_ server: PostgresSettings.Server) async -> Check {
        await withTaskGroup(of: Check?.self) { group in
            group.addTask { await self.ask(server) }
            group.addTask {
                try? await Task.sleep(for: Self.checkDeadline)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failed("no answer within \(Self.checkDeadline)")
        }
    }

    private func ask(_ server: PostgresSettings.Server) async -> Check {
        let quiet = Logger(label: "redress.postgres-check", factory: { _ in SwiftLogNoOpLogHandler() })
        var configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: settings.user, password: settings.password,
            database: settings.database, tls: checkTLS)
        configuration.options.connectTimeout = .seconds(3)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 0, logger: quiet)
        } catch {
            return .failed(Self.reason(error))
        }
        let result: Check = await withTaskCancellationHandler {
            do {
                var recovering = false
                let rows = try await connection.query("SELECT pg_is_in_recovery()", logger: quiet)
                for try await value in rows.decode(Bool.self) { recovering = value }
                return recovering && settings.readWriteOnly ? .inRecovery : .usable
            } catch {
                return .failed(Self.reason(error))
            }
        } onCancel: {
            // A server that accepted the connection but does not answer: closing fails the query.
            _ = connection.close() as EventLoopFuture<Void>
        }
        try? await connection.close()
        return result
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)"
        }
        return String(describing: error).prefix(120).description
    }

    /// Whether `error` means the connection it came on is gone: the server closed it, or is
    /// shutting down (SQLSTATE 57P) or lost it (08).
    static func connectionLost(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown: return true
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")
        default: return false
        }
    }

    /// Whether `error` means the server could not be used (gone, shutting down, a standby),
    /// rather than something wrong with the statement.
    static func meansUnavailable(_ error: any Error) -> Bool {
        // The pool's own errors (its circuit breaker after failed connection attempts) come through
        // unwrapped from a module PostgresNIO does not promise: known by their type's name.
        if String(reflecting: type(of: error)).hasSuffix(".ConnectionPoolError") { return true }
        if connectionLost(error) { return true }
        guard let error = error as? PSQLError else { return false }
        // A pool shut because its server went, or a standby that refuses writes (25006).
        return error.code == .poolClosed || (error.code == .server && error.serverInfo?[.sqlState] == "25006")
    }
}

extension PostgresSettings.TLSMode {
    func connectionTLS() throws -> PostgresConnection.Configuration.TLS {
        switch self {
        case .disable: return .disable
        case .prefer: return .prefer(try .init(configuration: .makeClientConfiguration()))
        case .require: return .require(try .init(configuration: .makeClientConfiguration()))
        }
    }
}
