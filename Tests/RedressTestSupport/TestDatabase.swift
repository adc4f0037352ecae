import Foundation
import Logging
import RedressCore
import RedressStorage
import SQLKit

/// Fresh, migrated databases for tests, on every engine available.
///
/// SQLite always runs. PostgreSQL runs when `REDRESS_TEST_POSTGRES_URL` names a server
/// (`.ci/run` starts one); each test gets its own new database, dropped afterwards. When
/// `REDRESS_TEST_ENGINE_LOG` names a file, each finished test appends "engine test-name" to it,
/// so CI can prove the suite really ran on both engines.
public enum TestDatabase {
    public static let logger: Logger = {
        var logger = Logger(label: "redress-test")
        logger.logLevel = .warning
        return logger
    }()

    /// The engines this run covers.
    public static var engines: [DatabaseEngine] {
        postgresAdminURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }

    static var postgresAdminURL: String? {
        let url = ProcessInfo.processInfo.environment["REDRESS_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    /// Runs `body` against a new database on `engine`, migrated to the newest schema or, with
    /// `schemaVersion`, as an older Redress left it.
    public static func with<T: Sendable>(
        _ engine: DatabaseEngine, test: String = #function, schemaVersion: Int? = nil,
        _ body: @Sendable (Database) async throws -> T
    ) async throws -> T {
        let version = schemaVersion ?? Migrator.latestVersion
        let result: T
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "redress-test-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            result = try await Database.with(
                .sqlite(path: folder.appendingPathComponent("test.sqlite").path), logger: logger
            ) { database in
                try await Migrator(database: database).migrate(through: version)
                return try await body(database)
            }
        case .postgres:
            guard let adminURL = postgresAdminURL, case .postgres(var settings) = try DatabaseLocation(url: adminURL)
            else {
                throw DatabaseError.cannotOpen("REDRESS_TEST_POSTGRES_URL is not set")
            }
            let name =
                "redress_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
            try await Database.with(.postgres(settings), logger: logger) { admin in
                try await admin.withSQL { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            }
            settings.database = name
            // Many test databases are open at once on one server: a small pool each keeps the
            // server's connection limit for the tests that run beside this one.
            settings.poolSize = 6
            do {
                result = try await Database.with(.postgres(settings), logger: logger) { database in
                    try await Migrator(database: database).migrate(through: version)
                    return try await body(database)
                }
            } catch {
                try? await drop(name, adminURL: adminURL)
                throw error
            }
            try await drop(name, adminURL: adminURL)
        }
        record(engine: engine, test: test)
        return result
    }

    /// Runs `body` with two server nodes' databases: on PostgreSQL two connection pools to one new
    /// database (two `redress serve` processes); on SQLite, which one machine serves, the same
    /// database twice.
    public static func withTwoNodes<T: Sendable>(
        _ engine: DatabaseEngine, test: String = #function, _ body: @Sendable (Database, Database) async throws -> T
    ) async throws -> T {
        try await with(engine, test: test) { first in
            guard engine == .postgres, case .postgres(let settings) = first.location else {
                return try await body(first, first)
            }
            return try await Database.with(.postgres(settings), logger: logger) { second in
                try await body(first, second)
            }
        }
    }

    private static func drop(_ name: String, adminURL: String) async throws {
        guard case .postgres(let settings) = try DatabaseLocation(url: adminURL) else { return }
        try await Database.with(.postgres(settings), logger: logger) { admin in
            try await admin.withSQL {
                try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
            }
        }
    }

    private static let recordLock = NSLock()

    private static func record(engine: DatabaseEngine, test: String) {
        guard let path = ProcessInfo.processInfo.environment["REDRESS_TEST_ENGINE_LOG"], !path.isEmpty else { return }
        recordLock.lock()
        defer { recordLock.unlock() }
        let line = Data("\(engine.rawValue) \(test)\n".utf8)
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(line)
            handle.closeFile()
        } else {
            FileManager.default.createFile(atPath: path, contents: line)
        }
    }
}
